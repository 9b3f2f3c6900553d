/**
 * The attribution datasets: who said what. `quotes-jsonl` and `quotes-csv` hold one row per exported quote
 * tag, `claims-jsonl` and `claims-csv` one per exported claim, in export order (articles by id, tags by
 * start, end, id). A row has:
 * - the tag: its id (quoteId, claimId), text, start and end in the header's unit (the slice property holds:
 *   the text is the article's text at those offsets), a quote's `direct` (true, false, or null when unset)
 *   and the review status;
 * - its article: id, title, url, publishedAt and source (the outlet);
 * - its speaker (a quote) or source (a claim): the actor tag's id and words, and the record of the project's
 *   registry it counts for (the root, as actorId in the json format) with that record's name. Each is null
 *   when the quote names no speaker, when the speaker tag is not in the export (the filters left it out, as
 *   with labels=quote; the json format keeps such a link in the attributes), or, for the record, when the
 *   actor tag is linked to none.
 * JSON keys are camelCase; the CSV columns are the same names in snake_case, under a header row, with the
 * csv format's rules (RFC 4180, the formula guard on text cells). Everything comes from the exported
 * articles, so a snapshot replays these formats as the live export wrote them that day.
 */
import type { OffsetUnit } from "@/lib/tags/offsets";
import type { ExportArticle, ExportTag } from "@/lib/export/shape";
import { csvRow, type Cell } from "./csv";
import { offsetConverter } from "./jsonl";
import type { FormatWriter } from "./types";

export type AttributionLabel = "quote" | "claim";

/** The role of the linked actor: a quote's speaker, a claim's source. */
const ROLE = { quote: "speaker", claim: "source" } as const;

/** The keys of a row, in order. */
export function attributionKeys(label: AttributionLabel): string[] {
  const role = ROLE[label];
  return [
    `${label}Id`,
    "text",
    "start",
    "end",
    ...(label === "quote" ? ["direct"] : []),
    "status",
    "articleId",
    "articleTitle",
    "articleUrl",
    "articlePublishedAt",
    "articleSource",
    `${role}TagId`,
    `${role}Text`,
    `${role}ActorId`,
    `${role}ActorName`,
  ];
}

/** `speakerActorId` → `speaker_actor_id`. */
export const snakeCase = (key: string) => key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** Each `label` tag of the article as a row's values, in the order of attributionKeys. */
export function attributionValues(article: ExportArticle, label: AttributionLabel, unit: OffsetUnit): Cell[][] {
  const offset = offsetConverter(article.text, unit);
  const tags = new Map(article.tags.map((tag) => [tag.id, tag]));
  const linked = new Map<string, ExportTag>();
  for (const relation of article.relations) {
    const target = relation.type === ROLE[label] ? tags.get(relation.to) : undefined;
    if (target) linked.set(relation.from, target);
  }
  const rows: Cell[][] = [];
  for (const tag of article.tags) {
    if (tag.label !== label) continue;
    const actor = linked.get(tag.id);
    rows.push([
      tag.id,
      tag.text,
      offset(tag.start),
      offset(tag.end),
      ...(label === "quote" ? [tag.attributes.direct ?? null] : []),
      tag.status,
      article.id,
      article.title,
      article.url,
      article.publishedAt,
      article.source,
      actor?.id ?? null,
      actor?.text ?? null,
      actor?.attributes.actorId ?? null,
      actor?.attributes.actorName ?? null,
    ]);
  }
  return rows;
}

export function createAttributionWriter(label: AttributionLabel, encoding: "jsonl" | "csv", unit: OffsetUnit): FormatWriter {
  const keys = attributionKeys(label);
  const format = `${label}s-${encoding}` as const;
  if (encoding === "csv")
    return {
      format,
      contentType: "text/csv; charset=utf-8; header=present",
      extension: "csv",
      offsetUnit: unit,
      begin: () => csvRow(keys.map(snakeCase)),
      article: (article) => attributionValues(article, label, unit).map(csvRow).join(""),
      end: () => "",
    };
  return {
    format,
    contentType: "application/jsonl; charset=utf-8",
    extension: "jsonl",
    offsetUnit: unit,
    begin: () => "",
    article: (article) =>
      attributionValues(article, label, unit)
        .map((values) => `${JSON.stringify(Object.fromEntries(keys.map((key, index) => [key, values[index]])))}\n`)
        .join(""),
    end: () => "",
  };
}
