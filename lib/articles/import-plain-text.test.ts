import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { unsafeOperatorProjectAccess } from "@/lib/auth/project-access";
import { prisma } from "@/lib/db/prisma";
import { createProjectWith } from "@/lib/testing/factories";
import { canonicalize } from "./canonical-text";
import { importFile } from "./mutations";

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, "fixtures", name));

async function projectAccess() {
  const { slug } = await createProjectWith({});
  return (await unsafeOperatorProjectAccess(slug, "articles:import"))!;
}

async function storedArticle(result: Awaited<ReturnType<typeof importFile>>[number] | undefined) {
  if (result?.status !== "imported") throw new Error(`not imported: ${JSON.stringify(result)}`);
  return prisma.article.findUniqueOrThrow({ where: { id: result.id } });
}

describe("importing plain text files", () => {
  it("titles a text without a headline by its file name and stores its dateline as the published date", async () => {
    const access = await projectAccess();
    const source = `Oct. 14, 2025Updated 12:23 p.m. ET\n${fixture("long-first-sentence.txt").toString("utf8")}`;
    const [result] = await importFile(
      access,
      { name: "uploads/harbour-dredging-contract-awarded.txt", bytes: Buffer.from(source, "utf8") },
      { origin: "upload" },
    );
    expect(result).toMatchObject({ status: "imported", title: "Harbour dredging contract awarded", removedArtifacts: 1 });
    const row = await storedArticle(result);
    expect(row).toMatchObject({
      title: "Harbour dredging contract awarded",
      publishedAt: new Date("2025-10-14T00:00:00Z"),
      text: canonicalize(fixture("long-first-sentence.txt").toString("utf8")).replaceAll("\n", "\n\n"),
      removedArtifacts: [{ index: 0, text: "Oct. 14, 2025Updated 12:23 p.m. ET", reason: "dateline" }],
    });
  });

  it("stores a scraped one-paragraph-per-line article as its paragraphs, with what was removed and why", async () => {
    const access = await projectAccess();
    const [result] = await importFile(access, { name: "scan_0001.txt", bytes: fixture("scraped-one-per-line.txt") }, { origin: "cli" });
    const row = await storedArticle(result);
    const lines = canonicalize(fixture("scraped-one-per-line.txt").toString("utf8")).split("\n");
    const removed = row.removedArtifacts as { index: number; text: string; reason: string }[];
    expect(row).toMatchObject({
      title: "Harbour town votes to raise its sea wall by two metres",
      byline: "By Mara Lindqvist",
      publishedAt: new Date("2025-10-14T00:00:00Z"),
      origin: "cli:scan_0001.txt",
    });
    expect(removed).toHaveLength(16);
    expect(removed.filter((artifact) => ["dateline", "author-bio"].includes(artifact.reason))).toEqual([
      { index: 2, text: lines[2], reason: "dateline" },
      { index: 39, text: lines[39], reason: "author-bio" },
    ]);
    expect(row.text.split("\n\n")).toHaveLength(32);
    // The rich content holds the same paragraphs as the text: offsets into either agree.
    const content = row.content as { content: { content: { text: string }[] }[] };
    expect(content.content.map((paragraph) => paragraph.content.map((node) => node.text).join(""))).toEqual(row.text.split("\n\n"));
  });
});
