/**
 * Planning foreign documents into Margin articles (pure): label map, anchoring, links, metadata, and the
 * round trips of Margin's own labelstudio and spacy exports (lib/export/formats), which must give back the
 * same tags (label, offsets, text) and, for Label Studio, the same links.
 */
import { describe, expect, it } from "vitest";
import { exportHeader, fixtureArticles, runExport } from "@/lib/export/formats/fixtures";
import type { ExportArticle } from "@/lib/export/shape";
import type { ForeignDocument } from "./foreign-document";
import { parseLabelMap } from "./label-map";
import { planArticle, type PlanOptions } from "./plan";
import { readLabelStudio } from "./readers/labelstudio";
import { readSpacy } from "./readers/spacy";

type PlannedTag = { id: string; label: string; start: number; end: number; text: string; attributes: Record<string, unknown> };

function options(map = "", extra: Partial<PlanOptions> = {}): PlanOptions {
  const parsed = parseLabelMap(map);
  if (!parsed.ok) throw new Error(parsed.message);
  return {
    format: "labelstudio",
    map: parsed.map,
    skipUnmapped: false,
    predictions: false,
    now: new Date("2026-12-01T00:00:00Z"),
    ...extra,
  };
}

const tagsOf = (article: Record<string, unknown> | null) => (article?.tags ?? []) as PlannedTag[];
const shape = (tag: { label: string; start: number; end: number; text: string }) => `${tag.label} ${tag.start}-${tag.end} ${tag.text}`;

/** Each link of the original as "label text → label text", to compare across new ids. */
function linksOf(tags: { id: string; label: string; text: string; attributes: Record<string, unknown> }[]): string[] {
  const byId = new Map(tags.map((tag) => [tag.id, tag]));
  return tags
    .flatMap((tag) =>
      ["speakerId", "sourceId"].flatMap((name) => {
        const target = byId.get(tag.attributes[name] as string);
        return target ? [`${tag.label} ${tag.text} → ${target.text}`] : [];
      }),
    )
    .sort();
}

const sorted = (list: string[]) => [...list].sort();

describe("planArticle", () => {
  it("maps labels, anchors in the canonical text, links a quote to its speaker and keeps valid metadata", async () => {
    const text = "“Taxes rise,” said Ana Ruiz.  \r\nAcme Corp agreed 👍🏽.";
    const document: ForeignDocument = {
      label: "file.json#1",
      text,
      unit: "codepoint",
      metadata: { title: "Taxes", url: "not a url", publishedAt: "2026-03-12" },
      spans: [
        { id: "q", label: "QUOTE", start: 0, end: 13, quote: "“Taxes rise,”" },
        { id: "p", label: "PER", start: 19, end: 27, quote: "Ana Ruiz", attributes: { canonicalName: "Ana Ruiz", kind: "person" } },
        { id: "o", label: "ORG", start: 32, end: 41, quote: "Acme Corp", attributes: { canonicalName: "Acme" } },
        { id: "m", label: "MISC", start: 49, end: 53 },
        { id: "x", label: "X", start: 0, end: 5 },
        { id: "pr", label: "PER", start: 19, end: 22, prediction: true },
      ],
      links: [
        { from: "p", to: "q", type: "said_by" },
        { from: "o", to: "p", type: "works_for" },
      ],
    };
    const planned = await planArticle(document, options("PER=actor,ORG=actor,QUOTE=quote,X=skip", { skipUnmapped: true }));
    const article = planned.article!;
    expect(article.text).toBe("“Taxes rise,” said Ana Ruiz.\nAcme Corp agreed 👍🏽.");
    expect(tagsOf(article).map(shape)).toEqual(["quote 0-13 “Taxes rise,”", "actor 19-27 Ana Ruiz", "actor 29-38 Acme Corp"]);
    expect(linksOf(tagsOf(article))).toEqual(["quote “Taxes rise,” → Ana Ruiz"]);
    expect(tagsOf(article)[1]!.attributes).toEqual({ canonicalName: "Ana Ruiz", kind: "person" });
    expect(planned.skipped).toEqual([{ document: "file.json#1", label: "MISC", text: "", reason: 'label "MISC" is not mapped' }]);
    expect(planned.mappedToSkip).toBe(1);
    expect(planned.predictionsSkipped).toBe(1);
    expect(planned.problems).toEqual([
      'relation "works_for" o → p (actor → actor) not imported: Margin links only a quote to its speaker and a claim to its source',
      'url "not a url" not kept: url must be an http(s) address',
    ]);
    expect(article).toMatchObject({ title: "Taxes", url: null, publishedAt: "2026-03-12T00:00:00.000Z", status: "in_progress" });
    expect(planned.history.get("t2")).toEqual({ from: "labelstudio:file.json#1", foreignId: "p", foreignLabel: "PER" });
  });

  it("imports predictions as tags when asked, and reports tags it cannot place", async () => {
    const document: ForeignDocument = {
      label: "d",
      text: "Ana met Ana.",
      unit: "codepoint",
      metadata: {},
      spans: [
        { id: "1", label: "actor", start: 0, end: 3, prediction: true, score: 0.5 },
        { id: "2", label: "actor", quote: "Ana" },
        { id: "3", label: "actor", quote: "Bob" },
      ],
      links: [],
    };
    const planned = await planArticle(document, options("", { predictions: true }));
    expect(tagsOf(planned.article).map(shape)).toEqual(["actor 0-3 Ana"]);
    expect(planned.history.get("t1")).toMatchObject({ prediction: true, score: 0.5 });
    expect(planned.skipped.map((tag) => `${tag.text}: ${tag.reason}`)).toEqual([
      "Ana: not placed: its text occurs 2 times in the article and nothing tells which one is meant",
      "Bob: not placed: its text is not in the article (as imported)",
    ]);
  });
});

describe("round trips of Margin's own exports", () => {
  const originals = fixtureArticles();
  const expected = (article: ExportArticle) => sorted(article.tags.map(shape));

  it("labelstudio: the same tags and the same links, those to another annotator's actor included", async () => {
    const { documents, problems } = readLabelStudio({
      name: "ls.json",
      bytes: Buffer.from(runExport("labelstudio", exportHeader("utf16"), originals)),
    });
    expect(problems).toEqual([]);
    // The fixtures link a quote to an actor another annotator tagged: the export copies that actor into the
    // linking annotation, and the import follows the copy back to the one tag.
    const authorOf = new Map(originals.flatMap((article) => article.tags.map((tag) => [tag.id, tag.authors[0]!.id])));
    const crossing = originals.flatMap((article) =>
      article.tags.filter((tag) => {
        const link = (tag.attributes.speakerId ?? tag.attributes.sourceId) as string | undefined;
        return link !== undefined && authorOf.get(link) !== authorOf.get(tag.id);
      }),
    );
    expect(crossing.length).toBeGreaterThan(0);
    for (const [index, original] of originals.entries()) {
      const planned = await planArticle(documents[index]!, options());
      expect(planned.article!.text).toBe(original.text);
      expect(planned.skipped).toEqual([]);
      expect(sorted(tagsOf(planned.article).map(shape))).toEqual(expected(original));
      expect(planned.article!.title).toBe(original.title);
      expect(linksOf(tagsOf(planned.article))).toEqual(linksOf(original.tags as never));
    }
  });

  it("spacy: the same tags, labels and offsets", async () => {
    const { documents, problems } = readSpacy({
      name: "spacy.jsonl",
      bytes: Buffer.from(runExport("spacy", exportHeader("codepoint"), originals)),
    });
    expect(problems).toEqual([]);
    for (const [index, original] of originals.entries()) {
      const planned = await planArticle(documents[index]!, options("", { format: "spacy" }));
      expect(planned.article!.text).toBe(original.text);
      expect(planned.skipped).toEqual([]);
      expect(sorted(tagsOf(planned.article).map(shape))).toEqual(expected(original));
    }
  });
});
