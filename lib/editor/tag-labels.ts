/**
 * Label names on the text: a compact label where each tag starts (and again where it goes on in a new
 * paragraph), readable without hovering, as brat and INCEpTION show them. The editor knows no labels: the
 * page gives `labelOf` (a tag id → the name to show, null for none) and asks for a refresh when tags change.
 *
 * The name is drawn by CSS from a data attribute of an empty widget, so it is never part of the text: not
 * selected, copied, or counted in offsets. After an edit only the paragraphs it touched are looked at again,
 * so typing in a 5,000-tag article costs what it costs in an empty one.
 */
import { Extension } from "@tiptap/core";
import type { Node as PMNode } from "@tiptap/pm/model";
import { Plugin, PluginKey, type Transaction } from "@tiptap/pm/state";
import { Mapping, StepMap } from "@tiptap/pm/transform";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { ANNOTATION_MARK } from "./annotation-mark";

export type TagLabelsOptions = {
  /**
   * The name shown at a tag's start and its kind (styled by the page's `[data-kind]` rules), or null.
   * @default () => null
   */
  labelOf: (id: string) => { name: string; kind: string } | null;
  /**
   * Whether the labels come just after the editor is first shown, rather than with it: at 5,000 tags,
   * drawing them delayed the editable text by a third of a second (bench/editor.ts).
   * @default false
   */
  deferFirst: boolean;
};

export const tagLabelsKey = new PluginKey<DecorationSet>("tagLabels");

/**
 * The class of a tag's label widgets, by which the page's stylesheet hides the labels of the tags it hides
 * (components/editor/tag-styles.tsx): browsers index class selectors.
 */
export const labelClass = (id: string) => `tag-label-${id}`;

/** Widgets at the starts of tags within the textblocks of `from`–`to`. */
function labelsIn(doc: PMNode, from: number, to: number, labelOf: TagLabelsOptions["labelOf"]): Decoration[] {
  const found: Decoration[] = [];
  doc.nodesBetween(from, to, (block, blockPos) => {
    if (!block.isTextblock) return true;
    let open = new Set<string>();
    block.forEach((child, offset) => {
      const ids = new Set(child.marks.filter((mark) => mark.type.name === ANNOTATION_MARK).map((mark) => mark.attrs.id as string));
      for (const id of ids) {
        if (open.has(id)) continue;
        const named = labelOf(id);
        if (!named) continue;
        found.push(
          Decoration.widget(blockPos + 1 + offset, () => label(id, named.name, named.kind), {
            side: -1,
            ignoreSelection: true,
            key: `${id}:${named.name}`,
          }),
        );
      }
      open = ids;
    });
    return false;
  });
  return found;
}

function label(id: string, name: string, kind: string): HTMLElement {
  const element = document.createElement("span");
  element.className = `margin-tag-label ${labelClass(id)}`;
  element.dataset.label = name;
  element.dataset.kind = kind;
  element.contentEditable = "false";
  element.setAttribute("aria-hidden", "true");
  return element;
}

/**
 * What a transaction changed, as one range of its final document, found by comparing the documents before
 * and after: y-tiptap applies a colleague's keystroke as a replacement of the whole document that keeps
 * every unchanged node (lib/editor/collaboration.ts), so its steps say "everything" where one word changed.
 * Unchanged nodes are the same objects, so the comparison skips them at once.
 */
function changedRange(tr: Transaction): { from: number; oldTo: number; to: number } | null {
  const from = tr.before.content.findDiffStart(tr.doc.content);
  if (from === null) return null;
  const end = tr.before.content.findDiffEnd(tr.doc.content) ?? { a: tr.before.content.size, b: tr.doc.content.size };
  // The two ends may cross where the change repeats what is around it ("aa" → "aaa"): widen, never invert.
  const grow = Math.max(0, from - Math.min(end.a, end.b));
  return { from, oldTo: end.a + grow, to: end.b + grow };
}

/** What a refresh looks at again: the blocks holding these tags, or blocks by index. */
export type LabelsRefresh = { ids: ReadonlySet<string> } | { blocks: [number, number] };

/** The labels of the top-level blocks from index `first` to `last` (exclusive) looked up again. */
function relabelBlocks(set: DecorationSet, doc: PMNode, first: number, last: number, labelOf: TagLabelsOptions["labelOf"]): DecorationSet {
  let from = 0;
  for (let index = 0; index < first && index < doc.childCount; index++) from += doc.child(index).nodeSize;
  let to = from;
  for (let index = first; index < last && index < doc.childCount; index++) to += doc.child(index).nodeSize;
  return from < to ? set.remove(set.find(from, to)).add(doc, labelsIn(doc, from, to, labelOf)) : set;
}

/** Indexes of the top-level blocks where any of `ids` has a mark. */
function blocksWith(doc: PMNode, ids: ReadonlySet<string>): number[] {
  const found: number[] = [];
  doc.forEach((block, _offset, index) => {
    let has = false;
    block.descendants((node) => {
      if (has) return false;
      if (node.isText && node.marks.some((mark) => mark.type.name === ANNOTATION_MARK && ids.has(mark.attrs.id as string))) has = true;
      return !has;
    });
    if (has) found.push(index);
  });
  return found;
}

/** Blocks labelled per pause while the labels are first drawn (deferFirst). */
const BLOCKS_PER_STEP = 40;

export const TagLabels = Extension.create<TagLabelsOptions>({
  name: "tagLabels",

  addOptions() {
    return { labelOf: () => null, deferFirst: false };
  },

  addProseMirrorPlugins() {
    const labelOf = (id: string) => this.options.labelOf(id);
    const deferFirst = this.options.deferFirst;
    return [
      new Plugin<DecorationSet>({
        key: tagLabelsKey,
        state: {
          init: (_config, state) =>
            deferFirst ? DecorationSet.empty : DecorationSet.create(state.doc, labelsIn(state.doc, 0, state.doc.content.size, labelOf)),
          apply(tr, set) {
            const refresh = tr.getMeta(tagLabelsKey) as LabelsRefresh | undefined;
            if (refresh && "blocks" in refresh) return relabelBlocks(set, tr.doc, refresh.blocks[0], refresh.blocks[1], labelOf);
            if (refresh && "ids" in refresh) {
              // A tag created, deleted or relabelled: only the blocks it marks change their labels.
              return blocksWith(tr.doc, refresh.ids).reduce((next, index) => relabelBlocks(next, tr.doc, index, index + 1, labelOf), set);
            }
            if (!tr.docChanged) return set;
            const changed = changedRange(tr);
            // The same content (y-tiptap re-applying what it has): every label stays where it is.
            if (!changed) return set;
            // Mapped by what changed, not by the steps: a whole-document replacement would drop every label.
            const mapping = new Mapping([new StepMap([changed.from, changed.oldTo - changed.from, changed.to - changed.from])]);
            const next = set.map(mapping, tr.doc);
            // The whole top-level blocks around the change: a tag's start depends on its neighbours.
            const start = tr.doc.resolve(Math.min(changed.from, tr.doc.content.size));
            const end = tr.doc.resolve(Math.min(changed.to, tr.doc.content.size));
            const blockFrom = start.depth ? start.before(1) : 0;
            const blockTo = end.depth ? end.after(1) : tr.doc.content.size;
            return next.remove(next.find(blockFrom, blockTo)).add(tr.doc, labelsIn(tr.doc, blockFrom, blockTo, labelOf));
          },
        },
        props: {
          decorations: (state) => tagLabelsKey.getState(state),
        },
        view(view) {
          if (!deferFirst) return {};
          // After the first paint, a few blocks at a time from the top: the text is readable and editable
          // first, and drawing 5,000 names never holds the page for long.
          let next = 0;
          let timer: ReturnType<typeof setTimeout> | undefined;
          const step = () => {
            if (view.isDestroyed || next >= view.state.doc.childCount) return;
            const blocks: [number, number] = [next, next + BLOCKS_PER_STEP];
            next += BLOCKS_PER_STEP;
            view.dispatch(view.state.tr.setMeta(tagLabelsKey, { blocks } satisfies LabelsRefresh));
            timer = setTimeout(step, 16);
          };
          const frame = requestAnimationFrame(() => (timer = setTimeout(step, 0)));
          return {
            destroy: () => {
              cancelAnimationFrame(frame);
              clearTimeout(timer);
            },
          };
        },
      }),
    ];
  },
});
