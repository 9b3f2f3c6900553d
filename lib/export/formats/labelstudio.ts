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
 *   "right" from the quote or claim to its actor. A relation joins regions of one annotation only, so a
 *   link to an actor tagged by someone else is left out of Label Studio's copy. Attributes, status, notes
 *   and reviews have no place in these results and are not carried: the json format has them.
 */
import { LABEL_STYLES } from "@/lib/tags/label-styles";
import { LABELS } from "@/lib/vocabulary";
import type { ExportArticle, ExportPerson, ExportTag } from "@/lib/export/shape";
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
};
type Relation = { type: "relation"; from_id: string; to_id: string; direction: "right"; labels: string[] };
type Annotation = { completed_by?: { email: string }; ground_truth: false; was_cancelled: false; result: (Region | Relation)[] };

function region(tag: ExportTag): Region {
  return {
    id: tag.id,
    from_name: "label",
    to_name: "text",
    type: "labels",
    value: { start: tag.start, end: tag.end, text: tag.text, labels: [LABEL_STYLES[tag.label].name] },
  };
}

export function labelStudioTask(article: ExportArticle) {
  const annotations = new Map<string, { author: ExportPerson | undefined; regions: Region[]; relations: Relation[] }>();
  const owner = new Map<string, string>();
  for (const tag of article.tags) {
    const author = tag.authors[0];
    const key = author?.id ?? "";
    let annotation = annotations.get(key);
    if (!annotation) annotations.set(key, (annotation = { author, regions: [], relations: [] }));
    annotation.regions.push(region(tag));
    owner.set(tag.id, key);
  }
  for (const relation of article.relations) {
    const key = owner.get(relation.from);
    if (key === undefined || owner.get(relation.to) !== key) continue;
    annotations
      .get(key)!
      .relations.push({ type: "relation", from_id: relation.from, to_id: relation.to, direction: "right", labels: [relation.type] });
  }
  return {
    data: { text: article.text, title: article.title, margin_id: article.id },
    annotations: [...annotations.values()].map(({ author, regions, relations }): Annotation => ({
      ...(author ? { completed_by: { email: author.email } } : {}),
      ground_truth: false,
      was_cancelled: false,
      result: [...regions, ...relations],
    })),
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
