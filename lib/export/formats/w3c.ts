/**
 * The `w3c` format: the W3C Web Annotation Data Model (https://www.w3.org/TR/annotation-model/) as JSON-LD,
 * one AnnotationCollection whose single AnnotationPage is embedded as `first`.
 *
 * - One Annotation per tag, motivation "tagging". Its bodies are TextualBodies that any Web Annotation
 *   client shows: the label (purpose "tagging"), an actor's canonical name (purpose "identifying": it names
 *   who the words refer to) and the note (purpose "commenting"). An actor linked to a record of the
 *   project's registry also has a SpecificResource body, purpose "identifying", whose source is the record:
 *   `{"id": "urn:margin:actor:<id>", "label": "<its name>"}`, the root record its tags count for (the
 *   model gives an external resource a purpose so; `label` is rdfs:label in the anno.jsonld context).
 *   What has no W3C term travels losslessly in Margin-namespaced extension properties (the model's §6
 *   Extensions), declared in the document's context as JSON literals (`@type: @json`) so that a JSON-LD
 *   processor keeps them whole: `margin:attributes` (the tag's attributes exactly as in the jsonl format,
 *   actorId and actorName included), `margin:status` and `margin:reviews`.
 * - The target is the article (`urn:margin:article:<id>`) through two alternative selectors, as Hypothesis
 *   writes them: a TextQuoteSelector (exact, prefix, suffix; empty context omitted) and a
 *   TextPositionSelector. The model says a selection "MUST be in terms of unicode code points", not code
 *   units (§4.2.4, which §4.2.5 refers to), so these positions are code points whatever the header's unit.
 * - Each relation (quote → speaker, claim → source) is an Annotation of its own, motivation "linking",
 *   whose target is the quote's or claim's annotation and whose bodies are the actor's annotation (a
 *   SpecificResource, purpose "linking") and the relation's name (purpose "tagging"). Standard terms only,
 *   so a client that ignores the extensions still sees who said what. It inherits creator and dates from
 *   the tag that holds the link (the link is one of its attributes).
 * - Ids are URNs: `urn:margin:tag:<id>` (tag ids are unique across Margin), `urn:margin:user:<id>`, and
 *   for the collection the project's slug plus a digest of the filters, so that two differently filtered
 *   exports are two collections while re-exporting the same selection keeps its id. The collection also
 *   carries `margin:filters` and, at its end, `margin:datasetVersion` (the jsonl export's SHA-256).
 */
import { createHash } from "node:crypto";
import type { ExportArticle, ExportHeader, ExportPerson, ExportTag } from "@/lib/export/shape";
import { sortFilters } from "./json";
import { orderAttributes, orderReview } from "./jsonl";
import type { FormatWriter } from "./types";

const MARGIN_NAMESPACE = "https://margin.example/ns/annotation#";

const CONTEXT = [
  "http://www.w3.org/ns/anno.jsonld",
  {
    "@version": 1.1,
    margin: MARGIN_NAMESPACE,
    "margin:attributes": { "@type": "@json" },
    "margin:reviews": { "@type": "@json" },
    "margin:filters": { "@type": "@json" },
  },
];

export const articleUrn = (id: string) => `urn:margin:article:${encodeURIComponent(id)}`;
export const tagUrn = (id: string) => `urn:margin:tag:${encodeURIComponent(id)}`;
const userUrn = (id: string) => `urn:margin:user:${encodeURIComponent(id)}`;
export const actorUrn = (id: string) => `urn:margin:actor:${encodeURIComponent(id)}`;

export function collectionUrn(header: ExportHeader): string {
  const filters = createHash("sha256")
    .update(JSON.stringify(sortFilters(header.filters)))
    .digest("hex")
    .slice(0, 16);
  return `urn:margin:project:${encodeURIComponent(header.project.slug)}:export:${filters}`;
}

function agent(person: ExportPerson) {
  return {
    id: userUrn(person.id),
    type: "Person",
    ...(person.name === null ? {} : { name: person.name }),
    email: `mailto:${person.email}`,
  };
}

function tagAnnotation(article: ExportArticle, tag: ExportTag) {
  const body: object[] = [{ type: "TextualBody", purpose: "tagging", value: tag.label }];
  if (tag.attributes.canonicalName) body.push({ type: "TextualBody", purpose: "identifying", value: tag.attributes.canonicalName });
  const { actorId, actorName } = tag.attributes;
  if (actorId) body.push({ type: "SpecificResource", purpose: "identifying", source: { id: actorUrn(actorId), label: actorName } });
  if (tag.note) body.push({ type: "TextualBody", purpose: "commenting", value: tag.note });
  const quote = {
    type: "TextQuoteSelector",
    exact: tag.text,
    ...(tag.prefix ? { prefix: tag.prefix } : {}),
    ...(tag.suffix ? { suffix: tag.suffix } : {}),
  };
  return {
    id: tagUrn(tag.id),
    type: "Annotation",
    motivation: "tagging",
    creator: tag.authors.map(agent),
    created: tag.createdAt,
    modified: tag.updatedAt,
    body,
    target: {
      type: "SpecificResource",
      source: articleUrn(article.id),
      selector: [quote, { type: "TextPositionSelector", start: tag.start, end: tag.end }],
    },
    "margin:status": tag.status,
    "margin:attributes": orderAttributes(tag.attributes),
    "margin:reviews": tag.reviews.map(orderReview),
  };
}

function linkAnnotation(holder: ExportTag | undefined, from: string, to: string, type: string) {
  return {
    id: `${tagUrn(from)}:${type}`,
    type: "Annotation",
    motivation: "linking",
    ...(holder ? { creator: holder.authors.map(agent), created: holder.createdAt, modified: holder.updatedAt } : {}),
    body: [
      { type: "SpecificResource", source: tagUrn(to), purpose: "linking" },
      { type: "TextualBody", purpose: "tagging", value: type },
    ],
    target: tagUrn(from),
  };
}

export function createW3cWriter(): FormatWriter {
  let written = 0;
  let collection = "";
  return {
    format: "w3c",
    contentType: 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"; charset=utf-8',
    extension: "jsonld",
    offsetUnit: "codepoint",
    begin(header) {
      collection = collectionUrn(header);
      const head = {
        "@context": CONTEXT,
        id: collection,
        type: "AnnotationCollection",
        label: header.project.name,
        "margin:filters": sortFilters(header.filters),
      };
      const page = { id: `${collection}:page:1`, type: "AnnotationPage", partOf: collection, startIndex: 0 };
      return `${JSON.stringify(head).slice(0, -1)},"first":${JSON.stringify(page).slice(0, -1)},"items":[`;
    },
    article(article) {
      const items: object[] = article.tags.map((tag) => tagAnnotation(article, tag));
      if (article.relations.length) {
        const tags = new Map(article.tags.map((tag) => [tag.id, tag]));
        for (const relation of article.relations)
          items.push(linkAnnotation(tags.get(relation.from), relation.from, relation.to, relation.type));
      }
      let out = "";
      for (const item of items) out += `${written++ > 0 ? "," : ""}${JSON.stringify(item)}`;
      return out;
    },
    end: (summary) =>
      `]},"last":${JSON.stringify(`${collection}:page:1`)},"total":${written},"margin:datasetVersion":${JSON.stringify(summary.datasetVersion)}}\n`,
  };
}
