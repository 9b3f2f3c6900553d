/**
 * What an article's content document may hold, checked against the editor's ProseMirror schema, and a
 * reading of it that never changes it. y-tiptap's own reading (yXmlFragmentToProseMirrorRootNode) deletes
 * whatever it cannot turn into a node: one unknown mark in a paragraph, sent by a modified client, deleted
 * the whole paragraph at the next store, for everyone. Here the reading throws ContentError instead, and
 * the collaboration server refuses such an update before it reaches the document (lib/tags/live/
 * content-guard.ts), so the only content that ever gets in is content this reads.
 */
import { Fragment, type Mark, type Node as PMNode, type NodeType } from "@tiptap/pm/model";
import * as Y from "yjs";
import { ANNOTATION_MARK } from "@/lib/editor/annotation-mark";
import { articleSchema } from "@/lib/editor/extensions";
import { storable } from "@/lib/text/storable";

export class ContentError extends Error {
  override name = "ContentError";
}

/** Tag ids also name CSS classes and appear in URLs (lib/tags/schema.ts). */
const TAG_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** y-prosemirror's key of an overlapping mark: its name, "--" and eight characters of a hash. */
const MARK_KEY = /^([a-zA-Z]+)(--[a-zA-Z0-9+/=]{8})?$/;
const LINK_PROTOCOL = /^(https?:|mailto:)/i;
/** The longest a mark's or node's attribute value may be, as JSON. */
const MAX_ATTRIBUTE_JSON = 2048;

/** Checks a run of text the document would hold. */
export function checkText(text: string): void {
  if (!storable(text)) throw new ContentError("text with a NUL or an unpaired surrogate");
}

function checkAttributes(owner: string, allowed: Record<string, unknown>, attributes: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (!(name in allowed)) throw new ContentError(`${owner}: unknown attribute "${name}"`);
    const json = JSON.stringify(value ?? null);
    if (json.length > MAX_ATTRIBUTE_JSON) throw new ContentError(`${owner}: attribute "${name}" is too long`);
    if (typeof value === "string" && !storable(value))
      throw new ContentError(`${owner}: attribute "${name}" holds a NUL or an unpaired surrogate`);
    if (value !== null && typeof value === "object") throw new ContentError(`${owner}: attribute "${name}" must be a plain value`);
  }
}

/** The mark a formatting attribute stands for (`annotation--a1b2c3d4` → annotation), checked. */
export function markOfFormat(key: string, value: unknown): Mark | null {
  const match = MARK_KEY.exec(key);
  const type = match ? articleSchema.marks[match[1]!] : undefined;
  if (!type) throw new ContentError(`unknown mark "${key}"`);
  // null ends a formatting run: no mark.
  if (value === null) return null;
  if (typeof value !== "object" || Array.isArray(value)) throw new ContentError(`mark "${key}": its attributes must be an object`);
  const attributes = value as Record<string, unknown>;
  checkAttributes(`mark "${type.name}"`, type.spec.attrs ?? {}, attributes);
  if (type.name === ANNOTATION_MARK && (typeof attributes.id !== "string" || !TAG_ID.test(attributes.id))) {
    throw new ContentError(`mark "${key}": a tag mark carries a tag id`);
  }
  if (type.name === "link" && (typeof attributes.href !== "string" || !LINK_PROTOCOL.test(attributes.href))) {
    throw new ContentError(`mark "${key}": a link goes to an http(s) or mailto address`);
  }
  return type.create(attributes);
}

function textNodes(text: Y.XmlText): PMNode[] {
  return (text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]).map((op) => {
    if (typeof op.insert !== "string") throw new ContentError("an embedded object where text belongs");
    checkText(op.insert);
    const marks = Object.entries(op.attributes ?? {})
      .map(([key, value]) => markOfFormat(key, value))
      .filter((mark): mark is Mark => mark !== null);
    return articleSchema.text(op.insert, marks);
  });
}

/** The node type an element's name stands for; ContentError for an unknown one (or the document, or text). */
export function nodeTypeOf(name: string): NodeType {
  const type = articleSchema.nodes[name];
  if (!type || type === articleSchema.topNodeType || type.isText) throw new ContentError(`unknown node "${name}"`);
  return type;
}

/** An element of the content document as a ProseMirror node, or ContentError; never changes the document. */
function readElement(element: Y.XmlElement): PMNode {
  const type = nodeTypeOf(element.nodeName);
  const attributes = element.getAttributes() as Record<string, unknown>;
  checkAttributes(`node "${type.name}"`, type.spec.attrs ?? {}, attributes);
  const children = element.toArray().flatMap((child) => {
    if (child instanceof Y.XmlElement) return [readElement(child)];
    if (child instanceof Y.XmlText) return textNodes(child);
    throw new ContentError(`node "${type.name}": a child that is neither an element nor text`);
  });
  try {
    return type.create(attributes, Fragment.fromArray(children));
  } catch (error) {
    throw new ContentError(`node "${type.name}": ${(error as Error).message}`);
  }
}

/**
 * A top-level block. Its content is not held to the schema's content expressions (a list with no items):
 * concurrent edits merged by Yjs can leave such a shape, which the editor shows and repairs, and which no
 * reading may delete. Unknown nodes, marks and attributes, which no editor writes, are refused.
 */
export function readBlock(type: Y.XmlElement | Y.XmlText | Y.XmlHook): PMNode {
  if (!(type instanceof Y.XmlElement)) throw new ContentError("the article holds something other than blocks");
  return readElement(type);
}

/** The whole content document as ProseMirror's document node; ContentError for anything the schema refuses. */
export function readContent(fragment: Y.XmlFragment): PMNode {
  const blocks = fragment.toArray().map((child) => readBlock(child));
  return articleSchema.topNodeType.create(null, Fragment.fromArray(blocks));
}
