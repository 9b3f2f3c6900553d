import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { canonicalize } from "./canonical-text";
import { draftArtifacts, draftFromSource, draftParagraphs, finalizeDraft, previewDraft } from "./draft";

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8");

function finalize(...args: Parameters<typeof finalizeDraft>) {
  const result = finalizeDraft(...args);
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

describe("a scraped article with one paragraph per line", () => {
  const source = fixture("scraped-one-per-line.txt");
  const lines = canonicalize(source).split("\n");

  it("loses exactly its furniture, keeps 32 paragraphs and reads its dateline into the published date", async () => {
    const draft = await draftFromSource("text", source, { fileName: "article (3).txt" });
    expect(draft.detected).toEqual({
      title: "Harbour town votes to raise its sea wall by two metres",
      byline: "By Mara Lindqvist",
      publishedAt: new Date("2025-10-14T00:00:00Z"),
    });
    const article = finalize(draft);
    expect(article.removedArtifacts.map((artifact) => [artifact.index, artifact.reason])).toEqual([
      [0, "repeated-headline"],
      [1, "byline"],
      [2, "dateline"],
      [3, "media-placeholder"],
      [14, "media-placeholder"],
      [24, "repeated-headline"],
      [38, "share-buttons"],
      [39, "author-bio"],
      [40, "reactions"],
      ...[41, 42, 43, 44, 45, 46, 47].map((index) => [index, "reactions"]),
    ]);
    expect(article.removedArtifacts.map((artifact) => artifact.text)).toEqual(
      [0, 1, 2, 3, 14, 24, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47].map((index) => lines[index]),
    );
    const kept = article.text.split("\n\n");
    expect(kept).toHaveLength(32);
    // Every kept paragraph is a line of the source, character for character (curly quotes, dashes, emoji).
    expect(kept).toEqual(lines.filter((_, index) => !article.removedArtifacts.some((artifact) => artifact.index === index)));
    expect(kept[0]).toBe(
      "PORT SELDEN — The town council voted 7–2 on Tuesday night to raise the harbour’s sea wall by two metres, ending a debate that has divided the fishing town for more than a decade.",
    );
    expect(kept).toContain("By Tuesday, the last of them had withdrawn their amendments, and the final vote took less than ten minutes.");
    expect(kept).toContain("Updated guidance was published on Oct. 14.");
    expect(kept).toContain("Some residents welcomed the vote with relief. 🌊");
    expect(article.text).toContain("Estuary Research Station 👩‍🔬 say");
    expect(article.publishedAt).toEqual(new Date("2025-10-14T00:00:00Z"));
  });

  it("gives the same paragraphs, furniture and article as the same text with blank lines between paragraphs", async () => {
    const perLine = await draftFromSource("text", source);
    const blankLines = await draftFromSource("text", lines.join("\n\n"));
    expect(draftParagraphs(perLine)).toEqual(lines);
    expect(draftParagraphs(blankLines)).toEqual(lines);
    expect(blankLines.detected).toEqual(perLine.detected);
    expect(previewDraft(blankLines)).toEqual(previewDraft(perLine));
  });

  it("previews what it saves: the same paragraphs, artifact indexes and text", async () => {
    const draft = await draftFromSource("text", source);
    const preview = previewDraft(draft);
    const article = finalize(await draftFromSource("text", source));
    expect(preview.artifacts).toEqual(article.removedArtifacts);
    expect(preview.result).toEqual({ ok: true, title: article.title, text: article.text, wordCount: article.wordCount, removed: 16 });
    // Choosing to keep the author bio in the dialog keeps it in the saved text, at the same index.
    const strip = preview.artifacts.map((artifact) => artifact.index).filter((index) => index !== 39);
    expect(previewDraft(draft, { strip }).result).toMatchObject({
      removed: 15,
      text: expect.stringContaining("Mara Lindqvist is a senior reporter"),
    });
  });

  it("keeps a published date the source gave over its dateline", async () => {
    const article = finalize(await draftFromSource("text", source), { metadata: { publishedAt: new Date("2025-10-13T22:00:00Z") } });
    expect(article.publishedAt).toEqual(new Date("2025-10-13T22:00:00Z"));
  });
});

describe("a hard-wrapped wire story", () => {
  it("joins its 72-column lines into paragraphs and strips its headline and byline", async () => {
    const article = finalize(await draftFromSource("text", fixture("wire-wrapped-72.txt"), { fileName: "wire-0412.txt" }));
    expect(article).toMatchObject({
      title: "Ferry crews accept three-year pay deal, ending summer strike",
      byline: "By Jonas Berg and Lena Ortiz",
    });
    expect(article.text).toBe(fixture("wire-wrapped-72.expected.txt"));
    expect(article.removedArtifacts.map((artifact) => artifact.reason)).toEqual(["repeated-headline", "byline"]);
    expect(article.publishedAt).toBeUndefined();
  });
});

describe("titles of plain text without a headline", () => {
  const source = fixture("long-first-sentence.txt");
  const firstLine = source.split("\n")[0]!;

  it("come from a file name that reads as a title, with nothing removed", async () => {
    expect(firstLine.split(" ")).toHaveLength(35);
    const article = finalize(await draftFromSource("text", source, { fileName: "clips/harbour-dredging-contract-awarded.txt" }));
    expect(article.title).toBe("Harbour dredging contract awarded");
    expect(article.removedArtifacts).toEqual([]);
    expect(article.text).toBe(canonicalize(source).replaceAll("\n", "\n\n"));
  });

  it("come from the first words when the file name says nothing", async () => {
    for (const fileName of ["scan_0001.txt", "export.txt", "article (3).txt", undefined]) {
      const article = finalize(await draftFromSource("text", source, { fileName }));
      expect(article.title).toBe("The regional port authority on Wednesday awarded a £12 million…");
      expect(article.text.startsWith(firstLine)).toBe(true);
      expect(article.removedArtifacts).toEqual([]);
    }
  });
});

describe("a first paragraph ending with a closing quotation mark", () => {
  const source = fixture("quote-first.txt");
  const quote = "“We will not leave this valley, whatever the water does.”";

  it("is the article's first sentence, never a repeated headline", async () => {
    const draft = await draftFromSource("text", source);
    expect(draftArtifacts(draft, undefined)).toEqual([]);
    const article = finalize(draft);
    expect(article.title).toBe(quote);
    expect(article.text.startsWith(`${quote}\n\nThat was how Beatriz Santos`)).toBe(true);
  });

  it("stays even when the caller gives the same words as the title, and with straight quotes", async () => {
    expect(finalize(await draftFromSource("text", source), { metadata: { title: quote } }).text.startsWith(quote)).toBe(true);
    const straight = source.replace(/[“”]/g, '"');
    expect(finalize(await draftFromSource("text", straight)).text.startsWith('"We will not leave')).toBe(true);
  });

  it("in HTML too, while a heading that repeats the title is still a headline", async () => {
    const html = `<html><head><title>${quote}</title></head><body><p>${quote}</p><p>Body text.</p></body></html>`;
    expect(finalize(await draftFromSource("html", html)).text).toBe(`${quote}\n\nBody text.`);
    const heading =
      "<html><head><title>Farmers refuse to leave.</title></head><body><h1>Farmers refuse to leave.</h1><p>Body text.</p></body></html>";
    expect(finalize(await draftFromSource("html", heading)).text).toBe("Body text.");
  });
});

describe("datelines", () => {
  it("above a timeline are removed and dated, while the timeline's own dates stay", async () => {
    const article = finalize(await draftFromSource("text", fixture("timeline.txt")));
    expect(article.publishedAt).toEqual(new Date("2025-10-14T00:00:00Z"));
    expect(article.removedArtifacts.map((artifact) => [artifact.text, artifact.reason])).toEqual([
      ["How the sea wall plan took shape", "repeated-headline"],
      ["Published 14 October 2025", "dateline"],
    ]);
    expect(article.text.split("\n\n")).toContain("March 3, 2014");
    expect(article.text.split("\n\n")).toContain("Oct. 14, 2025");
  });

  it("above the headline are not taken for it", async () => {
    const body = [
      "The council voted 7–2 on Tuesday night to raise the harbour’s sea wall by two metres.",
      "Work on the £41 million wall is due to start next spring and to last about three years.",
    ];
    const draft = await draftFromSource("text", ["Oct. 14, 2025Updated 12:23 p.m. ET", "Sea wall vote", ...body].join("\n"));
    expect(draft.detected).toEqual({ title: "Sea wall vote", publishedAt: new Date("2025-10-14T00:00:00Z") });
    expect(finalize(draft).text).toBe(body.join("\n\n"));
  });

  it("in HTML give the published date when the page's head does not", async () => {
    const draft = await draftFromSource(
      "html",
      "<h1>Sea wall vote</h1><p>October 14, 2025 at 9:02 a.m. EDT</p><p>The council voted 7–2.</p>",
    );
    expect(draft.detected.publishedAt).toEqual(new Date("2025-10-14T13:02:00Z"));
    expect(finalize(draft).text).toBe("The council voted 7–2.");
  });

  it("stay with the text when the import keeps furniture, the date still detected", async () => {
    const article = finalize(await draftFromSource("text", fixture("timeline.txt")), { keepArtifacts: true });
    expect(article.text.split("\n\n")[1]).toBe("Published 14 October 2025");
    expect(article.publishedAt).toEqual(new Date("2025-10-14T00:00:00Z"));
  });
});

describe("verbatim drafts (an article's canonical text, as a dataset holds it)", () => {
  it("keep the paragraphs and line breaks exactly and read nothing from datelines", async () => {
    const text = canonicalize(fixture("timeline.txt"));
    const draft = await draftFromSource("text", text, { verbatim: true });
    expect(draftParagraphs(draft)).toEqual([text]);
    expect(draft.detected.publishedAt).toBeUndefined();
    expect(finalize(draft, { keepArtifacts: true }).text).toBe(text);
  });
});
