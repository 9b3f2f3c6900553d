import { describe, expect, it } from "vitest";
import type { Label } from "@/lib/vocabulary";
import type { ExportArticle } from "@/lib/export/shape";
import { exportHeader, fixtureArticles, newsArticle, runExport, tagOver } from "./fixtures";
import { conll2003Document } from "./conll";

type Token = { token: string; tag: string };
type Document = Token[][];

/**
 * A strict CoNLL-2003 reader, written from the format's description rather than from the writer: every
 * non-blank line is exactly four whitespace-separated fields, a document starts at "-DOCSTART- -X- -X- O",
 * sentences are separated by blank lines, tags are O or B-/I- with a label, and no line is a comment.
 */
function readConll2003(text: string): Document[] {
  expect(text.endsWith("\n")).toBe(true);
  const documents: Document[] = [];
  let sentence: Token[] = [];
  const close = () => {
    if (sentence.length) documents.at(-1)!.push(sentence);
    sentence = [];
  };
  for (const line of text.slice(0, -1).split("\n")) {
    expect(line.startsWith("#"), line).toBe(false);
    if (line.trim() === "") {
      close();
      continue;
    }
    const fields = line.split(/\s+/);
    expect(fields, line).toHaveLength(4);
    if (fields[0] === "-DOCSTART-") {
      expect(sentence).toEqual([]);
      expect(fields).toEqual(["-DOCSTART-", "-X-", "-X-", "O"]);
      documents.push([]);
      continue;
    }
    expect(documents.length, "a token before the first -DOCSTART-").toBeGreaterThan(0);
    expect(fields.slice(1, 3)).toEqual(["-X-", "-X-"]);
    expect(fields[3], line).toMatch(/^(O|[BI]-(actor|claim|figure|quote))$/);
    // IOB2: an I- continues a tag of its label begun on the token before, in the same sentence.
    if (fields[3]!.startsWith("I-")) expect(sentence.at(-1)?.tag.slice(2), line).toBe(fields[3]!.slice(2));
    sentence.push({ token: fields[0]!, tag: fields[3]! });
  }
  close();
  return documents;
}

/** Tagged runs of a document as "label:token token…", in order. */
function runs(document: Document): string[] {
  const found: string[] = [];
  for (const sentence of document)
    for (const { token, tag } of sentence) {
      if (tag.startsWith("B-")) found.push(`${tag.slice(2)}:${token}`);
      else if (tag.startsWith("I-")) found[found.length - 1] += ` ${token}`;
    }
  return found;
}

const TEXT = "Zoë Álvarez said: “Budget cuts hurt.” Mr. Dupont agreed 👍🏽 — twice.\n\nNew line here.";

function smallArticle(): ExportArticle {
  const tag = (exact: string, id: string, label: Label) => tagOver(TEXT, exact, { id, label });
  return {
    ...fixtureArticles()[1]!,
    id: "art-small",
    text: TEXT,
    tags: [
      tag("Zoë Álvarez", "a1", "actor"),
      // Nested in a1: not outermost.
      tag("Álvarez", "a2", "actor"),
      tag("“Budget cuts hurt.”", "q1", "quote"),
      // Nested in q1, and overlapping each other: neither is outermost.
      tag("Budget cuts hurt", "c1", "claim"),
      tag("dget cu", "f1", "figure"),
      // Same words as c3 below, label later in the vocabulary: the claim stays.
      tag("Dupont", "q3", "quote"),
      tag("Dupont", "c3", "claim"),
      // Starts inside "agreed"'s sentence and runs across a paragraph break, into a new sentence.
      tag("agreed 👍🏽 — twice.\n\nNew line", "q2", "quote"),
      // Starts inside q2 and ends after it: overlapping an earlier tag, not outermost; nor is "here",
      // though the only tag it is nested in is not in the column either.
      tag("line here", "c2", "claim"),
      tag("here", "a4", "actor"),
    ].sort((a, b) => a.start - b.start || a.end - b.end),
  };
}

describe("conll writer (CoNLL-2003)", () => {
  it("writes four columns, one label column of the outermost tags, BIO, sentences apart", () => {
    const out = conll2003Document(smallArticle());
    expect(out).toBe(
      [
        "-DOCSTART- -X- -X- O",
        "",
        "Zoë -X- -X- B-actor",
        "Álvarez -X- -X- I-actor",
        "said -X- -X- O",
        ": -X- -X- O",
        "“ -X- -X- B-quote",
        "Budget -X- -X- I-quote",
        "cuts -X- -X- I-quote",
        "hurt -X- -X- I-quote",
        ". -X- -X- I-quote",
        "” -X- -X- I-quote",
        "",
        "Mr -X- -X- O",
        ". -X- -X- O",
        "Dupont -X- -X- B-claim",
        "agreed -X- -X- B-quote",
        "👍🏽 -X- -X- I-quote",
        "— -X- -X- I-quote",
        "twice -X- -X- I-quote",
        ". -X- -X- I-quote",
        "",
        // The quote crosses the paragraph break: it starts again with B- in the new sentence.
        "New -X- -X- B-quote",
        "line -X- -X- I-quote",
        "here -X- -X- O",
        ". -X- -X- O",
        "",
        "",
      ].join("\n"),
    );
    expect(runs(readConll2003(out)[0]!)).toEqual([
      "actor:Zoë Álvarez",
      "quote:“ Budget cuts hurt . ”",
      "claim:Dupont",
      "quote:agreed 👍🏽 — twice .",
      "quote:New line",
    ]);
  });

  it("reads back strictly, whatever the article: the fixtures with curly quotes, em dashes and emoji", () => {
    for (const unit of ["codepoint", "utf16"] as const) {
      const out = runExport("conll", exportHeader(unit), fixtureArticles());
      const documents = readConll2003(out);
      expect(documents).toHaveLength(3);
      for (const document of documents)
        for (const sentence of document) expect(sentence[0]!.tag.startsWith("I-"), JSON.stringify(sentence[0])).toBe(false);
      // The article without tags is all O; the news article keeps only its outermost tags.
      expect(documents[1]!.flat().every((token) => token.tag === "O")).toBe(true);
      expect(runs(documents[0]!)).toEqual([
        "quote:“ We will not back down , ”",
        "actor:Minister Zoë Álvarez",
        "claim:1,219 voters 🗳️ agreed",
        "claim:Critics said the plan",
        "actor:Mr . Dupont",
      ]);
      expect(runs(documents[2]!)).toEqual(["claim:Polls open at 8 a.m .", "actor:the mayor 🗳️"]);
    }
  });

  it("takes the same outermost tag whatever order the tags come in", () => {
    const item = newsArticle();
    const reversed = { ...item, tags: [...item.tags].reverse() };
    expect(conll2003Document(reversed)).toBe(conll2003Document(item));
  });
});
