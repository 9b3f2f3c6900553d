/**
 * The `doccano` format: JSONL, one article per line, for doccano's import of a sequence labelling project
 * (format "JSONL") and of one with relations (format "JSONL(Relation)"). What we checked in doccano/doccano
 * (backend/data_import):
 *
 * - `text` is the example; `label` is `[[start, end, "label"], …]`, the column the sequence labelling
 *   import reads (`column_label`, default "label"); `entities` (`{id, label, start_offset, end_offset}`)
 *   and `relations` (`{id, from_id, to_id, type}`) are what the relation import reads. Each import keeps
 *   the columns it does not read as the example's metadata, so one file serves both (the other import's
 *   columns show up in the metadata).
 * - Offsets count UTF-16 code units, whatever the header's unit: doccano's annotation view is JavaScript,
 *   which indexes strings in UTF-16, and what it stores and exports counts so (doccano/doccano#2290; an
 *   emoji before a span moves it by two, not one). A project created with "Count grapheme clusters as one
 *   character" counts clusters instead: leave that option off. Margin's doccano import reads UTF-16 too.
 * - Entity and relation ids are integers (pydantic's `int`), and older doccano versions look relation ends
 *   up by entity id across a whole batch of lines, not per line: the ids are therefore unique in the whole
 *   file, counted from 1 in export order. A relation goes from the quote or claim to its actor (`speaker`,
 *   `source`).
 * - Doccano drops overlapping spans unless the project allows overlapping spans ("Allow overlapping
 *   entity"): create the project with it, since Margin's tags overlap.
 * - Metadata: `margin_id`, `title`, `source`, `url` and `published_at` (null when unknown). Authors, status,
 *   attributes and notes are not carried (doccano's spans have none): the json format has them.
 */
import type { ExportArticle } from "@/lib/export/shape";
import { OffsetIndex } from "@/lib/tags/offsets";
import type { FormatWriter } from "./types";

type Entity = { id: number; label: string; start_offset: number; end_offset: number };
type Relation = { id: number; from_id: number; to_id: number; type: string };

/** One article's line; `firstId` is the first unused id of the file (entities and relations share the count). */
export function doccanoLine(article: ExportArticle, firstId: number): { line: string; nextId: number } {
  let next = firstId;
  const ids = new Map<string, number>();
  const offsets = new OffsetIndex(article.text);
  const entities: Entity[] = article.tags.map((tag) => {
    const id = next++;
    ids.set(tag.id, id);
    return { id, label: tag.label, start_offset: offsets.toUtf16(tag.start), end_offset: offsets.toUtf16(tag.end) };
  });
  const relations: Relation[] = [];
  for (const relation of article.relations) {
    const from = ids.get(relation.from);
    const to = ids.get(relation.to);
    if (from !== undefined && to !== undefined) relations.push({ id: next++, from_id: from, to_id: to, type: relation.type });
  }
  const line = JSON.stringify({
    text: article.text,
    label: entities.map((entity) => [entity.start_offset, entity.end_offset, entity.label]),
    entities,
    relations,
    margin_id: article.id,
    title: article.title,
    source: article.source,
    url: article.url,
    published_at: article.publishedAt,
  });
  return { line, nextId: next };
}

export function createDoccanoWriter(): FormatWriter {
  let nextId = 1;
  return {
    format: "doccano",
    contentType: "application/jsonl; charset=utf-8",
    extension: "jsonl",
    offsetUnit: "utf16",
    begin: () => "",
    article: (article) => {
      const written = doccanoLine(article, nextId);
      nextId = written.nextId;
      return `${written.line}\n`;
    },
    end: () => "",
  };
}
