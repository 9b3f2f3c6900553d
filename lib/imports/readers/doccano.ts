/**
 * doccano's JSONL export, either project kind:
 * - sequence labelling: `{"text", "label": [[start, end, "LABEL"], ...]}` (`labels` in some versions);
 * - relation extraction: `{"text", "entities": [{id, label, start_offset, end_offset}], "relations":
 *   [{id, from_id, to_id, type}]}`.
 * Offsets count UTF-16 code units: doccano's annotation view measures JavaScript strings (doccano#2290; an
 * emoji counts two), and its export writes what the view recorded. Other keys are kept as metadata where they
 * fit (title, url, …); a text-classification `label` (a list of strings) is a document category, which
 * Margin has no place for: reported. doccano states no covered text, so a span whose text changes under
 * canonicalisation is anchored by the words at its offsets in the file's own text.
 */
import type { ForeignDocument, ForeignFile, ForeignProblem, ForeignReadResult, ForeignSpan } from "@/lib/imports/foreign-document";
import { isObject, metadataFrom, offsetOf, readEachItem } from "./json-items";

function sequenceSpans(list: unknown[], label: string, problems: ForeignProblem[]): ForeignSpan[] {
  const spans: ForeignSpan[] = [];
  let categories = 0;
  list.forEach((entry, index) => {
    if (Array.isArray(entry) && entry.length >= 3 && typeof entry[2] === "string")
      spans.push({ id: String(index + 1), label: entry[2], start: offsetOf(entry[0]), end: offsetOf(entry[1]) });
    else if (typeof entry === "string") categories++;
    else problems.push({ label, error: `label ${index + 1} is not [start, end, "LABEL"]: not imported` });
  });
  if (categories)
    problems.push({ label, error: `${categories} document categor${categories === 1 ? "y" : "ies"} not imported (text classification)` });
  return spans;
}

function readLine(label: string, value: unknown, problems: ForeignProblem[]): ForeignDocument | null {
  if (!isObject(value) || typeof value.text !== "string") {
    problems.push({ label, error: 'not a doccano line: expected an object with "text"' });
    return null;
  }
  const lineLabel = value.id !== undefined ? `${label} (id ${String(value.id)})` : label;
  const document: ForeignDocument = {
    label: lineLabel,
    text: value.text,
    unit: "utf16",
    metadata: metadataFrom(value, value.meta, value.metadata),
    spans: [],
    links: [],
  };
  if (Array.isArray(value.entities)) {
    value.entities.forEach((entity, index) => {
      if (!isObject(entity) || typeof entity.label !== "string") {
        problems.push({ label: lineLabel, error: `entity ${index + 1} has no label: not imported` });
        return;
      }
      document.spans.push({
        id: String(entity.id ?? `e${index + 1}`),
        label: entity.label,
        start: offsetOf(entity.start_offset),
        end: offsetOf(entity.end_offset),
      });
    });
    if (Array.isArray(value.relations))
      for (const relation of value.relations)
        if (isObject(relation))
          document.links.push({
            from: String(relation.from_id),
            to: String(relation.to_id),
            type: typeof relation.type === "string" ? relation.type : "",
          });
  } else {
    const list = Array.isArray(value.label) ? value.label : Array.isArray(value.labels) ? value.labels : [];
    document.spans = sequenceSpans(list, lineLabel, problems);
  }
  return document;
}

export function readDoccano(file: ForeignFile): ForeignReadResult {
  return readEachItem(file, readLine);
}
