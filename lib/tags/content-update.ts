/**
 * Whether one update a client sends to an article's content document is something its sender may do,
 * judged as a whole, not as a string comparison. A modified client is the threat: the editor never sends
 * what this refuses (the convergence simulation runs every simulated client's updates through it).
 *
 * - What the update inserts must be what the schema allows (lib/tags/content-schema.ts): known nodes with
 *   known attributes, known marks (a tag mark carries a tag id), text PostgreSQL can store; nothing else.
 * - Text (characters, blocks, node attributes) changes only for those who may correct the text.
 * - Every change the update makes to an existing tag's marks on existing words is reported, so that the
 *   tag's history says who moved it. It is not refused: y-prosemirror rewrites a paragraph's formatting
 *   from the client's view, and Yjs cleans up formatting the client thinks redundant, so under concurrent
 *   edits an honest client's update can shift a colleague's mark, and no rule on one update tells that
 *   from a forgery (the convergence simulation found both). New words carry the marks the editor gave them.
 *
 * The check runs on a shadow of the document (lib/tags/live/content-guard.ts): it applies the update there
 * and compares each touched text before and after, character by character, by Yjs item identity. A shadow
 * keeps deleted content (gc off), so a character deleted by this update still shows what it carried.
 */
import * as Y from "yjs";
import { CONTENT_FIELD } from "@/lib/collab/names";
import { ANNOTATION_MARK } from "@/lib/editor/annotation-mark";
import { articleSchema } from "@/lib/editor/extensions";
import { ContentError, checkText, markOfFormat } from "./content-schema";

export type ContentSender = {
  /** May change characters, blocks and node attributes (owners and editors). */
  mayEditText: boolean;
  /** May add and remove tag marks at all (anyone who may tag). */
  mayMark: boolean;
};

/** Whether a tag id is a tag of the article (not one being created, deleted, or made up). */
export type KnownTag = (tagId: string) => boolean;

/** A tag whose marks the update moved on existing words: its words in the touched texts, before and after. */
export type SpanChange = { from: string; to: string };

export type UpdateVerdict =
  | { ok: true; spanChanges: Map<string, SpanChange> }
  /** `applied`: the shadow already holds the refused update and must be rebuilt. */
  | { ok: false; reason: string; applied: boolean };

type DeleteSet = ReturnType<typeof Y.decodeUpdate>["ds"];

class Refused extends Error {}

const refuse = (reason: string): never => {
  throw new Refused(reason);
};

/** The tag ids a formatting state marks (keys `annotation` and `annotation--<hash>`). */
function tagIds(attributes: Map<string, unknown>): Set<string> {
  const ids = new Set<string>();
  for (const [key, value] of attributes) {
    if ((key === ANNOTATION_MARK || key.startsWith(`${ANNOTATION_MARK}--`)) && value && typeof value === "object") {
      const id = (value as { id?: unknown }).id;
      if (typeof id === "string") ids.add(id);
    }
  }
  return ids;
}

/** Checks what the update inserts, before applying it: content kinds, roots, marks, text. */
function checkInserted(structs: (Y.Item | Y.GC | Y.Skip)[], sender: ContentSender): void {
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    if (typeof struct.parent === "string" && struct.parent !== CONTENT_FIELD) refuse(`writes outside the article ("${struct.parent}")`);
    const content = struct.content;
    if (content instanceof Y.ContentString) {
      if (!sender.mayEditText) refuse(`may tag but not change the text (inserts "${content.str.slice(0, 40)}")`);
      checkText(content.str);
    } else if (content instanceof Y.ContentFormat) {
      if (!sender.mayMark) refuse("may not tag");
      markOfFormat(content.key, content.value);
    } else if (content instanceof Y.ContentType) {
      if (!sender.mayEditText) refuse(`may tag but not change the text (inserts a ${content.type.constructor.name})`);
      const type = content.type;
      if (type instanceof Y.XmlElement) {
        const node = articleSchema.nodes[type.nodeName];
        if (!node || node.isText || node === articleSchema.topNodeType) refuse(`unknown node "${type.nodeName}"`);
      } else if (!(type instanceof Y.XmlText)) refuse("only elements and text belong in an article");
    } else if (content instanceof Y.ContentAny) {
      // An element's attribute (heading level…): structure, so text; its name is checked once applied.
      if (!sender.mayEditText) refuse("may tag but not change the text");
      if (struct.parentSub === null) refuse("plain values do not belong in an article");
      for (const value of content.arr) {
        if (value !== null && typeof value === "object") refuse(`attribute "${struct.parentSub}" must be a plain value`);
        if (typeof value === "string") checkText(value);
      }
    } else if (!(content instanceof Y.ContentDeleted)) refuse("embedded objects do not belong in an article");
  }
}

/** The items of the shadow that the update's delete set names, found before applying it. */
function deletedItems(shadow: Y.Doc, ds: DeleteSet): Y.Item[] {
  const items: Y.Item[] = [];
  for (const [client, ranges] of ds.clients) {
    const structs = shadow.store.clients.get(client);
    if (!structs) continue;
    for (const { clock, len } of ranges) {
      if (clock >= Y.getState(shadow.store, client)) continue;
      for (let index = Y.findIndexSS(structs, clock); index < structs.length; index++) {
        const struct = structs[index]!;
        if (struct.id.clock >= clock + len) break;
        if (struct instanceof Y.Item && !struct.deleted) items.push(struct);
      }
    }
  }
  return items;
}

/** A formatting item's effect: from here on, `key` is `value` (null ends it). */
function setFormat(attributes: Map<string, unknown>, key: string, value: unknown): void {
  if (value === null) attributes.delete(key);
  else attributes.set(key, value);
}

type Walked = { before: Map<string, Set<string>>; after: Map<string, Set<string>>; order: string[] };

/**
 * One text's characters with the tags marking each, before and after the update (by item id and offset):
 * an item is "before" if it existed and was not deleted, or was deleted by this very update.
 */
function walkText(text: Y.XmlText, isNewItem: (item: Y.Item) => boolean, deletedNow: Set<Y.Item>): Walked {
  const walked: Walked = { before: new Map(), after: new Map(), order: [] };
  const beforeAttributes = new Map<string, unknown>();
  const afterAttributes = new Map<string, unknown>();
  for (let item = text._start; item; item = item.right) {
    const fresh = isNewItem(item);
    const inBefore = !fresh && (!item.deleted || deletedNow.has(item));
    const inAfter = !item.deleted;
    if (item.content instanceof Y.ContentFormat) {
      const { key, value } = item.content;
      if (inBefore) setFormat(beforeAttributes, key, value);
      if (inAfter) setFormat(afterAttributes, key, value);
      continue;
    }
    if (!(item.content instanceof Y.ContentString)) continue;
    const beforeTags = inBefore ? tagIds(beforeAttributes) : null;
    const afterTags = inAfter ? tagIds(afterAttributes) : null;
    for (let offset = 0; offset < item.length; offset++) {
      const id = `${item.id.client}:${item.id.clock + offset}`;
      if (beforeTags) walked.before.set(id, beforeTags);
      if (afterTags) {
        walked.after.set(id, afterTags);
        walked.order.push(id);
      }
    }
  }
  return walked;
}

/** Checks `update` against `shadow` and applies it there (see UpdateVerdict for the shadow's state after). */
export function checkContentUpdate(shadow: Y.Doc, update: Uint8Array, sender: ContentSender, known: KnownTag): UpdateVerdict {
  let applied = false;
  try {
    let decoded: ReturnType<typeof Y.decodeUpdate>;
    try {
      decoded = Y.decodeUpdate(update);
    } catch {
      return refuse("not a Yjs update");
    }
    checkInserted(decoded.structs, sender);
    const removed = deletedItems(shadow, decoded.ds);
    // An empty text's removal changes no words: y-prosemirror drops one where concurrent joins left two
    // texts side by side in a paragraph, for any client that writes into it, reviewers included.
    const emptyText = (item: Y.Item) =>
      item.content instanceof Y.ContentType && item.content.type instanceof Y.XmlText && item.content.type.length === 0;
    const removedText = removed.find((item) => !(item.content instanceof Y.ContentFormat) && !emptyText(item));
    if (!sender.mayEditText && removedText) {
      const what = removedText.content instanceof Y.ContentString ? `"${removedText.content.str.slice(0, 40)}"` : "a block";
      refuse(`may tag but not change the text (deletes ${what})`);
    }
    if (!sender.mayMark && removed.length) refuse("may not tag");
    const state = new Map([...shadow.store.clients.keys()].map((client) => [client, Y.getState(shadow.store, client)]));
    const isNewItem = (item: Y.Item) => item.id.clock >= (state.get(item.id.client) ?? 0);

    applied = true;
    try {
      Y.applyUpdate(shadow, update);
    } catch {
      return refuse("not a Yjs update");
    }
    // A client's updates reach the server in order, and it only ever saw what the server has: an update
    // that waits for others (Yjs keeps it pending) was made up, and would integrate later unchecked.
    if (shadow.store.pendingStructs || shadow.store.pendingDs) refuse("depends on changes this server does not have");

    // What the update touched: the texts it wrote into or deleted from, and the elements whose attributes
    // it set (only once applied are parents known: an item names its neighbours, not always its parent).
    const texts = new Set<Y.XmlText>();
    for (const struct of decoded.structs) {
      if (!(struct instanceof Y.Item)) continue;
      // Integrated, an item may have been split or merged; its parent is the same throughout.
      if (struct.id.clock >= Y.getState(shadow.store, struct.id.client)) continue;
      const item = Y.getItem(shadow.store, struct.id);
      if (!(item instanceof Y.Item)) continue;
      if (item.parent instanceof Y.XmlText) texts.add(item.parent);
      if (item.parentSub !== null && item.parent instanceof Y.XmlElement) {
        const node = articleSchema.nodes[item.parent.nodeName];
        if (!node || !(item.parentSub in (node.spec.attrs ?? {})))
          refuse(`node "${item.parent.nodeName}": unknown attribute "${item.parentSub}"`);
      }
      if (item.content instanceof Y.ContentType && item.content.type instanceof Y.XmlText) texts.add(item.content.type);
    }
    const deletedNow = new Set(removed);
    for (const item of removed) if (item.parent instanceof Y.XmlText) texts.add(item.parent);

    // Tag marks on existing words, character by character. New words carry whatever marks the editor
    // gave them (typing inside a tag, text a split or an undo moved, a reconnecting client's offline work):
    // under concurrent edits no rule on them tells a forgery from a merge, and only text editors write them.
    const spanChanges = new Map<string, { from: string[]; to: string[] }>();
    const changed = (id: string) => spanChanges.get(id) ?? spanChanges.set(id, { from: [], to: [] }).get(id)!;
    const walks = [...texts].map((text) => ({ text, walked: walkText(text, isNewItem, deletedNow) }));
    for (const { walked } of walks) {
      for (const id of walked.order) {
        const after = walked.after.get(id)!;
        const before = walked.before.get(id);
        if (!before) continue;
        for (const tag of new Set([...after, ...before])) {
          if (after.has(tag) === before.has(tag)) continue;
          // Recorded, not refused: Yjs's own clean-up of redundant formatting, made on a client's older
          // view and merged here, can shift a colleague's mark; the tag's history shows who it came from.
          if (known(tag)) changed(tag);
        }
      }
    }

    // The words each changed tag covers in the touched texts, before and after, for its history.
    const result = new Map<string, SpanChange>();
    for (const [tag, words] of spanChanges) {
      for (const { text, walked } of walks) {
        const chars = new Map<string, string>();
        for (let item = text._start; item; item = item.right) {
          if (item.content instanceof Y.ContentString) {
            const value = item.content.str;
            for (let offset = 0; offset < value.length; offset++) chars.set(`${item.id.client}:${item.id.clock + offset}`, value[offset]!);
          }
        }
        for (const [id, tags] of walked.before) if (tags.has(tag)) words.from.push(chars.get(id) ?? "");
        for (const id of walked.order) if (walked.after.get(id)!.has(tag)) words.to.push(chars.get(id) ?? "");
      }
      result.set(tag, { from: words.from.join(""), to: words.to.join("") });
    }
    return { ok: true, spanChanges: result };
  } catch (error) {
    if (error instanceof Refused || error instanceof ContentError) return { ok: false, reason: error.message, applied };
    throw error;
  }
}
