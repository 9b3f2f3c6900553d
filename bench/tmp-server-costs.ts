import * as Y from "yjs";
import { newsText, rng } from "./news-text";
import { canonicalize } from "@/lib/articles/canonical-text";
import { textToDoc } from "@/lib/articles/content";
import { seedContent, contentRoot, readTags, writeTag, projectContent, contentFragment } from "@/lib/tags/documents";
import { projectDocument } from "@/lib/tags/projection";
import { createTag } from "@/lib/tags/operations";
import { LABELS } from "@/lib/vocabulary";

const time = (name: string, f: () => unknown, n = 5) => {
  f();
  const t = performance.now();
  for (let i = 0; i < n; i++) f();
  console.log(name, ((performance.now() - t) / n).toFixed(2), "ms");
};
for (const N of [0, 500, 5000]) {
  const random = rng(1);
  const text = canonicalize(newsText(random, 100000));
  const words = [...text.matchAll(/\p{L}+/gu)];
  const stride = Math.max(1, Math.floor(words.length / Math.max(1, N)));
  const spans = Array.from({ length: N }, (_, i) => ({ id: `t${i}`, span: { start: words[i * stride]!.index!, end: words[i * stride]!.index! + words[i * stride]![0].length } }));
  const content = new Y.Doc();
  seedContent(content, textToDoc(text), spans);
  const tags = new Y.Doc();
  tags.transact(() => spans.forEach((s, i) => writeTag(tags, s.id, { label: LABELS[i % 4]!, authorId: "u", authorName: "U", createdAt: "x", updatedAt: "x", attributes: {}, note: null, status: "pending" })));
  console.log(`N=${N}`);
  time("contentRoot", () => contentRoot(content));
  const root = contentRoot(content);
  time("projectDocument", () => projectDocument(root));
  time("readTags", () => readTags(tags));
  time("encode content", () => Y.encodeStateAsUpdate(content));
  time("encode tags", () => Y.encodeStateAsUpdate(tags));
  // editor path: mark a word then createTag
  let k = 0;
  time("mark+createTag", () => {
    const w = words[7 + 13 * k++]!;
    const frag = contentFragment(content);
    // find paragraph containing offset: crude — format first text of paragraph k
    const p = frag.get(k % frag.length) as Y.XmlElement;
    const t = p.toArray()[0] as Y.XmlText;
    t.format(0, 3, { annotation: { id: `n${k}` } });
    const r = createTag({ content, tags, journal: [] }, { userId: "u", name: "U", role: "owner" }, { id: `n${k}`, label: "actor" }, `n${k}`, "now");
    if (!r.ok) throw new Error(JSON.stringify(r));
  }, 10);
}
