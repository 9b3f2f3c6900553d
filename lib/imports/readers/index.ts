/**
 * Every reader of another tool's annotated dataset, by format, and the detection of a format from the files
 * themselves (`auto`): by extension first (.ann, .conll, .jsonld, .zip), then by the shape of the first
 * item of a JSON file (Label Studio tasks have `data`, W3C annotations `@context` or `target`, doccano
 * `entities` or `label`, spaCy/Prodigy `spans`; a bare `{"text"}` is doccano's unlabelled line).
 */
import { FOREIGN_FORMATS, type ForeignFile, type ForeignFormat, type ForeignReadResult } from "@/lib/imports/foreign-document";
import { readBrat } from "./brat";
import { readConll } from "./conll";
import { readDoccano } from "./doccano";
import { isObject, readJsonItems } from "./json-items";
import { readLabelStudio } from "./labelstudio";
import { readSpacy } from "./spacy";
import { readW3c } from "./w3c";

type Reader = (files: ForeignFile[]) => ForeignReadResult;

const extension = (name: string) => name.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? "";

/** A reader of one file at a time, for all the files given. */
function eachFile(read: (file: ForeignFile) => ForeignReadResult): Reader {
  return (files) => {
    const result: ForeignReadResult = { documents: [], problems: [] };
    for (const file of files) {
      const one = read(file);
      result.documents.push(...one.documents);
      result.problems.push(...one.problems);
    }
    return result;
  };
}

/** W3C annotation files, each with the plain-text files given beside them as the texts their sources name. */
const readW3cFiles: Reader = (files) => {
  const texts = files.filter((file) => extension(file.name) === "txt");
  const annotations = files.filter((file) => extension(file.name) !== "txt");
  return eachFile((file) => readW3c(file, texts))(annotations);
};

export const FOREIGN_READERS: Record<ForeignFormat, Reader> = {
  labelstudio: eachFile(readLabelStudio),
  doccano: eachFile(readDoccano),
  spacy: eachFile(readSpacy),
  w3c: readW3cFiles,
  brat: readBrat,
  conll: eachFile(readConll),
};

export const IMPORT_FORMATS = [...FOREIGN_FORMATS, "auto"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

function detectJson(file: ForeignFile): ForeignFormat | null {
  const { items } = readJsonItems(file);
  const first = items[0]?.value;
  if (isObject(first) && (first["@context"] !== undefined || first.type === "AnnotationCollection")) return "w3c";
  if (Array.isArray(first) || !isObject(first)) return null;
  if (first.target !== undefined && (first.type === "Annotation" || first.body !== undefined)) return "w3c";
  if (isObject(first.data) || Array.isArray(first.annotations) || Array.isArray(first.predictions)) return "labelstudio";
  if (Array.isArray(first.spans)) return "spacy";
  if (Array.isArray(first.entities) || Array.isArray(first.label) || Array.isArray(first.labels)) return "doccano";
  // `{"text": …}` alone is doccano's own line for a text not labelled yet: its articles come in without tags.
  if (typeof first.text === "string") return "doccano";
  return null;
}

/** The format of these files, or null when they do not say (the caller asks for `format`). */
export function detectFormat(files: ForeignFile[]): ForeignFormat | null {
  const extensions = new Set(files.map((file) => extension(file.name)));
  if (extensions.has("ann") || extensions.has("zip")) return "brat";
  if (extensions.has("conll") || extensions.has("conll03") || extensions.has("bio")) return "conll";
  if (extensions.has("jsonld")) return "w3c";
  const json = files.find((file) => ["json", "jsonl", "ndjson"].includes(extension(file.name)));
  return json ? detectJson(json) : null;
}

/** Reads `files` in `format`; the format must be known (detected or given). */
export function readForeignFiles(format: ForeignFormat, files: ForeignFile[]): ForeignReadResult {
  return FOREIGN_READERS[format](files);
}
