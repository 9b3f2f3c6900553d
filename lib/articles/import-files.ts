/**
 * Files to import items: the file type from its extension, checks that make bad input a clear per-item
 * error (empty, whitespace only, binary, invalid UTF-8, too large, unknown type), and JSON/JSONL files
 * expanded into one item per article (a malformed line fails alone, with its line number). A JSON entry
 * with an escaped NUL or lone surrogate fails too, as a NUL byte fails a text file and as the same entry
 * sent to the API is refused: some of its fields (a url) would reach the database as they are.
 */
import path from "node:path";
import { firstUnstorable, unstorableMessage } from "@/lib/text/storable";
import type { SourceKind } from "./draft";
import { importItemSchema, type ImportItemInput } from "./import-schema";

export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

export function maxFileBytes(): number {
  const configured = Number(process.env.MARGIN_IMPORT_MAX_BYTES);
  return Number.isInteger(configured) && configured > 0 ? configured : DEFAULT_MAX_FILE_BYTES;
}

/**
 * One article to import: its label names the file (and line or position) in summaries; `fileName` is the
 * file it came in, when it is the whole file (a title for a text without a headline); `verbatim` keeps an
 * article's canonical text exactly (see DraftOptions).
 */
export type ImportItem = {
  label: string;
  kind: SourceKind;
  source: string | Buffer;
  input?: Omit<ImportItemInput, "text" | "html">;
  fileName?: string;
  verbatim?: boolean;
};
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

/** An API body or JSON entry as an import item: `html` is read as HTML, `text` as plain text. */
export function itemFromInput(label: string, data: ImportItemInput): ImportItem {
  const { text, html, ...input } = data;
  return html !== undefined ? { label, kind: "html", source: html, input } : { label, kind: "text", source: text ?? "", input };
}

function itemFromJson(label: string, value: unknown): ImportItem | ItemFailure {
  const unstorable = firstUnstorable(value);
  if (unstorable !== null) return { label, error: unstorableMessage(unstorable) };
  const parsed = importItemSchema.safeParse(value);
  return parsed.success ? itemFromInput(label, parsed.data) : { label, error: describeIssue(parsed.error) };
}

/** `name` labels the file's items in summaries (a path on the command line, a file name when uploaded). */
export function itemsFromFile(name: string, bytes: Buffer, maxBytes = maxFileBytes()): (ImportItem | ItemFailure)[] {
  const kind = EXTENSIONS[path.extname(name).toLowerCase()];
  if (!kind)
    return [
      { label: name, error: `unsupported file type "${path.extname(name) || "(none)"}"; supported: ${SUPPORTED_EXTENSIONS.join(", ")}` },
    ];
  if (bytes.length === 0) return [{ label: name, error: "file is empty" }];
  if (bytes.length > maxBytes)
    return [{ label: name, error: `file is ${describeBytes(bytes.length)}, over the ${describeBytes(maxBytes)} limit` }];
  if (kind === "docx") {
    // A .docx is a ZIP archive: anything else under that name is not one.
    if (bytes.subarray(0, 4).toString("latin1") !== "PK\x03\x04") return [{ label: name, error: "not a .docx file (not a ZIP archive)" }];
    return [{ label: name, kind, source: bytes, fileName: name }];
  }
  const decoded = decodeText(bytes);
  if ("error" in decoded) return [{ label: name, error: decoded.error }];
  if (!decoded.text.trim()) return [{ label: name, error: "file contains only whitespace" }];
  if (kind === "json") {
    let value: unknown;
    try {
      value = JSON.parse(decoded.text);
    } catch (error) {
      return [{ label: name, error: `invalid JSON: ${(error as Error).message}` }];
    }
    const list = Array.isArray(value) ? value : [value];
    return list.map((entry, index) => itemFromJson(list.length > 1 ? `${name} #${index + 1}` : name, entry));
  }
  if (kind === "jsonl") {
    return decoded.text.split(/\r?\n/).flatMap((line, index) => {
      if (!line.trim()) return [];
      const label = `${name} line ${index + 1}`;
      try {
        return [itemFromJson(label, JSON.parse(line))];
      } catch (error) {
        return [{ label, error: `invalid JSON: ${(error as Error).message}` }];
      }
    });
  }
  return [{ label: name, kind, source: decoded.text, fileName: name }];
}

export function isFailure(item: ImportItem | ItemFailure): item is ItemFailure {
  return "error" in item;
}
