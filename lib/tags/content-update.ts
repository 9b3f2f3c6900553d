/**
 * Whether one update a client sends to an article's content document is something its sender may do,
 * judged as a whole, not as a string comparison. A modified client is the threat: the editor never sends
 * what this refuses (the convergence simulation runs every simulated client's updates through it).
 *
 * - What the update inserts must be what the schema allows (lib/tags/content-schema.ts): known nodes with
 *   known attributes, known marks (a tag mark carries a tag id), text PostgreSQL can store; nothing else.
 * - Text (characters, blocks, node attributes) changes only for those who may correct the text.
 * - No character is cut in two (between an emoji's surrogates, which Yjs would turn into U+FFFD twice).
 * - A tag's marks on existing words move only by the tag's annotators or an owner (reported, for the tag's
 *   history); a colleague's moved marks are reported to be put back (applyReverts), not refused:
 *   y-prosemirror rewrites a paragraph's formatting from the client's view, and Yjs cleans up formatting
 *   the client thinks redundant, so under concurrent edits an honest update can shift a colleague's mark,
 *   and refusing it would refuse the whole update again at every reconnection (the convergence simulation
 *   found both). New words carry the marks the editor gave them.
 *
 * The check runs on a shadow of the document (lib/tags/live/content-guard.ts): it applies the update there
 * and compares each touched text before and after, character by character, by Yjs item identity. A shadow
 * keeps deleted content (gc off), so a character deleted by this update still shows what it carried. An
 * update that builds on one not yet received is kept pending by Yjs; what it inserts is checked as it
 * arrives, and its effect when it integrates, as part of the update that completes it (whose sender's
 * rights then apply to deletions: a known limit, noted in ARCHITECTURE.md).
 */
import * as Y from "yjs";
import { CONTENT_FIELD } from "@/lib/collab/names";
import { ANNOTATION_MARK } from "@/lib/editor/annotation-mark";
import { articleSchema } from "@/lib/editor/extensions";
import { ContentError, checkText, markOfFormat, nodeTypeOf } from "./content-schema";

export type ContentSender = {
  /** May change characters, blocks and node attributes (owners and editors). */
  mayEditText: boolean;
  /** May add and remove tag marks at all (anyone who may tag). */
  mayMark: boolean;
  /** May move anyone's tag marks (owners). */
  mayMarkAnyTag: boolean;
};

/** Whose a tag id is: the sender's own, a colleague's, or unknown (being created, deleted, or made up). */
export type TagOwnership = (tagId: string) => "own" | "foreign" | "unknown";

/** One character's tag mark to put back as it was: its formatting key, and the value (null: no mark). */
export type Revert = { client: number; clock: number; key: string; value: unknown };

/** A tag whose marks the update moved on existing words: its words in the touched texts, before and after. */
export type SpanChange = { from: string; to: string };

export type UpdateVerdict =
  /** `reverts`: a colleague's marks this update moved, to be put back once it is applied (applyReverts). */
  | { ok: true; spanChanges: Map<string, SpanChange>; reverts: Revert[] }
  /** `applied`: the shadow already holds the refused update and must be rebuilt. */
  | { ok: false; reason: string; applied: boolean };

type DeleteSet = ReturnType<typeof Y.decodeUpdate>["ds"];

class Refused extends Error {}

const refuse = (reason: string): never => {
  throw new Refused(reason);
};

type TagFormat = { key: string; value: unknown };

/** The tags a formatting state marks (keys `annotation` and `annotation--<hash>`), by id. */
function tagFormats(attributes: Map<string, unknown>): Map<string, TagFormat> {
  const tags = new Map<string, TagFormat>();
  for (const [key, value] of attributes) {
    if ((key === ANNOTATION_MARK || key.startsWith(`${ANNOTATION_MARK}--`)) && value && typeof value === "object") {
      const id = (value as { id?: unknown }).id;
      if (typeof id === "string") tags.set(id, { key, value });
    }
  }
  return tags;
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
        nodeTypeOf(type.nodeName);
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

/** The UTF-16 unit at an id of the shadow, when it is a character of a text. */
function unitAt(shadow: Y.Doc, client: number, clock: number): number | null {
  if (clock >= Y.getState(shadow.store, client)) return null;
  const item = Y.getItem(shadow.store, Y.createID(client, clock));
  return item instanceof Y.Item && item.content instanceof Y.ContentString ? item.content.str.charCodeAt(clock - item.id.clock) : null;
}

const isHigh = (unit: number | null) => unit !== null && unit >= 0xd800 && unit <= 0xdbff;
const isLow = (unit: number | null) => unit !== null && unit >= 0xdc00 && unit <= 0xdfff;

/**
 * Refuses an update that would cut a character in two: inserting between an emoji's surrogates, or
 * deleting one of them. Yjs replaces both halves of a cut pair with U+FFFD, a text change no editor makes
 * (a cursor never stands inside a character) and one a reviewer could otherwise slip past this check.
 */
function checkWholeCharacters(shadow: Y.Doc, structs: (Y.Item | Y.GC | Y.Skip)[], ds: DeleteSet): void {
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    if (struct.origin && isHigh(unitAt(shadow, struct.origin.client, struct.origin.clock))) refuse("cuts a character in two");
    if (struct.rightOrigin && isLow(unitAt(shadow, struct.rightOrigin.client, struct.rightOrigin.clock))) refuse("cuts a character in two");
  }
  for (const [client, ranges] of ds.clients) {
    for (const { clock, len } of ranges) {
      if (isLow(unitAt(shadow, client, clock)) || isHigh(unitAt(shadow, client, clock + len - 1))) refuse("cuts a character in two");
    }
  }
}

/** A formatting item's effect: from here on, `key` is `value` (null ends it). */
function setFormat(attributes: Map<string, unknown>, key: string, value: unknown): void {
  if (value === null) attributes.delete(key);
  else attributes.set(key, value);
}

type Walked = { before: Map<string, Map<string, TagFormat>>; after: Map<string, Map<string, TagFormat>>; order: string[] };

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
    const beforeTags = inBefore ? tagFormats(beforeAttributes) : null;
    const afterTags = inAfter ? tagFormats(afterAttributes) : null;
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
export function checkContentUpdate(shadow: Y.Doc, update: Uint8Array, sender: ContentSender, whose: TagOwnership): UpdateVerdict {
  let applied = false;
  try {
    let decoded: ReturnType<typeof Y.decodeUpdate>;
    try {
      decoded = Y.decodeUpdate(update);
    } catch {
      return refuse("not a Yjs update");
    }
    checkInserted(decoded.structs, sender);
    checkWholeCharacters(shadow, decoded.structs, decoded.ds);

    // Applied in one transaction, which says what changed: what this update inserted and deleted, and what
    // of earlier updates Yjs kept pending (they waited for changes this one brought) and integrated now.
    // (A reconnecting client's new typing can arrive before the offline edits it builds on.)
    applied = true;
    let transaction: Y.Transaction | null = null;
    const capture = (done: Y.Transaction) => void (transaction ??= done);
    shadow.on("afterTransaction", capture);
    try {
      Y.applyUpdate(shadow, update);
    } catch {
      return refuse("not a Yjs update");
    } finally {
      shadow.off("afterTransaction", capture);
    }
    if (!transaction) return { ok: true, spanChanges: new Map(), reverts: [] };
    const { beforeState, afterState, deleteSet } = transaction as Y.Transaction;
    const isNewItem = (item: Y.Item) => item.id.clock >= (beforeState.get(item.id.client) ?? 0);
    const inserted: Y.Item[] = [];
    for (const [client, clock] of afterState) {
      const structs = shadow.store.clients.get(client)!;
      const from = beforeState.get(client) ?? 0;
      if (clock <= from) continue;
      for (let index = Y.findIndexSS(structs, from); index < structs.length; index++) {
        const struct = structs[index]!;
        if (struct instanceof Y.Item) inserted.push(struct);
      }
    }
    const removed: Y.Item[] = [];
    Y.iterateDeletedStructs(transaction, deleteSet, (struct) => {
      if (struct instanceof Y.Item && !isNewItem(struct)) removed.push(struct);
    });
    const deletedNow = new Set(removed);
    const visibleBefore = (item: Y.Item) => !isNewItem(item) && (!item.deleted || deletedNow.has(item));

    // An empty text's removal changes no words: y-prosemirror drops one where concurrent joins left two
    // texts side by side in a paragraph, for any client that writes into it, reviewers included.
    const emptyText = (item: Y.Item) => {
      if (!(item.content instanceof Y.ContentType && item.content.type instanceof Y.XmlText)) return false;
      for (let child = item.content.type._start; child; child = child.right) if (child.countable && visibleBefore(child)) return false;
      return true;
    };
    // Deleting a block deletes what it holds: the block alone says what was removed.
    const removedText = removed.find(
      (item) =>
        !(item.content instanceof Y.ContentFormat) &&
        !emptyText(item) &&
        !(item.parent instanceof Y.AbstractType && item.parent._item && deletedNow.has(item.parent._item)),
    );
    if (!sender.mayEditText && removedText) {
      const what = removedText.content instanceof Y.ContentString ? `"${removedText.content.str.slice(0, 40)}"` : "a block";
      refuse(`may tag but not change the text (deletes ${what})`);
    }
    if (!sender.mayMark && removed.length) refuse("may not tag");

    // What the update touched: the texts it wrote into or deleted from, and the elements whose attributes
    // it set (only once applied are parents known: an item names its neighbours, not always its parent).
    const texts = new Set<Y.XmlText>();
    for (const item of inserted) {
      if (item.parent instanceof Y.XmlText) texts.add(item.parent);
      if (item.parentSub !== null && item.parent instanceof Y.XmlElement) {
        const node = articleSchema.nodes[item.parent.nodeName];
        if (!node || !(item.parentSub in (node.spec.attrs ?? {})))
          refuse(`node "${item.parent.nodeName}": unknown attribute "${item.parentSub}"`);
      }
      if (item.content instanceof Y.ContentType && item.content.type instanceof Y.XmlText) texts.add(item.content.type);
    }
    for (const item of removed) if (item.parent instanceof Y.XmlText) texts.add(item.parent);

    // Tag marks on existing words, character by character. New words carry whatever marks the editor
    // gave them (typing inside a tag, text a split or an undo moved, a reconnecting client's offline work):
    // under concurrent edits no rule on them tells a forgery from a merge, and only text editors write them.
    const spanChanges = new Map<string, { from: string[]; to: string[] }>();
    const changed = (id: string) => spanChanges.get(id) ?? spanChanges.set(id, { from: [], to: [] }).get(id)!;
    const reverts: Revert[] = [];
    const walks = [...texts].map((text) => ({ text, walked: walkText(text, isNewItem, deletedNow) }));
    for (const { walked } of walks) {
      for (const id of walked.order) {
        const after = walked.after.get(id)!;
        const before = walked.before.get(id);
        if (!before) continue;
        for (const tag of new Set([...after.keys(), ...before.keys()])) {
          if (after.has(tag) === before.has(tag)) continue;
          const owner = whose(tag);
          if (owner === "unknown") continue;
          if (owner === "own" || sender.mayMarkAnyTag) {
            changed(tag);
            continue;
          }
          // A colleague's mark moved: put back, not refused. Yjs's clean-up of formatting the client thought
          // redundant, made on its older view and merged here, does it too, and refusing would refuse the
          // honest client's whole update, again at every reconnection.
          const [client, clock] = id.split(":").map(Number) as [number, number];
          const was = before.get(tag);
          reverts.push(was ? { client, clock, key: was.key, value: was.value } : { client, clock, key: after.get(tag)!.key, value: null });
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
    return { ok: true, spanChanges: result, reverts };
  } catch (error) {
    if (error instanceof Refused || error instanceof ContentError) return { ok: false, reason: error.message, applied };
    throw error;
  }
}

/**
 * Puts colleagues' marks back as they were before an update moved them (its verdict's reverts), on the
 * document that has since applied it. Characters deleted meanwhile are left alone.
 */
export function applyReverts(doc: Y.Doc, reverts: readonly Revert[], origin: unknown): void {
  if (!reverts.length) return;
  // Where each character is now, then runs of neighbours with the same change: formatting one UTF-16 unit
  // at a time would split an emoji's surrogate pair, which Yjs turns into two replacement characters.
  const located = reverts.flatMap(({ client, clock, key, value }) => {
    const item = Y.getItem(doc.store, Y.createID(client, clock));
    if (!(item instanceof Y.Item) || item.deleted || !(item.parent instanceof Y.XmlText)) return [];
    let index = clock - item.id.clock;
    for (let left = item.left; left; left = left.left) if (!left.deleted && left.countable) index += left.length;
    return [{ text: item.parent, index, key, value: JSON.stringify(value) }];
  });
  const order = new Map<Y.XmlText, number>();
  for (const { text } of located) if (!order.has(text)) order.set(text, order.size);
  located.sort(
    (a, b) => order.get(a.text)! - order.get(b.text)! || a.key.localeCompare(b.key) || a.value.localeCompare(b.value) || a.index - b.index,
  );
  doc.transact(() => {
    for (let start = 0; start < located.length;) {
      const first = located[start]!;
      let end = start + 1;
      while (end < located.length) {
        const next = located[end]!;
        if (next.text !== first.text || next.key !== first.key || next.value !== first.value || next.index !== first.index + (end - start))
          break;
        end++;
      }
      first.text.format(first.index, end - start, { [first.key]: JSON.parse(first.value) as unknown });
      start = end;
    }
  }, origin);
}
