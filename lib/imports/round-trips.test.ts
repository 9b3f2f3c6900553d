/**
 * Every format Margin both exports and imports comes back: Margin's own export of the fixture articles
 * (curly quotes, em dashes, emoji with skin tones and variation selectors, overlapping tags, links across
 * annotators) read by the import's reader for that format and planned into articles gives the same tags
 * (label, offsets, text) and the links the format carries. CoNLL carries tokens, not the text: its round
 * trip gives the outermost tags' labels on the same words.
 */
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { exportHeader, fixtureArticles, runExport, runExportBytes } from "@/lib/export/formats/fixtures";
import { outermostRuns } from "@/lib/export/formats/conll";
import type { ExportFormat } from "@/lib/export/formats";
import type { ExportArticle } from "@/lib/export/shape";
import { tokenize } from "@/lib/text/tokens";
import type { ForeignFile, ForeignFormat } from "./foreign-document";
import { parseLabelMap } from "./label-map";
import { planArticle } from "./plan";
import { detectFormat, readForeignFiles } from "./readers";

type PlannedTag = { id: string; label: string; start: number; end: number; text: string; attributes: Record<string, unknown> };

const originals = fixtureArticles();
const shape = (tag: { label: string; start: number; end: number; text: string }) => `${tag.label} ${tag.start}-${tag.end} ${tag.text}`;
const sorted = (list: string[]) => [...list].sort();

/** Each link as "label text → text", comparable across new ids. */
function linksOf(tags: readonly { id: string; label: string; text: string; attributes: Record<string, unknown> }[]): string[] {
  const byId = new Map(tags.map((tag) => [tag.id, tag]));
  return sorted(
    tags.flatMap((tag) =>
      ["speakerId", "sourceId"].flatMap((name) => {
        const target = byId.get(tag.attributes[name] as string);
        return target ? [`${tag.label} ${tag.text} → ${target.text}`] : [];
      }),
    ),
  );
}

/** The export as the files a person would hand to the import (brat's zip as it is; w3c with each text beside it). */
function exported(format: ExportFormat): ForeignFile[] {
  const header = exportHeader("codepoint");
  if (format === "brat") return [{ name: "dataset.brat.zip", bytes: Buffer.from(runExportBytes("brat", header, originals)) }];
  const name = {
    labelstudio: "d.labelstudio.json",
    doccano: "d.doccano.jsonl",
    spacy: "d.spacy.jsonl",
    w3c: "d.w3c.jsonld",
    conll: "d.conll",
  }[format as string]!;
  const files = [{ name, bytes: Buffer.from(runExport(format, header, originals)) }];
  if (format === "w3c") files.push(...originals.map((article) => ({ name: `${article.id}.txt`, bytes: Buffer.from(article.text) })));
  return files;
}

async function roundTrip(format: ForeignFormat) {
  const files = exported(format as ExportFormat);
  expect(detectFormat(files)).toBe(format);
  const { documents, problems } = readForeignFiles(format, files);
  // brat carries each tag's review status, which an import does not keep: said once per file, nothing else.
  const statusOnly = /^the review status of \d+ tags? not imported: imported tags arrive pending$/;
  if (format === "brat") expect(problems.length).toBeGreaterThan(0);
  for (const problem of problems) expect(format === "brat" ? problem.error : JSON.stringify(problem)).toMatch(statusOnly);
  const map = parseLabelMap("");
  if (!map.ok) throw new Error(map.message);
  const options = { format, map: map.map, skipUnmapped: false, predictions: false, now: new Date("2026-12-01T00:00:00Z") };
  return Promise.all(documents.map((document) => planArticle(document, options)));
}

/** The planned article that holds `original`'s text (readers need not keep the export's order). */
function plannedFor(planned: Awaited<ReturnType<typeof roundTrip>>, original: ExportArticle) {
  const found = planned.find((item) => item.article?.text === original.text);
  expect(found, `an article with the text of ${original.id}`).toBeDefined();
  return { tags: (found!.article!.tags ?? []) as PlannedTag[], skipped: found!.skipped };
}

describe("round trips: Margin's export of each format, imported back", () => {
  it.each<[ForeignFormat, { links: boolean }]>([
    ["labelstudio", { links: true }],
    ["doccano", { links: true }],
    ["brat", { links: true }],
    ["w3c", { links: true }],
    ["spacy", { links: false }],
  ])("%s: the same tags, offsets and text, and its links", async (format, carries) => {
    const planned = await roundTrip(format);
    // W3C holds annotations, not articles: an article without tags has nothing in it.
    const carried = format === "w3c" ? originals.filter((article) => article.tags.length) : originals;
    expect(planned).toHaveLength(carried.length);
    for (const original of carried) {
      const { tags, skipped } = plannedFor(planned, original);
      expect(skipped).toEqual([]);
      expect(sorted(tags.map(shape))).toEqual(sorted(original.tags.map(shape)));
      if (carries.links) expect(linksOf(tags)).toEqual(linksOf(original.tags as never));
    }
  });

  it("conll: the outermost tags' labels on the same words (the text is rebuilt from the tokens)", async () => {
    const planned = await roundTrip("conll");
    const words = (text: string) => text.replace(/\s+/gu, "");
    const expected = (article: ExportArticle) => {
      const tokens = tokenize(article.text);
      return outermostRuns(article, tokens).map(
        // `last` is the token after the run.
        (run) => `${run.label} ${words(article.text.slice(tokens[run.first]!.start, tokens[run.last - 1]!.end))}`,
      );
    };
    const got = planned.flatMap((item) => ((item.article?.tags ?? []) as PlannedTag[]).map((tag) => `${tag.label} ${words(tag.text)}`));
    expect(sorted(got)).toEqual(sorted(originals.flatMap(expected)));
    expect(got.length).toBeGreaterThan(3);
  });

  it("brat's zip holds a text and a standoff file per article, as brat reads them", () => {
    const entries = Object.keys(unzipSync(runExportBytes("brat", exportHeader("codepoint"), originals)));
    for (const original of originals) expect(entries.filter((entry) => entry.includes(original.id)).sort()).toHaveLength(2);
  });
});
