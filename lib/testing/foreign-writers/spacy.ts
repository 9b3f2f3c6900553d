/**
 * Prodigy's annotated-task JSONL, which spaCy users export with `prodigy db-out` (https://prodi.gy/docs/api-interfaces,
 * `ner_manual` and `relations`): one task per line with `text`, `meta`, `tokens` (each `{ text, start, end,
 * id, ws }`), `spans` (each `{ start, end, label, token_start, token_end }`, token_end inclusive), `answer`
 * ("accept") and, with relations, `relations` (each `{ head, child, label, head_span, child_span }`, head and
 * child being the spans' last tokens). Offsets are Python's: code points, end exclusive.
 */
import { type NeutralDataset, type NeutralEntity, type WrittenFile, entityById, jsonLines } from "./model";
import { tokenize } from "./tokens";

export function writeProdigy(dataset: NeutralDataset): WrittenFile {
  const tasks = dataset.documents.map((document) => {
    const tokens = tokenize(
      document.text,
      document.entities.flatMap((entity) => [entity.start, entity.end]),
    );
    const span = (entity: NeutralEntity) => {
      const first = tokens.findIndex((token) => token.start === entity.start);
      const last = tokens.findLastIndex((token) => token.end === entity.end);
      return { start: entity.start, end: entity.end, label: entity.label, token_start: first, token_end: last };
    };
    return {
      text: document.text,
      meta: { id: document.id, ...(document.title ? { title: document.title } : {}) },
      tokens: tokens.map((token, id) => ({ text: token.text, start: token.start, end: token.end, id, ws: token.ws })),
      spans: document.entities.map(span),
      ...(document.relations.length
        ? {
            relations: document.relations.map((relation) => {
              const head = span(entityById(document, relation.from));
              const child = span(entityById(document, relation.to));
              return { head: head.token_end, child: child.token_end, label: relation.type, head_span: head, child_span: child };
            }),
          }
        : {}),
      answer: "accept",
    };
  });
  return { name: "ner_news.jsonl", bytes: jsonLines(tasks) };
}
