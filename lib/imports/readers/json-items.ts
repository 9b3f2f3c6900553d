/**
 * What the JSON-based readers share: a file's items (a JSON array, one JSON object, or JSON Lines), each
 * with a label for reports, and the article metadata an item may carry under the names tools use for it.
 * A line that is not JSON is a problem of its own, so one broken line does not cost the rest of the file.
 */
import type { ForeignDocument, ForeignFile, ForeignProblem, ForeignReadResult } from "@/lib/imports/foreign-document";

export type JsonItem = { label: string; value: unknown };

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The file's text without a byte-order mark (editors on Windows add one; JSON.parse refuses it). */
function textOf(file: ForeignFile): string {
  return file.bytes.toString("utf8").replace(/^\uFEFF/, "");
}

/**
 * Items of a `.json` file (an array, or one object) or of JSON Lines (`.jsonl`, or a `.json` that is not one
 * JSON value but parses line by line, as doccano's and Prodigy's exports often are named).
 */
export function readJsonItems(file: ForeignFile): { items: JsonItem[]; problems: ForeignProblem[] } {
  const text = textOf(file);
  if (!file.name.toLowerCase().endsWith(".jsonl")) {
    try {
      const value: unknown = JSON.parse(text);
      const values = Array.isArray(value) ? value : [value];
      return { items: values.map((item, index) => ({ label: `${file.name}#${index + 1}`, value: item })), problems: [] };
    } catch {
      // Not one JSON value: read as JSON Lines below, which says which line is broken.
    }
  }
  const items: JsonItem[] = [];
  const problems: ForeignProblem[] = [];
  text.split(/\r\n?|\n/).forEach((line, index) => {
    if (!line.trim()) return;
    const label = `${file.name}:${index + 1}`;
    try {
      items.push({ label, value: JSON.parse(line) });
    } catch {
      problems.push({ label, error: "not valid JSON (a JSON Lines file holds one JSON object per line)" });
    }
  });
  if (!items.length && !problems.length) problems.push({ label: file.name, error: "the file is empty" });
  return { items, problems };
}

const METADATA_KEYS: Record<keyof ForeignDocument["metadata"], string[]> = {
  title: ["title", "headline", "name"],
  byline: ["byline", "author", "authors"],
  source: ["source", "site", "publisher"],
  url: ["url", "link", "canonical_url", "canonicalUrl"],
  publishedAt: ["publishedAt", "published_at", "date", "published", "datePublished"],
  language: ["language", "lang"],
};

/** Article metadata from the first of `sources` that holds a string under one of each field's usual names. */
export function metadataFrom(...sources: unknown[]): ForeignDocument["metadata"] {
  const metadata: ForeignDocument["metadata"] = {};
  for (const [field, keys] of Object.entries(METADATA_KEYS) as [keyof ForeignDocument["metadata"], string[]][]) {
    for (const source of sources) {
      if (!isObject(source)) continue;
      const key = keys.find((name) => typeof source[name] === "string" && (source[name] as string).trim());
      if (key) {
        metadata[field] = (source[key] as string).trim();
        break;
      }
    }
  }
  return metadata;
}

/** A whole number at least 0, or undefined. */
export function offsetOf(value: unknown): number | undefined {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** A JSON reader: each item of the file read by `read` into a document, or a problem it records. */
export function readEachItem(
  file: ForeignFile,
  read: (label: string, value: unknown, problems: ForeignProblem[]) => ForeignDocument | null,
): ForeignReadResult {
  const { items, problems } = readJsonItems(file);
  const documents: ForeignDocument[] = [];
  for (const item of items) {
    const document = read(item.label, item.value, problems);
    if (document) documents.push(document);
  }
  return { documents, problems };
}
