import { describe, expect, it } from "vitest";
import { unsafeOperatorProjectAccess } from "@/lib/auth/project-access";
import { prisma } from "@/lib/db/prisma";
import { createProjectWith, createUser } from "@/lib/testing/factories";
import { hashText, importArticle, importFile } from "./mutations";

async function project() {
  const { slug, projectId } = await createProjectWith({});
  return { projectId, access: (await unsafeOperatorProjectAccess(slug, "articles:import"))! };
}

const file = (name: string, content: string | Buffer) => ({
  name,
  bytes: Buffer.isBuffer(content) ? content : Buffer.from(content, "utf8"),
});

describe("import", () => {
  it("stores the canonical text, its hash, the rich content, metadata, provenance and what was stripped", async () => {
    const { access } = await project();
    const [result] = await importFile(
      access,
      file(
        "wire.txt",
        "Bridge reopens\r\nBy Ada Park\r\n\r\nThe bridge reopened on Friday — two weeks early. 🌉\r\n\r\nShare on Facebook\r\n",
      ),
      { origin: "cli" },
    );
    expect(result).toMatchObject({ label: "wire.txt", status: "imported", title: "Bridge reopens", removedArtifacts: 3 });
    const row = await prisma.article.findUniqueOrThrow({ where: { id: result!.status === "imported" ? result!.id : "" } });
    expect(row).toMatchObject({
      title: "Bridge reopens",
      byline: "By Ada Park",
      text: "The bridge reopened on Friday — two weeks early. 🌉",
      textHash: hashText("The bridge reopened on Friday — two weeks early. 🌉"),
      wordCount: 8,
      origin: "cli:wire.txt",
      status: "new",
    });
    expect(row.content).toEqual({
      type: "doc",
      content: [{ type: "paragraph", content: [{ type: "text", text: "The bridge reopened on Friday — two weeks early. 🌉" }] }],
    });
    expect((row.removedArtifacts as { reason: string }[]).map((artifact) => artifact.reason)).toEqual([
      "repeated-headline",
      "byline",
      "share-buttons",
    ]);
  });

  it("reports a duplicate, even when only line endings and spacing differ, and per project only", async () => {
    const first = await project();
    const second = await project();
    const body = "Same story.\n\nSecond paragraph.";
    const [original] = await importFile(first.access, file("a.txt", body), { origin: "cli" });
    const [again] = await importFile(first.access, file("b.txt", "Same story.  \r\n\r\n\r\nSecond paragraph.\r\n"), { origin: "cli" });
    expect(again).toEqual({
      label: "b.txt",
      status: "duplicate",
      id: original!.status === "imported" ? original!.id : "",
      title: "Same story.",
    });
    expect((await importFile(second.access, file("a.txt", body), { origin: "cli" }))[0]!.status).toBe("imported");
  });

  it("lets exactly one of several simultaneous imports of the same text through", async () => {
    const { access, projectId } = await project();
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, index) =>
        importArticle(access, { label: `copy ${index}`, kind: "text", source: "Race condition story." }, "api"),
      ),
    );
    expect(results.filter((result) => result.status === "imported")).toHaveLength(1);
    expect(results.filter((result) => result.status === "duplicate")).toHaveLength(4);
    expect(await prisma.article.count({ where: { projectId } })).toBe(1);
  });

  it("imports the good items of a batch and writes nothing for the bad ones", async () => {
    const { access, projectId } = await project();
    const batch = [
      file("empty.txt", ""),
      file("blank.md", "   \n\n  "),
      file("binary.txt", Buffer.from([0x00, 0x01, 0x02, 0x41])),
      file("latin1.txt", Buffer.from([0x63, 0x61, 0x66, 0xe9])),
      file("scripts.html", "<script>alert(1)</script><iframe src=x></iframe>"),
      file("slides.pptx", "PK"),
      file(
        "feed.jsonl",
        ['{"title":"Kept one","text":"First good body."}', "{broken", '{"title":"Kept two","html":"<p>Second <b>good</b> body.</p>"}'].join(
          "\n",
        ),
      ),
      file("story.html", "<article><h1>Good HTML</h1><p>Third good body.</p></article>"),
    ];
    const results = (await Promise.all(batch.map((entry) => importFile(access, entry, { origin: "upload" })))).flat();
    expect(results.map((result) => [result.label, result.status, result.status === "failed" ? result.error : result.title])).toEqual([
      ["empty.txt", "failed", "file is empty"],
      ["blank.md", "failed", "file contains only whitespace"],
      ["binary.txt", "failed", "binary file, not text"],
      ["latin1.txt", "failed", "not valid UTF-8 text (save it as UTF-8 and try again)"],
      ["scripts.html", "failed", "No article text found (after removing page furniture, nothing is left)"],
      ["slides.pptx", "failed", expect.stringContaining('unsupported file type ".pptx"')],
      ["feed.jsonl line 1", "imported", "Kept one"],
      ["feed.jsonl line 2", "failed", expect.stringMatching(/^invalid JSON/)],
      ["feed.jsonl line 3", "imported", "Kept two"],
      ["story.html", "imported", "Good HTML"],
    ]);
    const stored = await prisma.article.findMany({ where: { projectId }, orderBy: { title: "asc" }, select: { title: true, text: true } });
    expect(stored).toEqual([
      { title: "Good HTML", text: "Third good body." },
      { title: "Kept one", text: "First good body." },
      { title: "Kept two", text: "Second good body." },
    ]);
  });

  it("reports a corrupt .docx as a failed item", async () => {
    const { access } = await project();
    const [result] = await importFile(access, file("broken.docx", Buffer.from("PK\u0003\u0004garbage")), { origin: "cli" });
    expect(result).toMatchObject({ status: "failed", error: expect.stringContaining("could not read the docx source") });
  });

  it("records who imported the article", async () => {
    const user = await createUser();
    const { slug } = await createProjectWith({ editor: [user] });
    const { authorizeProject } = await import("@/lib/auth/project-access");
    const { actorFor } = await import("@/lib/testing/actors");
    const access = await authorizeProject(await actorFor(user), slug, "articles:import");
    if (!access.ok) throw new Error(access.message);
    const result = await importArticle(access.value, { label: "paste", kind: "text", source: "Imported by a person." }, "paste");
    expect((await prisma.article.findUniqueOrThrow({ where: { id: result.status === "imported" ? result.id : "" } })).createdById).toBe(
      user.id,
    );
  });
});

describe("import of awkward characters", () => {
  it("stores text with a lone surrogate and metadata with control characters as valid, clean Unicode", async () => {
    const { access } = await project();
    const result = await importArticle(
      access,
      { label: "api", kind: "text", source: "Hello \ud800 world 🚢", input: { title: "Title\u0000 with\tNUL", byline: "By\nSomeone" } },
      "api",
    );
    expect(result).toMatchObject({ status: "imported", title: "Title with NUL" });
    const row = await prisma.article.findUniqueOrThrow({ where: { id: result.status === "imported" ? result.id : "" } });
    expect(row).toMatchObject({ text: "Hello \ufffd world 🚢", byline: "By Someone" });
  });
});

describe("import of very long texts", () => {
  it("indexes as much of a text as the search index holds instead of refusing it", async () => {
    const { access, projectId } = await project();
    // About 900,000 characters of distinct three-character CJK words: more than a tsvector's 1 MB.
    const words = Array.from({ length: 220_000 }, (_, index) =>
      String.fromCodePoint(0x4e00 + (index % 20000), 0x4e00 + Math.floor(index / 20000) * 7, 0x9fa5 - (index % 97)),
    );
    const text = words.join(" ");
    const result = await importArticle(access, { label: "long", kind: "text", source: text, input: { title: "長い記事" } }, "api");
    expect(result.status).toBe("imported");
    const { listArticles } = await import("./data");
    const { listArticlesQuerySchema } = await import("./schema");
    const found = await listArticles({ ...access, projectId } as never, listArticlesQuerySchema.parse({ q: words[0] }));
    expect(found.total).toBe(1);
  }, 60_000);
});
