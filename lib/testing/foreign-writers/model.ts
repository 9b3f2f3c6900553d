/**
 * The neutral model every independent writer takes: documents with their text and entities in code points,
 * and relations between entities. Deliberately not Margin's shape (no tags, no labels of Margin's own), so
 * that the writers stay what they claim to be: another tool's output, built from that tool's documentation.
 */
export type NeutralEntity = {
  id: string;
  label: string;
  /** Code points into the document's text, end exclusive. */
  start: number;
  end: number;
  /** Discontinuous pieces (brat only); start/end then span from the first piece's start to the last one's end. */
  fragments?: [number, number][];
  /** Free-text note (brat AnnotatorNotes, a W3C commenting body, a Hypothesis annotation's text). */
  note?: string;
  /** Attributes (brat A lines: a string value, or true for a binary attribute). */
  attributes?: Record<string, string | true>;
  /** A machine's suggestion rather than a person's annotation (Label Studio `predictions`). */
  prediction?: boolean;
  score?: number;
};

export type NeutralRelation = { from: string; to: string; type: string };

export type NeutralDocument = {
  id: string;
  title?: string;
  text: string;
  entities: NeutralEntity[];
  relations: NeutralRelation[];
};

export type NeutralDataset = { documents: NeutralDocument[] };

/** One output file, as the tool would save it. */
export type WrittenFile = { name: string; bytes: Buffer };

/** The text between two code-point offsets (what Python's `text[start:end]` gives). */
export function sliceCodePoints(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join("");
}

/** The UTF-16 offset of a code-point offset (what JavaScript tools such as doccano's frontend record). */
export function toUtf16(text: string, codePoint: number): number {
  return Array.from(text).slice(0, codePoint).join("").length;
}

export function jsonLines(values: unknown[]): Buffer {
  return Buffer.from(values.map((value) => JSON.stringify(value)).join("\n") + "\n", "utf8");
}

export function entityById(document: NeutralDocument, id: string): NeutralEntity {
  const entity = document.entities.find((candidate) => candidate.id === id);
  if (!entity) throw new Error(`relation names entity ${id}, which document ${document.id} does not have`);
  return entity;
}
