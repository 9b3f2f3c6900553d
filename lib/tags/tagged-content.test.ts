import { describe, expect, it } from "vitest";
import { docToText, type ArticleDoc } from "@/lib/articles/content";
import { random } from "@/lib/testing/random";
import { LABELS } from "@/lib/vocabulary";
import { placeTags, tagContent, type ContentTag, type TagPlace, type TaggedBlock, type TaggedInline } from "./tagged-content";

/** An article with what news carries: curly quotes, dashes, emoji, hard breaks, marks, a list and a quote. */
const DOC: ArticleDoc = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Clerk certifies the count 🗳️" }] },
    {
      type: "paragraph",
      content: [
        { type: "text", text: "“We counted 1,219 ballots,” said " },
        { type: "text", text: "Ana Ruiz", marks: [{ type: "bold" }] },
        { type: "text", text: " — the county clerk." },
        { type: "hardBreak" },
        { type: "text", text: "She smiled 😀 at " },
        { type: "text", text: "reporters", marks: [{ type: "link", attrs: { href: "https://example.org" } }] },
        { type: "text", text: "…" },
      ],
    },
    {
      type: "bulletList",
      content: [
        { type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "Turnout rose to 62%." }] }] },
        { type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "Three 🚢 ferries ran late." }] }] },
      ],
    },
    {
      type: "blockquote",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "‘Every vote,’ she said, ", marks: [{ type: "italic" }] },
            { type: "text", text: "‘counts.’" },
          ],
        },
      ],
    },
    { type: "paragraph", content: [{ type: "text", text: "More than 200 volunteers waited outside until dawn." }] },
  ],
};
const TEXT = docToText(DOC);

/** A tag on the `occurrence`-th `words` of TEXT, in code points as the projection stores it. */
function tagOn(words: string, label: ContentTag["label"] = "actor", occurrence = 0): ContentTag {
  let at = -1;
  for (let seen = 0; seen <= occurrence; seen++) at = TEXT.indexOf(words, at + 1);
  if (at < 0) throw new Error(`"${words}" is not in the text`);
  const start = [...TEXT.slice(0, at)].length;
  return { label, status: "pending", start, end: start + [...words].length, text: words };
}

/** The textblocks' inlines in reading order, with the separators docToText puts between them. */
function flatten(blocks: TaggedBlock[]): (TaggedInline | { type: "separator" })[] {
  const out: (TaggedInline | { type: "separator" })[] = [];
  const visit = (block: TaggedBlock) => {
    if (block.type === "paragraph" || block.type === "heading") {
      if (out.length) out.push({ type: "separator" });
      out.push(...block.content);
    } else if (block.type === "blockquote") block.content.forEach(visit);
    else for (const item of block.content) item.content.forEach(visit);
  };
  blocks.forEach(visit);
  return out;
}

/**
 * What each tag's pieces show, read from its first piece to its last: its pieces' text, the breaks between
 * them as the canonical text has them, and any untagged words in between marked «so», which no tag's words
 * contain. Equal to text.slice(start, end) only if the tag's pieces cover exactly its words.
 */
function shownWords(blocks: TaggedBlock[]): Map<TagPlace, string> {
  const reading = new Map<TagPlace, { text: string; kept: number }>();
  for (const inline of flatten(blocks)) {
    const text = inline.type === "separator" ? "\n\n" : inline.type === "hardBreak" ? "\n" : inline.text;
    const tags = inline.type === "text" ? inline.tags : [];
    for (const tag of tags) if (!reading.has(tag)) reading.set(tag, { text: "", kept: 0 });
    for (const [tag, read] of reading) {
      read.text += tags.includes(tag) || inline.type !== "text" ? text : `«${text}»`;
      if (tags.includes(tag)) read.kept = read.text.length;
    }
  }
  return new Map([...reading].map(([tag, read]) => [tag, read.text.slice(0, read.kept)]));
}

/** The content tagged with all of `tags` (none may be left out), and what each tag's pieces show. */
function tagAll(tags: ContentTag[]) {
  const places = placeTags(DOC, tags);
  expect(places).toHaveLength(tags.length);
  const blocks = tagContent(DOC, places);
  const shown = shownWords(blocks);
  return { blocks, places, words: (index: number) => shown.get(places[index]!) };
}

const sliceCodePoints = (start: number, end: number) => [...TEXT].slice(start, end).join("");

describe("tagContent", () => {
  it("cuts the text at every tag's edges and keeps the content's text, marks and blocks", () => {
    const tags = [tagOn("Ana Ruiz"), tagOn("1,219", "figure"), tagOn("the county clerk.\nShe smiled 😀", "claim")];
    const { blocks, places } = tagAll(tags);
    const inlines = flatten(blocks);
    const text = inlines
      .map((inline) => (inline.type === "separator" ? "\n\n" : inline.type === "hardBreak" ? "\n" : inline.text))
      .join("");
    expect(text).toBe(TEXT);
    expect(inlines).toContainEqual({ type: "text", text: "Ana Ruiz", marks: [{ type: "bold" }], tags: [places[0]] });
    expect(inlines).toContainEqual({
      type: "text",
      text: "reporters",
      marks: [{ type: "link", attrs: { href: "https://example.org" } }],
      tags: [],
    });
    expect(blocks.map((block) => block.type)).toEqual(["heading", "paragraph", "bulletList", "blockquote", "paragraph"]);
  });

  it("shows each tag on exactly its words: quotes, dashes, emoji, a hard break, a list, a quote, across paragraphs", () => {
    const tags = [
      tagOn("“We counted 1,219 ballots,”", "quote"),
      tagOn("Ana Ruiz — the county clerk", "actor"),
      tagOn("She smiled 😀 at reporters…", "claim"),
      tagOn("62%", "figure"),
      tagOn("🚢 ferries", "actor"),
      tagOn("‘Every vote,’ she said, ‘counts.’", "quote"),
      tagOn("🗳️", "figure"),
      // Across two paragraphs (a list item and the quote after it), and across a hard break.
      tagOn("ran late.\n\n‘Every vote,’", "claim"),
      tagOn("clerk.\nShe", "claim"),
    ];
    const { words } = tagAll(tags);
    tags.forEach((tag, index) => expect(words(index), tag.text).toBe(sliceCodePoints(tag.start, tag.end)));
  });

  it("nests overlapping tags outermost first and splits the one that runs on past the other", () => {
    const outer = tagOn("Ana Ruiz — the county clerk", "actor");
    const inner = tagOn("the county", "claim");
    const across = tagOn("clerk.\nShe smiled", "quote");
    const { blocks } = tagAll([across, inner, outer]);
    const pieces = flatten(blocks).filter((inline) => inline.type === "text" && inline.tags.length);
    expect(pieces.map((piece) => piece.type === "text" && [piece.text, piece.tags.map(([, , label]) => label)])).toEqual([
      ["Ana Ruiz", ["actor"]],
      [" — ", ["actor"]],
      ["the county", ["actor", "claim"]],
      [" ", ["actor"]],
      ["clerk", ["actor", "quote"]],
      [".", ["quote"]],
      ["She smiled", ["quote"]],
    ]);
  });

  it("keeps every tag exact among hundreds of random, overlapping ones", () => {
    const points = [...TEXT];
    for (let seed = 1; seed <= 20; seed++) {
      const rng = random(seed);
      const tags: ContentTag[] = [];
      while (tags.length < 200) {
        const start = rng.int(points.length);
        const end = Math.min(points.length, start + 1 + rng.int(40));
        const text = points.slice(start, end).join("");
        // Tags hold words: the projection trims breaks from their ends.
        if (/^\n|\n$/.test(text)) continue;
        tags.push({ label: rng.pick(LABELS), status: rng.pick(["pending", "accepted"] as const), start, end, text });
      }
      const { words } = tagAll(tags);
      tags.forEach((tag, index) => expect(words(index), `seed ${seed}: ${JSON.stringify(tag)}`).toBe(tag.text));
    }
  });

  it("leaves out a tag whose offsets do not cover its words, rather than highlight other words", () => {
    const good = tagOn("Ana Ruiz");
    // As if the text had changed between reading the content and the tags: offsets one character off.
    const shifted = { ...tagOn("county clerk", "claim"), start: tagOn("county clerk").start + 1, end: tagOn("county clerk").end + 1 };
    const outside = { ...tagOn("dawn.", "figure"), start: [...TEXT].length - 2, end: [...TEXT].length + 3 };
    const backwards = { ...tagOn("dawn.", "figure"), end: tagOn("dawn.").start };
    const at = TEXT.indexOf("Ana Ruiz");
    expect(placeTags(DOC, [good, shifted, outside, backwards])).toEqual([[at, at + "Ana Ruiz".length, "actor", "pending"]]);
  });

  it("cuts nothing in an article without tags", () => {
    expect(flatten(tagContent(DOC, [])).filter((inline) => inline.type === "text")).toHaveLength(12);
  });
});
