/**
 * CoNLL-2003 named-entity data (Tjong Kim Sang & De Meulder 2003, "Introduction to the CoNLL-2003 Shared
 * Task", and the dataset card of its distribution): one token per line with four columns separated by a
 * single space (word, part-of-speech tag, syntactic chunk tag, named-entity tag), an empty line after each
 * sentence, and a `-DOCSTART- -X- -X- O` line (followed by an empty line) opening each document. Entity
 * tags: the original files use IOB1 (I-TYPE inside an entity, B-TYPE only for an entity right after one of
 * the same type); most distributions today use IOB2 (B-TYPE on every entity's first token). This writer
 * has no tagger, so the POS and chunk columns hold placeholders (`XX`, `O`). Entities in CoNLL are flat:
 * of overlapping entities only the first (by start, then longest) is written.
 */
import { type NeutralDataset, type NeutralEntity, type WrittenFile } from "./model";
import { tokenize } from "./tokens";

export type ConllScheme = "iob2" | "iob1";

function flatEntities(entities: NeutralEntity[]): NeutralEntity[] {
  const sorted = [...entities].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: NeutralEntity[] = [];
  for (const entity of sorted) if ((kept.at(-1)?.end ?? -1) <= entity.start) kept.push(entity);
  return kept;
}

export function writeConll(dataset: NeutralDataset, options: { scheme?: ConllScheme; tabs?: boolean } = {}): WrittenFile {
  const scheme = options.scheme ?? "iob2";
  const lines: string[] = [];
  for (const document of dataset.documents) {
    lines.push("-DOCSTART- -X- -X- O", "");
    const entities = flatEntities(document.entities);
    const tokens = tokenize(
      document.text,
      entities.flatMap((entity) => [entity.start, entity.end]),
    );
    let previous: { label: string; entity: NeutralEntity } | null = null;
    let sentence = 0;
    for (const [index, token] of tokens.entries()) {
      const entity = entities.find((candidate) => candidate.start <= token.start && token.end <= candidate.end);
      let tag = "O";
      if (entity) {
        const first = entity.start === token.start;
        const adjacentSame = first && previous !== null && previous.entity !== entity && previous.label === entity.label;
        tag = `${scheme === "iob2" ? (first ? "B" : "I") : adjacentSame ? "B" : "I"}-${entity.label}`;
      }
      lines.push(options.tabs ? `${token.text}\t${tag}` : `${token.text} XX O ${tag}`);
      sentence++;
      previous = entity ? { label: entity.label, entity } : null;
      // A sentence ends after . ! ? (or at a line break), never inside an entity.
      const next = tokens[index + 1];
      const lineBreak = next !== undefined && /\n/.test(Array.from(document.text).slice(token.end, next.start).join(""));
      const inside = entity !== undefined && entity.end > token.end;
      if (next && !inside && (/^[.!?]$/.test(token.text) || lineBreak)) {
        lines.push("");
        sentence = 0;
        previous = null;
      }
    }
    if (sentence > 0) lines.push("");
  }
  return { name: "dataset.conll", bytes: Buffer.from(lines.join("\n") + "\n", "utf8") };
}
