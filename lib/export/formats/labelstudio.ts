/**
 * The `labelstudio` format: Label Studio's task import JSON, a JSON array of tasks, for a project set up with
 * LABEL_STUDIO_CONFIG. What we checked in HumanSignal/label-studio:
 *
 * - Offsets: the Text tag's `value.start`/`value.end` count Unicode code points (Python string indexes),
 *   not JavaScript's UTF-16 units: web/libs/editor/tests/integration/e2e/ner/emoji.cy.ts ("Should
 *   calculate offsets by code points in text") expects "test" at 21-25 in "🐱 Warning: This is a test text",
 *   with and without the FF_LSDV_4620_3 flag (the emoji bug of issues #1008 and #1347 was fixed that way). So
 *   these offsets are code points whatever the header's unit, `text[start:end]` in Python.
 * - Annotations, not predictions: predictions are a model's read-only pre-annotations with a model
 *   version (docs/source/guide/predictions.md); Margin's tags are people's work, and `annotations` is how
 *   a task carries it (docs/source/guide/tasks.md, "Basic Label Studio JSON format").
 * - One annotation per annotator: the tags are grouped by their first author, in order of first
 *   appearance. `completed_by: {"email"}` is how the importer maps an annotation to a member
 *   (label_studio/tasks/serializers.py, `_insert_valid_completed_by`); an email that is not a member of
 *   the Label Studio organization fails the import ("Unknown annotator's email") unless the instance sets
 *   ALLOW_IMPORT_TASKS_WITH_UNKNOWN_EMAILS=true, which gives such annotations to the importing user. Invite
 *   the annotators first, with the same emails. `ground_truth` is written false because the importer
 *   otherwise defaults it to true for every imported annotation.
 * - Results: one `labels` region per tag, its id the tag's id (ids are `A-Za-z0-9_-`, as Label Studio
 *   wants region ids), and one `relation` (docs/source/includes/result_format.md) per link, direction
 *   "right" from the quote or claim to its actor. Attributes (but an actor's record, below), status, notes
 *   and reviews have no place in these results and are not carried: the json format has them.
 * - Links across annotators: a relation joins regions of one annotation only, and a quote or claim may
 *   name an actor someone else tagged. Such an actor is COPIED into the linking annotation, so that every
 *   link is a relation: the copy has the actor's offsets, text and label, the id `<actor id>_copy`, and
 *   `meta: {text: ["Copied from <email>: the target of a link"], margin: {copiedFrom: "<email>",
 *   copyOf: "<actor id>", reason: "link target by another annotator"}}` (Label Studio shows `meta.text` as
 *   the region's note). An importer that counts tags should skip regions whose meta names `copiedFrom`:
 *   the original is in its author's annotation. One copy per actor and annotation, however many links.
 * - Actor records: a region of an actor linked to a record of the project's registry carries it in its
 *   `meta`, `{text: ["Actor record: <name> (<id>)"], margin: {actorId, actorName}}` (the root record its
 *   tags count for, as in the json format): Label Studio shows `meta.text` as the region's note and keeps
 *   the rest, and a copy (below) carries its original's record too. Label Studio's results have no field
 *   for it, and a per-region TextArea would need a control the configuration does not declare.
 * - Suggestions (suggestions=include) are what Label Studio calls predictions: one per suggester and
 *   version, `model_version` "<suggester>@<version>", its `score` the mean of its regions', and `result`
 *   `labels` regions each with its own `score` (docs/source/guide/predictions.md: "score" per prediction
 *   and per region). Attributes have no place in a region here either; the json format has them. Without
 *   suggestions=include a task has no `predictions` key at all.
 */
import { LABEL_STYLES } from "@/lib/tags/label-styles";
import { LABELS } from "@/lib/vocabulary";
import type { ExportArticle, ExportPerson, ExportSuggestion, ExportTag } from "@/lib/export/shape";
import type { FormatWriter } from "./types";

const escapeXml = (value: string) => value.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;");

/**
 * The labeling configuration the tasks match: from_name "label" (the Labels), to_name "text" (the Text
 * showing `data.text`), the label names of LABEL_STYLES, and the two relation names. `white-space: pre-wrap`
 * shows the article's paragraph breaks; the offsets count every character either way.
 */
export const LABEL_STUDIO_CONFIG = [
  "<View>",
  '  <Header value="$title"/>',
  '  <Labels name="label" toName="text">',
  ...LABELS.map((label) => `    <Label value="${escapeXml(LABEL_STYLES[label].name)}" background="${LABEL_STYLES[label].line}"/>`),
  "  </Labels>",
  '  <Text name="text" value="$text"/>',
  "  <Relations>",
  '    <Relation value="speaker"/>',
  '    <Relation value="source"/>',
  "  </Relations>",
  "  <Style>.htx-text { white-space: pre-wrap; }</Style>",
  "</View>",
].join("\n");

type Region = {
  id: string;
  from_name: "label";
  to_name: "text";
  type: "labels";
  value: { start: number; end: number; text: string; labels: string[] };
  meta?: { text: string[]; margin: RegionMargin };
};
/** Margin's own part of a region's meta: the actor record, and for a copy what it copies. */
type RegionMargin = { actorId?: string; actorName?: string; copiedFrom?: string; copyOf?: string; reason?: string };
type Relation = { type: "relation"; from_id: string; to_id: string; direction: "right"; labels: string[] };
type Annotation = { completed_by?: { email: string }; ground_truth: false; was_cancelled: false; result: (Region | Relation)[] };

type Prediction = { model_version: string; score: number; result: (Region & { score: number })[] };

function region(tag: ExportTag | ExportSuggestion): Region {
  return {
    id: tag.id,
    from_name: "label",
    to_name: "text",
    type: "labels",
    value: { start: tag.start, end: tag.end, text: tag.text, labels: [LABEL_STYLES[tag.label].name] },
  };
}

/** A tag's region, with its actor record in its meta when it has one (see "Actor records"). */
function tagRegion(tag: ExportTag): Region {
  const { actorId, actorName } = tag.attributes;
  if (!actorId || actorName === undefined) return region(tag);
  return { ...region(tag), meta: { text: [`Actor record: ${actorName} (${actorId})`], margin: { actorId, actorName } } };
}

/** The actor `tag`, by `author`, as a region of another annotation (see "Links across annotators"). */
function copiedRegion(tag: ExportTag, author: ExportPerson | undefined): Region {
  const copiedFrom = author?.email ?? "an unknown annotator";
  const original = tagRegion(tag);
  return {
    ...original,
    id: `${tag.id}_copy`,
    meta: {
      text: [`Copied from ${copiedFrom}: the target of a link`, ...(original.meta?.text ?? [])],
      margin: { ...original.meta?.margin, copiedFrom, copyOf: tag.id, reason: "link target by another annotator" },
    },
  };
}

type Draft = { author: ExportPerson | undefined; regions: Region[]; copies: Region[]; relations: Relation[] };

/** The article's suggestions as predictions, one per suggester and version, in order of first appearance. */
export function labelStudioPredictions(suggestions: readonly ExportSuggestion[]): Prediction[] {
  const predictions = new Map<string, Prediction>();
  for (const suggestion of suggestions) {
    const model = `${suggestion.suggester}@${suggestion.version}`;
    let prediction = predictions.get(model);
    if (!prediction) predictions.set(model, (prediction = { model_version: model, score: 0, result: [] }));
    prediction.result.push({ ...region(suggestion), score: suggestion.score });
  }
  for (const prediction of predictions.values())
    prediction.score = prediction.result.reduce((sum, result) => sum + result.score, 0) / prediction.result.length;
  return [...predictions.values()];
}

export function labelStudioTask(article: ExportArticle) {
  const annotations = new Map<string, Draft>();
  const owner = new Map<string, string>();
  const tags = new Map<string, ExportTag>();
  for (const tag of article.tags) {
    const author = tag.authors[0];
    const key = author?.id ?? "";
    let annotation = annotations.get(key);
    if (!annotation) annotations.set(key, (annotation = { author, regions: [], copies: [], relations: [] }));
    annotation.regions.push(tagRegion(tag));
    owner.set(tag.id, key);
    tags.set(tag.id, tag);
  }
  for (const relation of article.relations) {
    const key = owner.get(relation.from);
    const targetKey = owner.get(relation.to);
    if (key === undefined || targetKey === undefined) continue;
    const annotation = annotations.get(key)!;
    let to = relation.to;
    if (targetKey !== key) {
      to = `${relation.to}_copy`;
      if (!annotation.copies.some((copy) => copy.id === to))
        annotation.copies.push(copiedRegion(tags.get(relation.to)!, annotations.get(targetKey)!.author));
    }
    annotation.relations.push({ type: "relation", from_id: relation.from, to_id: to, direction: "right", labels: [relation.type] });
  }
  return {
    data: { text: article.text, title: article.title, margin_id: article.id },
    annotations: [...annotations.values()].map(({ author, regions, copies, relations }): Annotation => ({
      ...(author ? { completed_by: { email: author.email } } : {}),
      ground_truth: false,
      was_cancelled: false,
      result: [...regions, ...copies, ...relations],
    })),
    ...(article.suggestions ? { predictions: labelStudioPredictions(article.suggestions) } : {}),
  };
}

export function createLabelStudioWriter(): FormatWriter {
  return {
    format: "labelstudio",
    contentType: "application/json; charset=utf-8",
    extension: "json",
    offsetUnit: "codepoint",
    begin: () => "[",
    article: (article, index) => `${index > 0 ? "," : ""}${JSON.stringify(labelStudioTask(article))}`,
    end: () => "]\n",
  };
}
