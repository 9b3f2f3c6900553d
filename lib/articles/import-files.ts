/**
 * Files to import items: the file type from its extension, checks that make bad input a clear per-item
 * error (empty, whitespace only, binary, invalid UTF-8, too large, unknown type), and JSON/JSONL files
 * expanded into one item per article (a malformed line fails alone, with its line number).
 */
import path from "node:path";
import type { SourceKind } from "./draft";
import { importItemSchema, type ImportItemInput } from "./import-schema";

export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

export function maxFileBytes(): number {
  const configured = Number(process.env.MARGIN_IMPORT_MAX_BYTES);
  return Number.isInteger(configured) && configured > 0 ? configured : DEFAULT_MAX_FILE_BYTES;
}

/** One article to import: its label names the file (and line or position) in summaries. */
export type ImportItem = { label: string; kind: SourceKind; source: string | Buffer; input?: Omit<ImportItemInput, "text" | "html"> };
export type ItemFailure = { label: string; error: string };

const EXTENSIONS: Record<string, SourceKind | "json" | "jsonl"> = {
  ".txt": "text",
  ".text": "text",
  ".md": "markdown",
  ".markdown": "markdown",
  ".html": "html",
  ".htm": "html",
  ".xhtml": "html",
  ".docx": "docx",
  ".json": "json",
  ".jsonl": "jsonl",
  ".ndjson": "jsonl",
};

export const SUPPORTED_EXTENSIONS = Object.keys(EXTENSIONS);

function describeBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** The file's text, or why it is not text: NUL bytes mean binary; bytes that are not UTF-8 are refused. */
function decodeText(bytes: Buffer): { text: string } | { error: string } {
  if (bytes.includes(0)) return { error: "binary file, not text" };
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return { text: text.replace(/^\uFEFF/, "") };
  } catch {
    return { error: "not valid UTF-8 text (save it as UTF-8 and try again)" };
  }
}

function describeIssue(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0]!;
  return `${issue.path.length ? `${issue.path.join(".")}: ` : ""}${issue.message}`;
}

function itemFromJson(label: string, value: unknown): ImportItem | ItemFailure {
  const parsed = importItemSchema.safeParse(value);
  if (!parsed.success) return { label, error: describeIssue(parsed.error) };
  const { text, html, ...input } = parsed.data;
  return html !== undefined ? { label, kind: "html", source: html, input } : { label, kind: "text", source: text!, input };
}

export function itemsFromFile(name: string, bytes: Buffer, maxBytes = maxFileBytes()): (ImportItem | ItemFailure)[] {
  const base = path.basename(name);
  const kind = EXTENSIONS[path.extname(base).toLowerCase()];
  if (!kind) return [{ label: base, error: `unsupported file type "${path.extname(base) || "(none)"}"; supported: ${SUPPORTED_EXTENSIONS.join(", ")}` }];
  if (bytes.length === 0) return [{ label: base, error: "file is empty" }];
  if (bytes.length > maxBytes) return [{ label: base, error: `file is ${describeBytes(bytes.length)}, over the ${describeBytes(maxBytes)} limit` }];
  if (kind === "docx") {
    // A .docx is a ZIP archive: anything else under that name is not one.
    if (bytes.subarray(0, 4).toString("latin1") !== "PK\x03\x04") return [{ label: base, error: "not a .docx file (not a ZIP archive)" }];
    return [{ label: base, kind, source: bytes }];
  }
  const decoded = decodeText(bytes);
  if ("error" in decoded) return [{ label: base, error: decoded.error }];
  if (!decoded.text.trim()) return [{ label: base, error: "file contains only whitespace" }];
  if (kind === "json") {
    let value: unknown;
    try {
      value = JSON.parse(decoded.text);
    } catch (error) {
      return [{ label: base, error: `invalid JSON: ${(error as Error).message}` }];
    }
    const list = Array.isArray(value) ? value : [value];
    return list.map((entry, index) => itemFromJson(list.length > 1 ? `${base} #${index + 1}` : base, entry));
  }
  if (kind === "jsonl") {
    return decoded.text.split(/\r?\n/).flatMap((line, index) => {
      if (!line.trim()) return [];
      const label = `${base} line ${index + 1}`;
      try {
        return [itemFromJson(label, JSON.parse(line))];
      } catch (error) {
        return [{ label, error: `invalid JSON: ${(error as Error).message}` }];
      }
    });
  }
  return [{ label: base, kind, source: decoded.text }];
}

export function isFailure(item: ImportItem | ItemFailure): item is ItemFailure {
  return "error" in item;
}
