import fs from "node:fs";
import path from "node:path";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { isCanonical } from "./canonical-text";
import { docToText, type ArticleDoc } from "./content";
import { draftArtifacts, draftFromSource, draftParagraphs, finalizeDraft } from "./draft";

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8");

function finalize(...args: Parameters<typeof finalizeDraft>) {
  const result = finalizeDraft(...args);
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

/** Every text node and mark in the document, for checking what survived sanitizing. */
function nodesOf(doc: ArticleDoc): string {
  return JSON.stringify(doc);
}

async function docx(paragraphs: string[]): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    "[Content_Types].xml",
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    "_rels/.rels",
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  const body = paragraphs.map((text) => `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`).join("");
  zip.file(
    "word/document.xml",
    `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: "nodebuffer" });
}

describe("plain text drafts", () => {
  it("take the first line as title, find the byline, strip furniture and give the expected canonical text", async () => {
    const draft = await draftFromSource("text", fixture("wire-crlf.txt"));
    expect(draft.detected).toEqual({ title: "Ferry strike ends after 11 days", byline: "By Jonas Berg" });
    const article = finalize(draft);
    expect(article.text).toBe(fixture("wire-crlf.expected.txt"));
    expect(article.removedArtifacts.map((artifact) => artifact.reason)).toEqual([
      "repeated-headline",
      "byline",
      "media-placeholder",
      "repeated-headline",
      "share-buttons",
    ]);
    expect(article.wordCount).toBe(41);
    expect(docToText(article.content)).toBe(article.text);
  });

  it("keep everything when asked to, and record nothing as removed", async () => {
    const article = finalize(await draftFromSource("text", fixture("wire-crlf.txt")), { keepArtifacts: true });
    expect(article.removedArtifacts).toEqual([]);
    expect(article.text).toContain("Share on Facebook");
  });

  it("follow the user's choice of paragraphs to remove over what was detected", async () => {
    const draft = await draftFromSource("text", "Title line\n\nKeep me\n\nImage\n\nDrop me");
    expect(draftArtifacts(draft, undefined).map((artifact) => artifact.index)).toEqual([0, 2]);
    const article = finalize(draft, { strip: [0, 3] });
    expect(article.text).toBe("Keep me\n\nImage");
    expect(article.removedArtifacts).toEqual([
      { index: 0, text: "Title line", reason: "repeated-headline" },
      { index: 3, text: "Drop me", reason: "manual" },
    ]);
  });

  it("take a title from a first paragraph that is a sentence, without removing that sentence", async () => {
    const article = finalize(await draftFromSource("text", "The council met on Tuesday.\n\nIt voted."));
    expect(article).toMatchObject({
      title: "The council met on Tuesday.",
      text: "The council met on Tuesday.\n\nIt voted.",
      removedArtifacts: [],
    });
  });

  it("never strip a lone paragraph as its own headline", async () => {
    const article = finalize(await draftFromSource("text", "Budget passes 31–12 🎉"));
    expect(article).toMatchObject({ title: "Budget passes 31–12 🎉", text: "Budget passes 31–12 🎉" });
  });

  it("fail cleanly when nothing but furniture is left", async () => {
    expect(finalizeDraft(await draftFromSource("text", "Image\n\nShare"))).toMatchObject({ ok: false, reason: "no_text" });
  });
});

describe("HTML drafts", () => {
  it("read the head's metadata and the article's paragraphs, lists and headings", async () => {
    const draft = await draftFromSource("html", fixture("scraped-page.html"));
    expect(draft.detected).toEqual({
      title: "Council backs new bike lanes",
      byline: "Priya Natarajan",
      source: "Riverside Courier",
      url: "https://courier.example.com/news/bike-lanes",
      publishedAt: new Date("2026-05-04T06:15:00Z"),
      language: "en-GB",
    });
    const article = finalize(draft);
    expect(article.text).toBe(
      [
        "The council voted 9–4 on Tuesday to build 14\u00a0km of protected bike lanes — the city’s largest cycling project.",
        "“It’s about time,” said Cyclists’ Union chair Marta Kowalski.",
        "What happens next",
        "Consultation opens in June.",
        "Work starts in 2027…",
        "Click me for the full plan.\nLine two.",
        "New paragraph.",
      ].join("\n\n"),
    );
    expect(article.removedArtifacts.map((artifact) => [artifact.text, artifact.reason])).toEqual([
      ["Council backs new bike lanes", "repeated-headline"],
      ["By Priya Natarajan", "byline"],
      ["Image", "media-placeholder"],
      ["Share this article", "share-buttons"],
      ["Facebook Twitter Email", "share-buttons"],
      ["What’s Your Reaction?", "reactions"],
      ["Like", "reactions"],
      ["Love", "reactions"],
      ["Angry", "reactions"],
    ]);
    expect(isCanonical(article.text)).toBe(true);
    expect(docToText(article.content)).toBe(article.text);
  });

  it("keep emphasis, links and structure but no scripts, handlers, frames, images or javascript: links", async () => {
    const article = finalize(await draftFromSource("html", fixture("scraped-page.html")));
    const json = nodesOf(article.content);
    expect(json).toContain('{"type":"text","text":"9–4","marks":[{"type":"bold"}]}');
    expect(json).toContain('{"type":"text","text":"Marta Kowalski","marks":[{"type":"italic"}]}');
    expect(json).toContain('{"type":"link","attrs":{"href":"https://example.org/cyclists"}}');
    expect(json).toContain('"type":"heading","attrs":{"level":2}');
    expect(json).toContain('"type":"bulletList"');
    for (const banned of [
      "tracking",
      "injected",
      "alert",
      "steal",
      "iframe",
      "ads.example.com",
      "lanes.jpg",
      "A cyclist",
      "javascript",
      "color: red",
      "Home",
    ]) {
      expect(json).not.toContain(banned);
    }
  });

  it("find no text in HTML that is only scripts", async () => {
    const draft = await draftFromSource("html", "<script>alert('x')</script><style>p{}</style><iframe src='x'></iframe>");
    expect(draftParagraphs(draft)).toEqual([]);
    expect(finalizeDraft(draft)).toMatchObject({ ok: false, reason: "no_text" });
  });
});

describe("Markdown and .docx drafts", () => {
  it("render Markdown through the same sanitizer", async () => {
    const draft = await draftFromSource("markdown", fixture("feature.md"));
    expect(draft.detected).toMatchObject({ title: "Night trains return to the valley", byline: "By Ana Sousa" });
    const article = finalize(draft);
    expect(article.text).toBe(
      "After a decade-long pause, the Valley Sleeper will run again from 2027 — three nights a week.\n\nTickets go on sale in March.\n\nFares start at €49…",
    );
    expect(JSON.stringify(article.content)).not.toContain("alert");
  });

  it("read a Word document's paragraphs", async () => {
    const draft = await draftFromSource(
      "docx",
      await docx(["Mayor resigns", "By Lena Ortiz", "The mayor of Brückenau resigned on Friday — citing “health reasons”."]),
    );
    const article = finalize(draft);
    expect(article).toMatchObject({
      title: "Mayor resigns",
      byline: "By Lena Ortiz",
      text: "The mayor of Brückenau resigned on Friday — citing “health reasons”.",
    });
  });

  it("reject a file that is not really a .docx", async () => {
    await expect(draftFromSource("docx", Buffer.from("PK\u0003\u0004 not a zip"))).rejects.toThrow();
  });
});

describe("HTML edge cases", () => {
  it("keeps structure and links when the page has stray invisible characters or empty formatting", async () => {
    const article = finalize(
      await draftFromSource(
        "html",
        '<h1>Head</h1><p>Some <a href="https://example.com">link</a> text\uFEFF.</p><p>foo <b> </b></p><p><b> </b> hello</p><ul><li>x\u0007</li></ul>',
      ),
    );
    expect(article.text).toBe("Some link text.\n\nfoo\n\nhello\n\nx");
    const json = JSON.stringify(article.content);
    expect(json).toContain('"type":"link","attrs":{"href":"https://example.com/"}');
    expect(json).toContain('"type":"bulletList"');
  });
});
