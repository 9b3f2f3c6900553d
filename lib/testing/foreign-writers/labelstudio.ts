/**
 * Label Studio's JSON export (https://labelstud.io/guide/export, "Label Studio JSON format of annotated
 * tasks", and the Labels, Text and Relations tags' pages): an array of tasks, each with `data` (here
 * `data.text`), `annotations` (each a person's: `id`, `completed_by`, `result`, `was_cancelled`,
 * `ground_truth`, dates) and `predictions` (`model_version`, `score`, `result`). A span is a result
 * `{ id, from_name, to_name, type: "labels", value: { start, end, text, labels: [label] } }`; a relation is a
 * result `{ type: "relation", from_id, to_id, direction: "right", labels: [type] }` beside the spans it joins.
 * Offsets: code points since Label Studio's fix of emoji offsets (label-studio-frontend#308; before it,
 * UTF-16 code units), end exclusive.
 */
import { type NeutralDataset, type NeutralDocument, type NeutralEntity, type WrittenFile, sliceCodePoints } from "./model";

function spanResult(document: NeutralDocument, entity: NeutralEntity) {
  return {
    id: entity.id,
    from_name: "label",
    to_name: "text",
    type: "labels",
    origin: entity.prediction ? "prediction" : "manual",
    value: { start: entity.start, end: entity.end, text: sliceCodePoints(document.text, entity.start, entity.end), labels: [entity.label] },
    ...(entity.score === undefined ? {} : { score: entity.score }),
  };
}

function relationResults(document: NeutralDocument, ids: Set<string>) {
  return document.relations
    .filter((relation) => ids.has(relation.from) && ids.has(relation.to))
    .map((relation) => ({ from_id: relation.from, to_id: relation.to, type: "relation", direction: "right", labels: [relation.type] }));
}

export function writeLabelStudio(dataset: NeutralDataset): WrittenFile {
  const tasks = dataset.documents.map((document, index) => {
    const manual = document.entities.filter((entity) => !entity.prediction);
    const predicted = document.entities.filter((entity) => entity.prediction);
    const when = "2025-10-14T12:23:00.000000Z";
    return {
      id: index + 1,
      data: { text: document.text, ...(document.title ? { title: document.title } : {}) },
      annotations: [
        {
          id: index + 1001,
          completed_by: 1,
          result: [...manual.map((entity) => spanResult(document, entity)), ...relationResults(document, new Set(manual.map((e) => e.id)))],
          was_cancelled: false,
          ground_truth: false,
          created_at: when,
          updated_at: when,
          lead_time: 12.5,
          task: index + 1,
        },
      ],
      predictions: predicted.length
        ? [
            {
              model_version: "ner-v1",
              score: Math.min(...predicted.map((entity) => entity.score ?? 1)),
              result: [
                ...predicted.map((entity) => spanResult(document, entity)),
                ...relationResults(document, new Set(predicted.map((e) => e.id))),
              ],
            },
          ]
        : [],
      created_at: when,
      updated_at: when,
      project: 1,
    };
  });
  return { name: "project-1-at-2025-10-14.json", bytes: Buffer.from(JSON.stringify(tasks, null, 2), "utf8") };
}
