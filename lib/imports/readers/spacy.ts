/**
 * spaCy / Prodigy JSONL: `{"text", "spans": [{start, end, label, token_start?, token_end?}], "tokens"?,
 * "meta"?, "answer"?}`, one line per document (Margin's own `spacy` export is this too). Offsets are
 * Python string indexes (code points). A Prodigy line answered "reject" or "ignore" is not annotation
 * work to keep: skipped, with a problem saying so. Prodigy's `relations` (`head_span`, `child_span`,
 * `label`) become links between the spans at those offsets.
 */
import type { ForeignDocument, ForeignFile, ForeignProblem, ForeignReadResult } from "@/lib/imports/foreign-document";
import { isObject, metadataFrom, offsetOf, readEachItem } from "./json-items";

function readLine(label: string, value: unknown, problems: ForeignProblem[]): ForeignDocument | null {
  if (!isObject(value) || typeof value.text !== "string") {
    problems.push({ label, error: 'not a spaCy/Prodigy line: expected an object with "text"' });
    return null;
  }
  if (value.answer === "reject" || value.answer === "ignore") {
    problems.push({ label, error: `answered "${value.answer}" in Prodigy: skipped` });
    return null;
  }
  const meta = isObject(value.meta) ? value.meta : {};
  const lineLabel = meta.id !== undefined ? `${label} (id ${String(meta.id)})` : label;
  const document: ForeignDocument = {
    label: lineLabel,
    text: value.text,
    unit: "codepoint",
    metadata: metadataFrom(meta, value),
    spans: [],
    links: [],
  };
  const spans = Array.isArray(value.spans) ? value.spans : [];
  spans.forEach((span, index) => {
    if (!isObject(span) || typeof span.label !== "string") {
      problems.push({ label: lineLabel, error: `span ${index + 1} has no label: not imported` });
      return;
    }
    document.spans.push({ id: String(index + 1), label: span.label, start: offsetOf(span.start), end: offsetOf(span.end) });
  });
  if (Array.isArray(value.relations)) {
    const at = (span: unknown) => {
      if (!isObject(span)) return undefined;
      return document.spans.find(
        (candidate) =>
          candidate.start === span.start && candidate.end === span.end && (span.label === undefined || candidate.label === span.label),
      )?.id;
    };
    for (const relation of value.relations) {
      if (!isObject(relation)) continue;
      const [from, to] = [at(relation.head_span), at(relation.child_span)];
      if (from && to) document.links.push({ from, to, type: typeof relation.label === "string" ? relation.label : "" });
      else problems.push({ label: lineLabel, error: "a relation between spans the line does not hold: not imported" });
    }
  }
  return document;
}

export function readSpacy(file: ForeignFile): ForeignReadResult {
  return readEachItem(file, readLine);
}
