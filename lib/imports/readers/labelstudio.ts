/**
 * Label Studio's JSON export (and its task import format): a list of tasks `{id, data, annotations,
 * predictions}`. What is read, per task:
 * - the text: `data.text`, else the longest string in `data` (the Text tag's `value="$key"` names it in the
 *   labeling config, which the export does not carry);
 * - `labels` results (`value: {start, end, text, labels}`): one span per label. Offsets count code points
 *   (Label Studio's Text tag, see lib/export/formats/labelstudio.ts); `value.text` is the quote, which
 *   anchoring uses when the text changes under canonicalisation;
 * - `relation` results (`from_id`, `to_id`, `labels`, `direction`): links, turned round for "left";
 * - per-region `textarea`/`choices` results (same `id` as the region): `canonicalName`, `note` and an
 *   actor's `kind` are carried; other per-region results are reported, not silently dropped;
 * - annotations of one person each (`completed_by`: an object with an email, or a user id), cancelled ones
 *   skipped with a problem; `predictions` as spans marked `prediction` (the import decides).
 * Region ids are prefixed with the annotation's position: two annotators' regions may share ids.
 * A region whose `meta.margin.copiedFrom` says it copies another annotator's region (Margin's own export puts
 * the target of a link across annotators into the linking annotation, lib/export/formats/labelstudio.ts) is
 * no tag of its own: links to it go to the region it copies (`meta.margin.copyOf`).
 */
import type {
  ForeignDocument,
  ForeignFile,
  ForeignLink,
  ForeignProblem,
  ForeignReadResult,
  ForeignSpan,
} from "@/lib/imports/foreign-document";
import { isObject, metadataFrom, offsetOf, readEachItem } from "./json-items";

/** Per-region results carried, by from_name (lower-cased, without separators). */
const REGION_TEXT_FIELDS: Record<string, "canonicalName" | "note"> = {
  canonicalname: "canonicalName",
  name: "canonicalName",
  note: "note",
  notes: "note",
  comment: "note",
};
const REGION_CHOICE_FIELDS = new Set(["kind", "actorkind"]);

const fieldKey = (name: unknown) => (typeof name === "string" ? name.toLowerCase().replace(/[^a-z]/g, "") : "");

function textOfTask(data: Record<string, unknown>): string | undefined {
  if (typeof data.text === "string") return data.text;
  const strings = Object.values(data).filter((value): value is string => typeof value === "string");
  return strings.sort((a, b) => b.length - a.length)[0];
}

function authorOf(completedBy: unknown): string | undefined {
  if (isObject(completedBy) && typeof completedBy.email === "string") return completedBy.email;
  if (typeof completedBy === "string" && completedBy) return completedBy;
  if (typeof completedBy === "number") return `Label Studio user ${completedBy}`;
  return undefined;
}

type Results = {
  spans: ForeignSpan[];
  links: ForeignLink[];
  ignored: Map<string, number>;
  /** Prefixed id of a copied region → the raw id of the region it copies. */
  copies: Map<string, string>;
  /** Raw region id → its prefixed id, for the regions copies point at. */
  byRawId: Map<string, string>;
};

/** The region a Margin export copied into this annotation, by its original's raw id; null for others. */
function copyOf(result: Record<string, unknown>): string | null {
  const margin = isObject(result.meta) && isObject(result.meta.margin) ? result.meta.margin : null;
  return margin && typeof margin.copiedFrom === "string" && typeof margin.copyOf === "string" ? margin.copyOf : null;
}

/** One annotation's (or prediction's) results, its region ids prefixed with `prefix`. */
function readResults(results: unknown, prefix: string, extra: Partial<ForeignSpan>, into: Results): void {
  if (!Array.isArray(results)) return;
  const regions = new Map<string, ForeignSpan[]>();
  const perRegion: Record<string, unknown>[] = [];
  for (const result of results) {
    if (!isObject(result)) continue;
    const value = isObject(result.value) ? result.value : {};
    if (result.type === "labels" && copyOf(result) !== null) {
      into.copies.set(`${prefix}${String(result.id)}`, copyOf(result)!);
    } else if (result.type === "labels") {
      const id = `${prefix}${String(result.id ?? into.spans.length)}`;
      if (!into.byRawId.has(String(result.id))) into.byRawId.set(String(result.id), id);
      const labels = Array.isArray(value.labels) ? value.labels.filter((label): label is string => typeof label === "string") : [];
      const made = labels.map((label, index): ForeignSpan => ({
        id: index === 0 ? id : `${id}#${index + 1}`,
        label,
        start: offsetOf(value.start),
        end: offsetOf(value.end),
        quote: typeof value.text === "string" ? value.text : undefined,
        ...extra,
      }));
      into.spans.push(...made);
      regions.set(id, made);
    } else if (result.type === "relation") {
      const [from, to] = [`${prefix}${String(result.from_id)}`, `${prefix}${String(result.to_id)}`];
      const type = Array.isArray(result.labels) && typeof result.labels[0] === "string" ? result.labels[0] : "";
      into.links.push(result.direction === "left" ? { from: to, to: from, type } : { from, to, type });
    } else perRegion.push(result);
  }
  for (const result of perRegion) {
    const value = isObject(result.value) ? result.value : {};
    const targets = regions.get(`${prefix}${String(result.id)}`);
    const key = fieldKey(result.from_name);
    const first = (list: unknown) => (Array.isArray(list) && typeof list[0] === "string" ? list[0] : undefined);
    if (targets && result.type === "textarea" && REGION_TEXT_FIELDS[key] && first(value.text) !== undefined) {
      const text = (value.text as string[]).join("\n");
      for (const span of targets)
        if (REGION_TEXT_FIELDS[key] === "note") span.note = text;
        else span.attributes = { ...span.attributes, canonicalName: text };
    } else if (targets && result.type === "choices" && REGION_CHOICE_FIELDS.has(key) && first(value.choices) !== undefined) {
      for (const span of targets) span.attributes = { ...span.attributes, kind: first(value.choices)!.toLowerCase() };
    } else {
      const name = `${String(result.type)} "${String(result.from_name)}"`;
      into.ignored.set(name, (into.ignored.get(name) ?? 0) + 1);
    }
  }
}

function readTask(label: string, task: unknown, problems: ForeignProblem[]): ForeignDocument | null {
  if (!isObject(task) || !isObject(task.data)) {
    problems.push({ label, error: "not a Label Studio task: expected an object with `data` (and `annotations`)" });
    return null;
  }
  const text = textOfTask(task.data);
  if (text === undefined) {
    problems.push({ label, error: "the task's data holds no text" });
    return null;
  }
  const taskLabel = task.id !== undefined ? `${label} (task ${String(task.id)})` : label;
  const into: Results = { spans: [], links: [], ignored: new Map(), copies: new Map(), byRawId: new Map() };
  const annotations = Array.isArray(task.annotations) ? task.annotations : [];
  annotations.forEach((annotation, index) => {
    if (!isObject(annotation)) return;
    if (annotation.was_cancelled === true) {
      problems.push({
        label: taskLabel,
        error: `annotation ${String(annotation.id ?? index + 1)} was cancelled (skipped) in Label Studio: not imported`,
      });
      return;
    }
    readResults(annotation.result, `a${index + 1}:`, { author: authorOf(annotation.completed_by) }, into);
  });
  const predictions = Array.isArray(task.predictions) ? task.predictions : [];
  predictions.forEach((prediction, index) => {
    if (!isObject(prediction)) return;
    const score = typeof prediction.score === "number" ? prediction.score : undefined;
    const model = typeof prediction.model_version === "string" ? prediction.model_version : "a model";
    readResults(prediction.result, `p${index + 1}:`, { prediction: true, score, author: model }, into);
  });
  for (const [name, count] of into.ignored)
    problems.push({
      label: taskLabel,
      error: `${count} ${name} result${count === 1 ? "" : "s"} not imported (Margin has no place for them)`,
    });
  const resolve = (id: string) => {
    const original = into.copies.get(id);
    return original === undefined ? id : (into.byRawId.get(original) ?? id);
  };
  return {
    label: taskLabel,
    text,
    unit: "codepoint",
    metadata: metadataFrom(task.data, task.meta),
    spans: into.spans,
    links: into.links.map((link) => ({ ...link, from: resolve(link.from), to: resolve(link.to) })),
  };
}

export function readLabelStudio(file: ForeignFile): ForeignReadResult {
  return readEachItem(file, readTask);
}
