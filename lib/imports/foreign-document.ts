/**
 * What every reader of another tool's annotated dataset produces (Label Studio, doccano, W3C Web
 * Annotation, brat, spaCy/Prodigy, CoNLL-2003): one document per article, its text exactly as the file
 * holds it, and its spans in the file's own labels and offset unit. Nothing here is Margin's yet: the
 * label map turns labels into Margin's four, and the anchoring step places each span in the canonical text
 * (which may differ from the file's: CRLF, trailing spaces, NFD accents), by its offsets when the text is
 * unchanged and by its quote otherwise. Readers are pure: bytes in, documents and per-item problems out.
 */
import type { OffsetUnit } from "@/lib/tags/offsets";

export const FOREIGN_FORMATS = ["labelstudio", "doccano", "w3c", "brat", "spacy", "conll"] as const;
export type ForeignFormat = (typeof FOREIGN_FORMATS)[number];

/** The unit a file's offsets count in; `utf8` for formats that count bytes (none of ours yet, kept for brat tools that do). */
export type ForeignOffsetUnit = OffsetUnit | "utf8";

/** The attributes a file may carry in Margin's own names (a tag's details; links are ForeignLinks). */
export const MARGIN_ATTRIBUTES: ReadonlySet<string> = new Set(["canonicalName", "kind", "direct", "value", "unit", "approximate"]);

export type ForeignSpan = {
  /** The file's id for the span (a Label Studio result id, a brat T id, a W3C annotation id), for links and reports. */
  id: string;
  /** The file's label, before the label map ("PER", "Person", "actor"). */
  label: string;
  /** Offsets into ForeignDocument.text in ForeignDocument.unit, end exclusive; absent when only a quote is known. */
  start?: number;
  end?: number;
  /** The covered text as the file states it (a quote selector's exact, brat's text column), when it does. */
  quote?: string;
  /** Text just before and after the quote (a W3C TextQuoteSelector's prefix and suffix), to choose among repeats. */
  prefix?: string;
  suffix?: string;
  /** Attributes in Margin's names when the file carries them (canonicalName, kind, direct, value, unit, approximate). */
  attributes?: Record<string, unknown>;
  note?: string | null;
  /** Who made it, as the file names them (an email matches a project member; anything else is recorded in history). */
  author?: string;
  /** A machine's prediction (Label Studio `predictions`, a scored span) rather than a person's annotation. */
  prediction?: boolean;
  score?: number;
};

/** A relation between two spans of one document, in the file's words ("speaker", "said_by", "source"). */
export type ForeignLink = { from: string; to: string; type: string };

export type ForeignDocument = {
  /** Labels this document in reports: the file name, and the item's position or id within it. */
  label: string;
  text: string;
  unit: ForeignOffsetUnit;
  metadata: { title?: string; byline?: string; source?: string; url?: string; publishedAt?: string; language?: string };
  spans: ForeignSpan[];
  links: ForeignLink[];
};

/** Something a reader could not read, and where: the import reports it and goes on with the rest. */
export type ForeignProblem = { label: string; error: string };

/** A reader's answer for one file (or, for brat, one .txt/.ann pair). */
export type ForeignReadResult = { documents: ForeignDocument[]; problems: ForeignProblem[] };

/** One file as uploaded or named on the command line. */
export type ForeignFile = { name: string; bytes: Buffer };
