/**
 * brat's standoff annotation (`.ann`) for one article, and the configuration brat needs to show it, as the
 * format is specified at brat.nlplab.org (standoff.html, configuration.html). Offsets are code points:
 * brat reads the `.txt` as a Python string and slices it.
 *
 * - `T<n>\t<label> <start> <end>\t<text>`: one per tag, in export order (start, end, id). brat's lines cannot
 *   hold a line break, so a tag over a paragraph break becomes fragments, `T1\tquote 0 5;7 12\tWords more`:
 *   the span cut at every run of line breaks or tabs, and the text column its fragments joined by one
 *   space (what brat compares the fragments against).
 * - `R<n>\t<type> Arg1:T<quote or claim> Arg2:T<actor>`: one per link, `speaker` from a quote, `source`
 *   from a claim; Arg1 is the tag that names, Arg2 the actor it names.
 * - `A<n>\t<name> T<n>[ <value>]`: the actor's `kind` (person, organization…), the quote's `direct` and the
 *   figure's `approximate` (binary attributes: present when true), and every tag's review `status`.
 * - `#<n>\tAnnotatorNotes T<n>\t<text>`: values brat attributes cannot hold (they are names from a fixed
 *   list), one line each: `canonical name: …`, `actor record: <id> (<name>)` (the root record of the
 *   project's registry an actor's tags count for), `value: …`, `unit: …`, and the tag's own note as it is;
 *   line breaks and tabs in them become spaces.
 *
 * Authors and reviews are not carried (a brat document has one layer): the json format has them.
 */
import { LABEL_STYLES } from "@/lib/tags/label-styles";
import { ACTOR_KINDS, LABELS, TAG_STATUSES } from "@/lib/vocabulary";
import type { ExportArticle, ExportTag } from "@/lib/export/shape";

/** Characters a standoff line cannot hold (brat reads the file line by line and splits on tabs). */
const BREAKS = /[\r\n\t]/;

/** A tag's fragments in code points, and its text column. */
export function fragments(tag: ExportTag): { spans: [number, number][]; text: string } {
  const spans: [number, number][] = [];
  const pieces: string[] = [];
  let at = tag.start;
  let open = -1;
  let piece = "";
  for (const char of tag.text) {
    if (BREAKS.test(char)) {
      if (open >= 0) {
        spans.push([open, at]);
        pieces.push(piece);
      }
      open = -1;
      piece = "";
    } else {
      if (open < 0) open = at;
      piece += char;
    }
    at++;
  }
  if (open >= 0) {
    spans.push([open, at]);
    pieces.push(piece);
  }
  return { spans, text: pieces.join(" ") };
}

const oneLine = (text: string) => text.replace(/[\r\n\t]+/g, " ");

export function annDocument(article: ExportArticle): string {
  const lines: string[] = [];
  const ids = new Map<string, string>();
  let attribute = 0;
  let note = 0;
  const notes: string[] = [];
  for (const tag of article.tags) {
    const { spans, text } = fragments(tag);
    // A tag of nothing but line breaks has no characters brat could show.
    if (!spans.length) continue;
    const id = `T${ids.size + 1}`;
    ids.set(tag.id, id);
    lines.push(`${id}\t${tag.label} ${spans.map(([start, end]) => `${start} ${end}`).join(";")}\t${text}`);
    const { kind, direct, approximate, canonicalName, actorId, actorName, value, unit } = tag.attributes;
    if (kind) lines.push(`A${++attribute}\tkind ${id} ${kind}`);
    if (direct) lines.push(`A${++attribute}\tdirect ${id}`);
    if (approximate) lines.push(`A${++attribute}\tapproximate ${id}`);
    lines.push(`A${++attribute}\tstatus ${id} ${tag.status}`);
    const facts = [
      canonicalName ? `canonical name: ${canonicalName}` : null,
      actorId ? `actor record: ${actorId} (${actorName ?? ""})` : null,
      value !== undefined && value !== null ? `value: ${value}` : null,
      unit ? `unit: ${unit}` : null,
      tag.note,
    ];
    for (const fact of facts) if (fact) notes.push(`#${++note}\tAnnotatorNotes ${id}\t${oneLine(fact)}`);
  }
  let relation = 0;
  for (const link of article.relations) {
    const from = ids.get(link.from);
    const to = ids.get(link.to);
    if (from && to) lines.push(`R${++relation}\t${link.type} Arg1:${from} Arg2:${to}`);
  }
  lines.push(...notes);
  return lines.length ? `${lines.join("\n")}\n` : "";
}

/** annotation.conf: the labels, the two links, any overlap (Margin's tags nest and cross), the attributes. */
export const ANNOTATION_CONF = [
  "[entities]",
  ...LABELS,
  "",
  "[relations]",
  "speaker\tArg1:quote, Arg2:actor",
  "source\tArg1:claim, Arg2:actor",
  "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>",
  "",
  "[events]",
  "",
  "[attributes]",
  `kind\tArg:actor, Value:${ACTOR_KINDS.join("|")}`,
  "direct\tArg:quote",
  "approximate\tArg:figure",
  `status\tArg:<ENTITY>, Value:${TAG_STATUSES.join("|")}`,
  "",
].join("\n");

/** visual.conf: each label's name and colour as Margin shows them. */
export const VISUAL_CONF = [
  "[labels]",
  ...LABELS.map((label) => `${label} | ${LABEL_STYLES[label].name}`),
  "speaker | Speaker",
  "source | Source",
  "",
  "[drawing]",
  ...LABELS.map((label) => `${label}\tbgColor:${LABEL_STYLES[label].line}, fgColor:white`),
  "SPAN_DEFAULT\tfgColor:black, bgColor:lightgreen, borderColor:darken",
  "ARC_DEFAULT\tcolor:black, arrowHead:triangle-5",
  "",
].join("\n");
