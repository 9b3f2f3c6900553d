/**
 * The content guard's rule against what a modified client can send: each hostile update is built with raw
 * Yjs on a client's copy of the article (as a crafted socket message would be), then judged against the
 * server's shadow. The honest side of the rule is the convergence simulation, which runs every simulated
 * editor's updates through it.
 */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { textToDoc } from "@/lib/articles/content";
import { ANNOTATION_MARK } from "@/lib/editor/annotation-mark";
import { articleSchema } from "@/lib/editor/extensions";
import { checkContentUpdate, type ContentSender } from "./content-update";
import { contentFragment, editContent, markSpan, projectContent, seedContent } from "./documents";

const TEXT = "“We counted 1,219 ballots,” said Ana Ruiz 🗳️ — the county clerk.\n\nMore than 200 volunteers waited.";
const at = (words: string) => ({ start: TEXT.indexOf(words), end: TEXT.indexOf(words) + words.length });

const EDITOR: ContentSender = { mayEditText: true, mayMark: true };
const REVIEWER: ContentSender = { mayEditText: false, mayMark: true };
const VIEWER: ContentSender = { mayEditText: false, mayMark: false };

/** The server's shadow (gc off, as the guard keeps it) and a client's copy of it. */
function article() {
  const server = new Y.Doc({ gc: false });
  seedContent(server, textToDoc(TEXT), [
    { id: "ana", span: at("Ana Ruiz") },
    { id: "count", span: at("1,219 ballots") },
  ]);
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return { server, client };
}

/** What the client's change sends: the update of the transaction(s) `change` makes. */
function sent(client: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const before = Y.encodeStateVector(client);
  change(client);
  return Y.encodeStateAsUpdate(client, before);
}

const firstText = (doc: Y.Doc) => (contentFragment(doc).get(0) as Y.XmlElement).get(0) as Y.XmlText;
const known = (id: string) => id === "ana" || id === "count";

function judge(sender: ContentSender, change: (doc: Y.Doc) => void) {
  const { server, client } = article();
  const before = projectContent(server).text;
  const verdict = checkContentUpdate(server, sent(client, change), sender, known);
  return { verdict, server, before };
}

describe("checkContentUpdate", () => {
  it("refuses an unknown mark, the formatting that once erased a paragraph at the next store", () => {
    const { verdict } = judge(REVIEWER, (doc) => firstText(doc).format(0, 3, { evilmark: {} }));
    expect(verdict).toMatchObject({ ok: false, reason: expect.stringMatching(/unknown mark "evilmark"/) });
  });

  it("refuses a tag mark without a tag id, and a mistyped mark key", () => {
    expect(judge(REVIEWER, (doc) => firstText(doc).format(0, 3, { annotation: {} })).verdict).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/tag id/),
    });
    expect(judge(REVIEWER, (doc) => firstText(doc).format(0, 3, { "annotation-x": { id: "a" } })).verdict.ok).toBe(false);
  });

  it("refuses text PostgreSQL cannot store, even from an editor", () => {
    expect(judge(EDITOR, (doc) => firstText(doc).insert(2, "a\u0000b")).verdict).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/NUL/),
    });
    // A lone surrogate cannot even cross the wire: Yjs encodes strings as UTF-8, which replaces it.
    const lone = judge(EDITOR, (doc) => firstText(doc).insert(2, "\ud800"));
    expect(lone.verdict.ok).toBe(true);
    expect(projectContent(lone.server).text.slice(0, 4)).toBe("“W\ufffde");
  });

  it("refuses a reviewer's and a viewer's text changes, whatever shape they take", () => {
    const attempts: [string, (doc: Y.Doc) => void][] = [
      ["inserts characters", (doc) => firstText(doc).insert(0, "x")],
      ["deletes characters", (doc) => firstText(doc).delete(0, 5)],
      ["deletes a paragraph", (doc) => contentFragment(doc).delete(1, 1)],
      ["inserts a paragraph", (doc) => contentFragment(doc).insert(0, [new Y.XmlElement("paragraph")])],
      ["changes a block's attribute", (doc) => (contentFragment(doc).get(0) as Y.XmlElement).setAttribute("level", "2")],
    ];
    for (const [what, change] of attempts) {
      for (const sender of [REVIEWER, VIEWER]) expect(judge(sender, change).verdict.ok, `${what} (${JSON.stringify(sender)})`).toBe(false);
    }
  });

  it("refuses a viewer's marks and anything written outside the article", () => {
    expect(judge(VIEWER, (doc) => markSpan(doc, "mine", at("volunteers"))).verdict.ok).toBe(false);
    expect(judge(EDITOR, (doc) => doc.getMap("elsewhere").set("x", 1)).verdict).toMatchObject({ ok: false, reason: /outside the article/ });
    expect(judge(EDITOR, (doc) => doc.getText("content2").insert(0, "x")).verdict.ok).toBe(false);
  });

  it("refuses unknown nodes, unknown node attributes and embedded objects", () => {
    expect(judge(EDITOR, (doc) => contentFragment(doc).insert(0, [new Y.XmlElement("script")])).verdict).toMatchObject({
      ok: false,
      reason: /unknown node "script"/,
    });
    expect(judge(EDITOR, (doc) => (contentFragment(doc).get(0) as Y.XmlElement).setAttribute("onclick", "x")).verdict).toMatchObject({
      ok: false,
      reason: /unknown attribute "onclick"/,
    });
    expect(judge(EDITOR, (doc) => firstText(doc).insertEmbed(0, { image: "x" })).verdict.ok).toBe(false);
    expect(judge(EDITOR, (doc) => firstText(doc).format(0, 3, { link: { href: "javascript:alert(1)" } })).verdict.ok).toBe(false);
  });

  it("refuses an update that depends on changes the server does not have", () => {
    const { server, client } = article();
    sent(client, (doc) => firstText(doc).insert(0, "A"));
    const second = sent(client, (doc) => firstText(doc).insert(1, "B"));
    expect(checkContentUpdate(server, second, EDITOR, known)).toMatchObject({ ok: false, applied: true, reason: /depends on changes/ });
    expect(checkContentUpdate(new Y.Doc({ gc: false }), new Uint8Array([1, 2, 3]), EDITOR, known)).toMatchObject({ ok: false });
  });

  it("accepts an editor's corrections and a reviewer's own new tag, and changes nothing it refuses", () => {
    const typed = judge(EDITOR, (doc) =>
      editContent(doc, (tr, projection) => tr.insert(projection.positions[TEXT.indexOf("1,219")]!, articleSchema.text("nearly "))),
    );
    expect(typed.verdict).toEqual({ ok: true, spanChanges: new Map() });
    expect(projectContent(typed.server).text).toContain("counted nearly 1,219");

    const tagged = judge(REVIEWER, (doc) => markSpan(doc, "new-tag", at("volunteers")));
    expect(tagged.verdict).toEqual({ ok: true, spanChanges: new Map() });
    expect(projectContent(tagged.server).spans.get("new-tag")).toEqual(at("volunteers"));

    const refused = judge(REVIEWER, (doc) => firstText(doc).delete(0, 5));
    expect(refused.verdict.ok).toBe(false);
  });

  it("reports every move of an existing tag's marks, with its words before and after, for the tag's history", () => {
    // A reviewer widens a colleague's actor tag to the words before it over the socket.
    const { verdict } = judge(REVIEWER, (doc) =>
      editContent(doc, (tr, projection) => {
        const from = projection.positions[TEXT.indexOf("said Ana")]!;
        tr.addMark(from, projection.positions[TEXT.indexOf("Ana")]!, articleSchema.marks[ANNOTATION_MARK]!.create({ id: "ana" }));
      }),
    );
    expect(verdict).toEqual({ ok: true, spanChanges: new Map([["ana", { from: "Ana Ruiz", to: "said Ana Ruiz" }]]) });

    const removed = judge(REVIEWER, (doc) =>
      editContent(doc, (tr) => tr.removeMark(0, tr.doc.content.size, articleSchema.marks[ANNOTATION_MARK]!.create({ id: "count" }))),
    );
    expect(removed.verdict).toEqual({ ok: true, spanChanges: new Map([["count", { from: "1,219 ballots", to: "" }]]) });
  });

  it("never throws, and a refusal made before applying changes nothing, on random damage to real updates", () => {
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed);
    let refusedCount = 0;
    for (let round = 0; round < 300; round++) {
      const { server, client } = article();
      const update = sent(client, (doc) => {
        firstText(doc).insert(next() % 10, "word ");
        firstText(doc).format(next() % 10, 3, { [`${ANNOTATION_MARK}--abcdefgh`]: { id: "fuzz" } });
      });
      const damaged = update.slice();
      for (let flips = 1 + (next() % 3); flips > 0; flips--) damaged[next() % damaged.length] = next() % 256;
      const sender = [EDITOR, REVIEWER, VIEWER][next() % 3]!;
      const before = projectContent(server).text;
      const verdict = checkContentUpdate(server, damaged, sender, known);
      if (!verdict.ok) {
        refusedCount++;
        if (!verdict.applied) expect(projectContent(server).text).toBe(before);
      }
    }
    expect(refusedCount).toBeGreaterThan(0);
  });
});
