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
import { applyReverts, checkContentUpdate, type ContentSender, type TagOwnership } from "./content-update";
import { contentFragment, editContent, markSpan, projectContent, seedContent } from "./documents";

const TEXT = "“We counted 1,219 ballots,” said Ana Ruiz 🗳️ — the county clerk.\n\nMore than 200 volunteers waited.";
const at = (words: string) => ({ start: TEXT.indexOf(words), end: TEXT.indexOf(words) + words.length });

const OWNER: ContentSender = { mayEditText: true, mayMark: true, mayMarkAnyTag: true };
const EDITOR: ContentSender = { mayEditText: true, mayMark: true, mayMarkAnyTag: false };
const REVIEWER: ContentSender = { mayEditText: false, mayMark: true, mayMarkAnyTag: false };
const VIEWER: ContentSender = { mayEditText: false, mayMark: false, mayMarkAnyTag: false };

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
/** The sender's view: "mine" is their tag, the seeded ones a colleague's, anything else unknown. */
const known: TagOwnership = (id) => (id === "mine" ? "own" : id === "ana" || id === "count" ? "foreign" : "unknown");

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

  it("refuses an update that cuts an emoji's surrogate pair, which Yjs would turn into two replacement characters", () => {
    const emoji = TEXT.indexOf("🗳");
    expect(
      judge(REVIEWER, (doc) => firstText(doc).format(emoji + 1, 3, { [`${ANNOTATION_MARK}--abcdefgh`]: { id: "mine" } })).verdict,
    ).toMatchObject({
      ok: false,
      reason: /cuts a character/,
    });
    expect(judge(EDITOR, (doc) => firstText(doc).insert(emoji + 1, "x")).verdict.ok).toBe(false);
    expect(judge(EDITOR, (doc) => firstText(doc).delete(emoji + 1, 2)).verdict.ok).toBe(false);
    // Whole characters are fine.
    expect(judge(EDITOR, (doc) => firstText(doc).delete(emoji, 2)).verdict.ok).toBe(true);
  });

  it("takes an update that arrives before the one it builds on, and checks what integrates when that one comes", () => {
    // A reconnecting client's new typing can reach the server before its offline edits do.
    const { server, client } = article();
    const first = sent(client, (doc) => firstText(doc).insert(0, "A"));
    const second = sent(client, (doc) => firstText(doc).insert(1, "B"));
    expect(checkContentUpdate(server, second, EDITOR, known)).toMatchObject({ ok: true });
    expect(projectContent(server).text.startsWith("“We")).toBe(true);
    expect(checkContentUpdate(server, first, EDITOR, known)).toMatchObject({ ok: true });
    expect(projectContent(server).text.startsWith("AB“We")).toBe(true);

    // Held back or not, what a reviewer may not send is refused as it arrives.
    const other = article();
    sent(other.client, (doc) => firstText(doc).format(0, 2, { [`${ANNOTATION_MARK}--abcdefgh`]: { id: "mine" } }));
    const forged = sent(other.client, (doc) => firstText(doc).insert(1, "x"));
    expect(checkContentUpdate(other.server, forged, REVIEWER, known)).toMatchObject({ ok: false, applied: false });
    expect(checkContentUpdate(new Y.Doc({ gc: false }), new Uint8Array([1, 2, 3]), EDITOR, known)).toMatchObject({ ok: false });
  });

  it("accepts an editor's corrections and a reviewer's own new tag, and changes nothing it refuses", () => {
    const typed = judge(EDITOR, (doc) =>
      editContent(doc, (tr, projection) => tr.insert(projection.positions[TEXT.indexOf("1,219")]!, articleSchema.text("nearly "))),
    );
    expect(typed.verdict).toEqual({ ok: true, spanChanges: new Map(), reverts: [] });
    expect(projectContent(typed.server).text).toContain("counted nearly 1,219");

    const tagged = judge(REVIEWER, (doc) => markSpan(doc, "new-tag", at("volunteers")));
    expect(tagged.verdict).toEqual({ ok: true, spanChanges: new Map(), reverts: [] });
    expect(projectContent(tagged.server).spans.get("new-tag")).toEqual(at("volunteers"));

    const refused = judge(REVIEWER, (doc) => firstText(doc).delete(0, 5));
    expect(refused.verdict.ok).toBe(false);
  });

  it("puts back a colleague's marks that an update moved, and reports moves of one's own for the tag's history", () => {
    const widen = (id: string) => (doc: Y.Doc) =>
      editContent(doc, (tr, projection) => {
        const from = projection.positions[TEXT.indexOf("said Ana")]!;
        tr.addMark(from, projection.positions[TEXT.indexOf("Ana")]!, articleSchema.marks[ANNOTATION_MARK]!.create({ id }));
      });
    // A reviewer widens a colleague's actor tag over the socket, and removes another's marks altogether.
    for (const change of [
      widen("ana"),
      (doc: Y.Doc) =>
        editContent(doc, (tr) => tr.removeMark(0, tr.doc.content.size, articleSchema.marks[ANNOTATION_MARK]!.create({ id: "count" }))),
    ]) {
      const { verdict, server } = judge(REVIEWER, change);
      if (!verdict.ok) throw new Error(verdict.reason);
      expect(verdict.spanChanges.size).toBe(0);
      expect(verdict.reverts.length).toBeGreaterThan(0);
      applyReverts(server, verdict.reverts, "guard");
      expect(projectContent(server).spans).toEqual(
        new Map([
          ["ana", at("Ana Ruiz")],
          ["count", at("1,219 ballots")],
        ]),
      );
    }

    // The owner may move anyone's tag; the history says from what words to what words.
    const owned = judge(OWNER, widen("ana"));
    expect(owned.verdict).toEqual({ ok: true, spanChanges: new Map([["ana", { from: "Ana Ruiz", to: "said Ana Ruiz" }]]), reverts: [] });
    expect(projectContent(owned.server).spans.get("ana")).toEqual(at("said Ana Ruiz"));
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
