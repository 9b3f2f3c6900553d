/**
 * `margin import --format <foreign format>`: the CLI as its own process (refusal of unmapped labels with
 * exit 1 and nothing written; an import with --map, --skip-unmapped and --predictions), and the command
 * in-process for its progress lines on a file of many documents.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unsafeOperatorProjectAccess } from "@/lib/auth/project-access";
import { prisma } from "@/lib/db/prisma";
import { person, type Person } from "@/lib/export/test-support";
import { createProjectWith } from "@/lib/testing/factories";
import { runEntry } from "@/lib/testing/run-process";
import { importAnnotatedFiles } from "./import-annotated";

const margin = (...args: string[]) => runEntry("scripts/margin.ts", args);

let owner: Person;
let dir: string;

beforeAll(async () => {
  owner = await person("owner");
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "margin-annotated-"));
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const TEXT = "Ana Ruiz 🗳️ told Acme Corp — “no deal.”";

function doccanoFile(name: string, lines: unknown[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, lines.map((line) => JSON.stringify(line)).join("\n") + "\n");
  return file;
}

describe("margin import --format doccano", () => {
  it("refuses unmapped labels with their counts (exit 1, nothing written), then imports with --map and --skip-unmapped", async () => {
    const { slug, projectId } = await createProjectWith({ owner: [owner] });
    const file = doccanoFile("news.jsonl", [
      {
        text: TEXT,
        // doccano counts UTF-16 code units: the emoji before "Acme Corp" (U+1F5F3 U+FE0F) counts three, not two.
        label: [
          [0, 8, "PER"],
          [18, 27, "ORG"],
          [30, 40, "QUOTE"],
          [0, 3, "MISC"],
        ],
        title: "No deal",
      },
    ]);
    const refused = await margin("import", "--project", slug, "--format", "doccano", "--map", "PER=actor", file);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      "Unmapped labels: MISC (1), ORG (1). Map each to actor, claim, figure, quote or skip (e.g. MISC=actor), or give --skip-unmapped",
    );
    expect(await prisma.article.count({ where: { projectId } })).toBe(0);

    const imported = await margin("import", "--project", slug, "--format", "auto", "--map", "PER=actor,ORG=actor", "--skip-unmapped", file);
    expect(imported.code, imported.stderr).toBe(0);
    const out = imported.stdout.trim().split("\n");
    expect(out[0]).toMatch(new RegExp(`^imported   ${file.replace(/[.]/g, "\\.")}:1 → \\w+ "No deal" with 3 tags$`));
    expect(out[1]).toBe(`skipped    ${file}:1: MISC "Ana": label "MISC" is not mapped`);
    expect(out.at(-1)).toBe("1 file (doccano), 1 articles: 1 imported (3 tags), 0 duplicate, 0 failed; 1 tags skipped");
    expect(imported.stderr).toContain("1 of 1 documents");
    const tags = await prisma.annotation.findMany({ where: { article: { projectId } }, orderBy: { start: "asc" } });
    expect(tags.map((tag) => [tag.label, tag.start, tag.end, tag.text, tag.authorId])).toEqual([
      ["actor", 0, 8, "Ana Ruiz", owner.id],
      ["actor", 17, 26, "Acme Corp", owner.id],
      ["quote", 29, 39, "“no deal.”", owner.id],
    ]);
  }, 120_000);

  it("prints progress to stderr every 100 documents", async () => {
    const { slug } = await createProjectWith({ owner: [owner] });
    const file = doccanoFile(
      "many.jsonl",
      Array.from({ length: 250 }, (_, index) => ({
        text: `Article ${index}: Ana Ruiz spoke.`,
        label: [[10 + String(index).length, 18 + String(index).length, "PER"]],
      })),
    );
    const access = (await unsafeOperatorProjectAccess(slug, "articles:import"))!;
    const progress: string[] = [];
    const output = await importAnnotatedFiles(
      access,
      [file],
      { format: "doccano", map: "PER=actor", skipUnmapped: false, predictions: false },
      (line) => progress.push(line),
    );
    // Every 100 documents, and every 2 s between them (which a slow machine may reach too).
    expect(progress[0]).toBe("doccano: 250 documents to import");
    expect(progress).toEqual(expect.arrayContaining(["100 of 250 documents", "200 of 250 documents"]));
    expect(progress.at(-1)).toBe("250 of 250 documents");
    const counts = progress.slice(1).map((line) => Number(/^(\d+) of 250 documents$/.exec(line)![1]));
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(output.stdout!.at(-1)).toBe("1 file (doccano), 250 articles: 250 imported (250 tags), 0 duplicate, 0 failed");
    expect(output.exitCode).toBe(0);
  }, 120_000);
});
