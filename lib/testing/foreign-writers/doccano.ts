/**
 * doccano's sequence-labelling JSONL (https://doccano.github.io/doccano/, "Import dataset" and "Export
 * dataset" for Sequence Labeling, and relation extraction): one JSON object per line.
 * - `sequence`: `{ "id", "text", "label": [[start, end, "LABEL"], ...] }` (spans only).
 * - `relation` (a project with relation labelling): `{ "id", "text", "entities": [{ "id", "label",
 *   "start_offset", "end_offset" }], "relations": [{ "id", "from_id", "to_id", "type" }] }`, ids integers.
 * Offsets: doccano's browser counts JavaScript string positions, i.e. UTF-16 code units, unless the project
 * counts grapheme clusters (doccano#2290 documents it), so an emoji counts two. That is what is written here.
 */
import { type NeutralDataset, type WrittenFile, jsonLines, toUtf16 } from "./model";

export type DoccanoVariant = "sequence" | "relation";

export function writeDoccano(dataset: NeutralDataset, variant: DoccanoVariant = "sequence"): WrittenFile {
  const lines = dataset.documents.map((document, index) => {
    const offsets = (start: number, end: number) => [toUtf16(document.text, start), toUtf16(document.text, end)] as const;
    if (variant === "sequence") {
      return { id: index + 1, text: document.text, label: document.entities.map((e) => [...offsets(e.start, e.end), e.label]) };
    }
    const ids = new Map(document.entities.map((entity, position) => [entity.id, 100 * (index + 1) + position]));
    return {
      id: index + 1,
      text: document.text,
      entities: document.entities.map((entity) => {
        const [start, end] = offsets(entity.start, entity.end);
        return { id: ids.get(entity.id), label: entity.label, start_offset: start, end_offset: end };
      }),
      relations: document.relations.map((relation, position) => ({
        id: position + 1,
        from_id: ids.get(relation.from),
        to_id: ids.get(relation.to),
        type: relation.type,
      })),
    };
  });
  return { name: variant === "sequence" ? "all.jsonl" : "relations.jsonl", bytes: jsonLines(lines) };
}
