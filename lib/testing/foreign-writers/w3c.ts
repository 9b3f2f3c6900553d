/**
 * W3C Web Annotation (https://www.w3.org/TR/annotation-model/, "Web Annotation Data Model", and its
 * vocabulary): annotations with a `body` (a TextualBody whose `purpose` is "tagging" carries the label,
 * "commenting" a note) and a `target` `{ source, selector: [...] }`; the selectors here are a
 * TextQuoteSelector (`exact`, `prefix`, `suffix`) and a TextPositionSelector (`start`, `end`, counted in code
 * points per §4.2.1, end exclusive), listed in an AnnotationCollection whose first AnnotationPage holds the
 * items. The model has no relations: the flavours follow Recogito's, an annotation with motivation
 * "linking", a tagging body naming the relation and two targets, the annotations it joins. The annotations
 * never carry the document's text: the tools give it apart, so each flavour also writes each document's
 * text as `<id>.txt`.
 * Flavours:
 * - `collection`: as above, sources `https://news.example/articles/<id>`.
 * - `hypothesis`: Hypothesis's API search result (h's API docs): `{ total, rows: [...] }`, each row with
 *   `uri`, `text` (the note), `tags` (the label), `document.title` (an array), `user`, and `target: [{ source,
 *   selector: [RangeSelector, TextPositionSelector, TextQuoteSelector] }]`; its positions are JavaScript's,
 *   UTF-16 code units (dom-anchor-text-position#6), prefix and suffix 32 characters. No relations.
 * - `recogito`: a bare array of annotations with `"@context"`, ids `#<uuid>`, bodies
 *   `{ type: "TextualBody", purpose, value }` and relations as linking annotations.
 */
import {
  type NeutralDataset,
  type NeutralDocument,
  type NeutralEntity,
  type WrittenFile,
  entityById,
  sliceCodePoints,
  toUtf16,
} from "./model";

export type W3cFlavour = "collection" | "hypothesis" | "recogito";

const CONTEXT = "http://www.w3.org/ns/anno.jsonld";

function quoteSelector(document: NeutralDocument, entity: NeutralEntity, context: number) {
  return {
    type: "TextQuoteSelector",
    exact: sliceCodePoints(document.text, entity.start, entity.end),
    prefix: sliceCodePoints(document.text, Math.max(0, entity.start - context), entity.start),
    suffix: sliceCodePoints(document.text, entity.end, entity.end + context),
  };
}

function textBodies(entity: NeutralEntity) {
  return [
    { type: "TextualBody", purpose: "tagging", value: entity.label },
    ...(entity.note ? [{ type: "TextualBody", purpose: "commenting", value: entity.note }] : []),
  ];
}

function linking(document: NeutralDocument, source: string | null, idOf: (entity: NeutralEntity) => string) {
  return document.relations.map((relation, index) => ({
    "@context": CONTEXT,
    id: `${idOf(entityById(document, relation.from))}-link-${index + 1}`,
    type: "Annotation",
    motivation: "linking",
    body: [{ type: "TextualBody", purpose: "tagging", value: relation.type }],
    target: [relation.from, relation.to].map((id) => ({ id: idOf(entityById(document, id)), ...(source ? { source } : {}) })),
  }));
}

function collection(dataset: NeutralDataset) {
  const source = (document: NeutralDocument) => `https://news.example/articles/${document.id}`;
  const items = dataset.documents.flatMap((document) => {
    const idOf = (entity: NeutralEntity) => `https://news.example/annotations/${document.id}/${entity.id}`;
    return [
      ...document.entities.map((entity) => ({
        "@context": CONTEXT,
        id: idOf(entity),
        type: "Annotation",
        motivation: "tagging",
        body: textBodies(entity),
        target: {
          source: source(document),
          selector: [quoteSelector(document, entity, 32), { type: "TextPositionSelector", start: entity.start, end: entity.end }],
        },
      })),
      ...linking(document, source(document), idOf),
    ];
  });
  return {
    "@context": CONTEXT,
    id: "https://news.example/collections/1",
    type: "AnnotationCollection",
    label: "News annotations",
    total: items.length,
    first: { id: "https://news.example/collections/1/page/1", type: "AnnotationPage", startIndex: 0, items },
  };
}

function hypothesis(dataset: NeutralDataset) {
  const rows = dataset.documents.flatMap((document) => {
    const uri = `https://news.example/articles/${document.id}`;
    return document.entities.map((entity) => ({
      id: `h${document.id}${entity.id}`,
      created: "2025-10-14T12:23:00.000000+00:00",
      updated: "2025-10-14T12:23:00.000000+00:00",
      user: "acct:alice@hypothes.is",
      uri,
      text: entity.note ?? "",
      tags: [entity.label],
      group: "__world__",
      permissions: { read: ["group:__world__"] },
      target: [
        {
          source: uri,
          selector: [
            { type: "RangeSelector", startContainer: "/main[1]/p[1]", startOffset: 0, endContainer: "/main[1]/p[1]", endOffset: 0 },
            { type: "TextPositionSelector", start: toUtf16(document.text, entity.start), end: toUtf16(document.text, entity.end) },
            quoteSelector(document, entity, 32),
          ],
        },
      ],
      document: { title: [document.title ?? document.id] },
      links: { html: `https://hypothes.is/a/h${document.id}${entity.id}` },
    }));
  });
  return { total: rows.length, rows };
}

function recogito(dataset: NeutralDataset) {
  return dataset.documents.flatMap((document) => {
    const source = `https://news.example/articles/${document.id}`;
    const idOf = (entity: NeutralEntity) => `#${document.id}-${entity.id}`;
    return [
      ...document.entities.map((entity) => ({
        "@context": CONTEXT,
        id: idOf(entity),
        type: "Annotation",
        body: textBodies(entity).map((body) => ({ ...body, creator: { id: "https://recogito.example/alice", name: "alice" } })),
        target: {
          source,
          selector: [quoteSelector(document, entity, 10), { type: "TextPositionSelector", start: entity.start, end: entity.end }],
        },
      })),
      ...linking(document, null, idOf),
    ];
  });
}

export function writeW3c(dataset: NeutralDataset, flavour: W3cFlavour = "collection"): WrittenFile[] {
  const content = flavour === "collection" ? collection(dataset) : flavour === "hypothesis" ? hypothesis(dataset) : recogito(dataset);
  const name = flavour === "hypothesis" ? "hypothesis.json" : `annotations-${flavour}.jsonld`;
  return [
    { name, bytes: Buffer.from(JSON.stringify(content, null, 2), "utf8") },
    ...dataset.documents.map((document) => ({ name: `${document.id}.txt`, bytes: Buffer.from(document.text, "utf8") })),
  ];
}
