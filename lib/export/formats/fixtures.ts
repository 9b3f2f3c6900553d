/**
 * Export fixtures for the format tests, built in code so that every offset is derived from the text rather
 * than typed by hand: a news article with curly quotes, an em dash, emoji outside the Basic Multilingual
 * Plane ("🗳️", "👍🏽"), nested and overlapping tags, a quote linked to its speaker and a claim to its
 * source; an article without tags; and a short one opening on an emoji whose link crosses annotators.
 */
import { createHash } from "node:crypto";
import { LABEL_STYLES } from "@/lib/tags/label-styles";
import { type Decision, type Label, LABELS } from "@/lib/vocabulary";
import type { OffsetUnit } from "@/lib/tags/offsets";
import {
  CONTEXT_LENGTH,
  type ExportActorRecord,
  type ExportActorRegistry,
  type ExportArticle,
  type ExportHeader,
  type ExportPerson,
  type ExportTag,
} from "@/lib/export/shape";
import { createWriter, serializeArticle, type ExportFormat } from "./index";

export const PEOPLE = {
  ana: { id: "u-ana", email: "ana@example.com", name: "Ana Ruiz" },
  ben: { id: "u-ben", email: "ben@example.com", name: null },
  rita: { id: "u-rita", email: "rita@example.com", name: 'Rita, "the desk"' },
} satisfies Record<string, ExportPerson>;

const CREATED = "2026-03-01T09:00:00.000Z";
const UPDATED = "2026-03-02T10:30:00.000Z";

export function exportHeader(offsetUnit: OffsetUnit): ExportHeader {
  return {
    project: { slug: "budget-watch", name: "Budget watch" },
    labels: LABELS.map((name) => ({ name, description: LABEL_STYLES[name].description })),
    offsetUnit,
    filters: { status: ["accepted", "pending"], from: "2026-01-01" },
    actors: fixtureRegistry(),
  };
}

/** A record name a spreadsheet would run as a formula (it starts with "@"), with a curly apostrophe and an emoji. */
export const MAYOR_RECORD_NAME = "@Mayor’s office 🗳️";

/**
 * The registry the fixture articles' actor tags name (a1, a3, a-mayor; a2 names none), as the export reads it:
 * roots only, Zoë Álvarez with a record merged into her, and a record no tag names.
 */
export function fixtureRegistry(): ExportActorRegistry {
  const record = (fields: Partial<ExportActorRecord> & { id: string; name: string }): ExportActorRecord => ({
    aliases: [],
    kind: null,
    description: null,
    externalId: null,
    mergedIds: [],
    ...fields,
  });
  return {
    listsAll: true,
    records: [
      record({ id: "rec-mayor", name: MAYOR_RECORD_NAME, kind: "government" }),
      record({ id: "rec-dupont", name: "Luc Dupont", kind: "person" }),
      record({ id: "rec-union", name: "Teachers’ union", kind: "organization", aliases: ["the union"] }),
      record({
        id: "rec-alvarez",
        name: "Zoë Álvarez",
        aliases: ["Minister Álvarez", "Z. Álvarez"],
        kind: "person",
        description: 'Finance minister, "the hawk"',
        externalId: "Q4115189",
        mergedIds: ["rec-zoe"],
      }),
    ],
  };
}

/** The text as Python would slice it (code points) or JavaScript would (UTF-16). */
export function sliceIn(text: string, start: number, end: number, unit: OffsetUnit): string {
  return unit === "codepoint" ? [...text].slice(start, end).join("") : text.slice(start, end);
}

type TagFields = Partial<ExportTag> & { id: string; label: Label };

/** A tag over the `occurrence`-th `exact` in `text`, its offsets and context counted in code points. */
export function tagOver(text: string, exact: string, fields: TagFields, occurrence = 1): ExportTag {
  let at = -1;
  for (let found = 0; found < occurrence; found++) {
    at = text.indexOf(exact, at + 1);
    if (at < 0) throw new Error(`"${exact}" does not occur ${occurrence} times`);
  }
  const points = [...text];
  const start = [...text.slice(0, at)].length;
  const end = start + [...exact].length;
  return {
    start,
    end,
    text: exact,
    prefix: points.slice(Math.max(0, start - CONTEXT_LENGTH), start).join(""),
    suffix: points.slice(end, end + CONTEXT_LENGTH).join(""),
    authors: [PEOPLE.ana],
    status: "pending",
    reviews: [],
    attributes: {},
    note: null,
    createdAt: CREATED,
    updatedAt: UPDATED,
    ...fields,
  };
}

function article(fields: Partial<ExportArticle> & { id: string; text: string }): ExportArticle {
  const tags = [...(fields.tags ?? [])].sort((a, b) => a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : 1));
  return {
    title: "Untitled",
    byline: null,
    source: null,
    url: null,
    publishedAt: null,
    language: "en",
    status: "in_review",
    relations: [],
    ...fields,
    tags,
  };
}

export const NEWS_TEXT =
  "“We will not back down,” said Minister Zoë Álvarez — 1,219 voters 🗳️ agreed, she said. Critics said the plan “costs €4.5bn” 👍🏽.\n\n" +
  'Mr. Dupont, the "opposition" leader, disagreed.';

export function newsArticle(): ExportArticle {
  const t = NEWS_TEXT;
  const review = (decision: Decision, comment: string | null) => ({
    reviewer: PEOPLE.rita,
    decision,
    at: "2026-03-03T08:00:00.000Z",
    comment,
  });
  return article({
    id: "art-news",
    title: 'Minister, critics and the "€4.5bn" plan',
    byline: "By Ana Ruiz",
    source: "The Ledger",
    url: "https://news.example/budget?id=1&lang=en",
    publishedAt: "2026-02-28T07:15:00.000Z",
    text: t,
    tags: [
      tagOver(t, "“We will not back down,”", {
        id: "q1",
        label: "quote",
        attributes: { speakerId: "a1", direct: true },
        status: "accepted",
        reviews: [review("accept", 'Checked, "verbatim"')],
      }),
      tagOver(t, "Minister Zoë Álvarez", {
        id: "a1",
        label: "actor",
        authors: [PEOPLE.ana, PEOPLE.ben],
        attributes: { canonicalName: "Zoë Álvarez", kind: "person", actorId: "rec-alvarez", actorName: "Zoë Álvarez" },
        status: "accepted",
      }),
      tagOver(t, "Zoë Álvarez", { id: "a2", label: "actor", authors: [PEOPLE.ben], attributes: { kind: "person" } }),
      tagOver(t, "1,219 voters 🗳️", {
        id: "f1",
        label: "figure",
        authors: [PEOPLE.ben],
        attributes: { value: 1219, unit: "voters", approximate: false },
      }),
      tagOver(t, "1,219 voters 🗳️ agreed", { id: "c1", label: "claim", attributes: { sourceId: "a1" } }),
      tagOver(t, "Critics said the plan", { id: "c3", label: "claim", authors: [PEOPLE.ben] }),
      tagOver(t, "the plan “costs €4.5bn” 👍🏽", { id: "c2", label: "claim" }),
      tagOver(t, "4.5", {
        id: "f2",
        label: "figure",
        authors: [PEOPLE.ben],
        attributes: { value: 4.5, unit: null, approximate: true },
        note: 'Converted, "roughly"\nsee: budget table, p. 4',
        status: "rejected",
        reviews: [review("accept", null), review("reject", "Unit unclear,\r\nask the desk")],
      }),
      tagOver(t, "Mr. Dupont", {
        id: "a3",
        label: "actor",
        attributes: { canonicalName: "Luc Dupont", kind: "person", actorId: "rec-dupont", actorName: "Luc Dupont" },
      }),
    ],
    relations: [
      { from: "c1", to: "a1", type: "source" },
      { from: "q1", to: "a1", type: "speaker" },
    ],
  });
}

export function emptyArticle(): ExportArticle {
  return article({ id: "art-empty", title: 'Budget, "draft" 2', status: "new", language: null, text: "No tags here, yet — 🗳️ soon." });
}

export const POLLS_TEXT = "👍🏽 Polls open at 8 a.m., says the mayor 🗳️.";

export function pollsArticle(): ExportArticle {
  const t = POLLS_TEXT;
  return article({
    id: "art-polls",
    title: "Polls",
    text: t,
    tags: [
      tagOver(t, "Polls open at 8 a.m.", { id: "c-polls", label: "claim", attributes: { sourceId: "a-mayor" } }),
      tagOver(t, "8 a.m.", { id: "f-eight", label: "figure", attributes: { value: 8, unit: "o'clock" } }),
      tagOver(t, "the mayor 🗳️", {
        id: "a-mayor",
        label: "actor",
        authors: [PEOPLE.ben],
        attributes: { actorId: "rec-mayor", actorName: MAYOR_RECORD_NAME },
      }),
    ],
    relations: [{ from: "c-polls", to: "a-mayor", type: "source" }],
  });
}

export function fixtureArticles(): ExportArticle[] {
  return [newsArticle(), emptyArticle(), pollsArticle()];
}

export function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** A whole export's bytes as the pipeline runs it: the dataset version is the SHA-256 of the jsonl body. */
export function runExportBytes(format: ExportFormat, header: ExportHeader, articles: readonly ExportArticle[]): Uint8Array {
  const jsonl = articles.map((item) => `${serializeArticle(item, header.offsetUnit)}\n`).join("");
  const summary = {
    datasetVersion: sha256(jsonl),
    articles: articles.length,
    tags: articles.reduce((sum, item) => sum + item.tags.length, 0),
  };
  const writer = createWriter(format, header);
  const parts = [writer.begin(header), ...articles.map((item, index) => writer.article(item, index)), writer.end(summary)];
  return Buffer.concat(parts.map((part) => (typeof part === "string" ? Buffer.from(part, "utf8") : part)));
}

/** A textual format's whole export as text (a binary format's bytes are not UTF-8: use runExportBytes). */
export function runExport(format: ExportFormat, header: ExportHeader, articles: readonly ExportArticle[]): string {
  return new TextDecoder("utf-8", { fatal: true }).decode(runExportBytes(format, header, articles));
}
