/**
 * Label names on the text: a compact label where each tag starts (and again where it goes on in a new
 * paragraph), readable without hovering, as brat and INCEpTION show them. The editor knows no labels: the
 * page gives `labelOf` (a tag id → the name to show, null for none) and asks for a refresh when tags change.
 *
 * The name is drawn by CSS from a data attribute of an empty widget, so it is never part of the text: not
 * selected, copied, or counted in offsets. After an edit only the paragraphs it touched are looked at again,
 * and after a tag's change only the paragraphs where it is (found through its elements in `looks`), so
 * typing or tagging in a 5,000-tag article costs what it costs in an empty one. The names register with
 * `looks` too: the filters hide a tag's name with its tag by a class, without redrawing any.
 */
import { Extension } from "@tiptap/core";
import type { Node as PMNode } from "@tiptap/pm/model";
import { Plugin, PluginKey, type Transaction } from "@tiptap/pm/state";
import { Mapping, StepMap } from "@tiptap/pm/transform";
import { Decoration, DecorationSet, type EditorView } from "@tiptap/pm/view";
import { ANNOTATION_MARK } from "./annotation-mark";
import type { TagLooks } from "./tag-looks";

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
  /**
   * The page's registry of tags' looks (lib/editor/tag-looks.ts): each name carries its tag's look, and a
   * tag's paragraphs are found through its elements there rather than by searching the document.
   * @default null
   */
  looks: TagLooks | null;
};

export const tagLabelsKey = new PluginKey<DecorationSet>("tagLabels");

/** The class of a tag's label widgets, for the page's stylesheet: browsers index class selectors. */
export const labelClass = (id: string) => `tag-label-${id}`;

type Naming = Pick<TagLabelsOptions, "labelOf" | "looks">;

/** Widgets at the starts of tags within the textblocks of `from`–`to`. */
function labelsIn(doc: PMNode, from: number, to: number, { labelOf, looks }: Naming): Decoration[] {
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
          Decoration.widget(blockPos + 1 + offset, () => label(id, named.name, named.kind, looks), {
            side: -1,
            ignoreSelection: true,
            key: `${id}:${named.name}`,
            destroy: looks ? (element) => looks.unregister(id, element as HTMLElement) : undefined,
          }),
        );
      }
      open = ids;
    });
    return false;
  });
  return found;
}

function label(id: string, name: string, kind: string, looks: TagLooks | null): HTMLElement {
  const element = document.createElement("span");
  element.className = `margin-tag-label ${labelClass(id)}`;
  element.dataset.label = name;
  element.dataset.kind = kind;
  element.contentEditable = "false";
  element.setAttribute("aria-hidden", "true");
  looks?.register(id, element);
  return element;
}

/**
 * What a transaction changed, as one range of its final document, found by comparing the documents before
 * and after: y-tiptap applies a colleague's keystroke as a replacement of the whole document that keeps
 * every unchanged node (lib/editor/collaboration.ts), so its steps say "everything" where one word changed.
 * Unchanged nodes are the same objects, so the comparison skips them at once.
 */
export function changedRange(tr: Transaction): { from: number; oldTo: number; to: number } | null {
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
function relabelBlocks(set: DecorationSet, doc: PMNode, first: number, last: number, naming: Naming): DecorationSet {
  let from = 0;
  for (let index = 0; index < first && index < doc.childCount; index++) from += doc.child(index).nodeSize;
  let to = from;
  for (let index = first; index < last && index < doc.childCount; index++) to += doc.child(index).nodeSize;
  return from < to ? set.remove(set.find(from, to)).add(doc, labelsIn(doc, from, to, naming)) : set;
}

/**
 * Indexes of the top-level blocks showing any of `ids`, read from their elements in the view (their marks'
 * views and names): as many lookups as the tags have elements, however long the article. Null when an
 * element is not the view's (a mark view ProseMirror dropped without destroying it, while composing).
 */
function blocksShowing(view: EditorView, looks: TagLooks, ids: ReadonlySet<string>): number[] | null {
  const found = new Set<number>();
  for (const id of ids) {
    for (const element of looks.elementsOf(id)) {
      if (!view.dom.contains(element)) return null;
      found.add(view.state.doc.resolve(view.posAtDOM(element, 0)).index(0));
    }
  }
  return [...found];
}

/** Indexes of the top-level blocks where any of `ids` has a mark, searched through the whole document. */
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
    return { labelOf: () => null, deferFirst: false, looks: null };
  },

  addProseMirrorPlugins() {
    const looks = this.options.looks;
    const naming: Naming = { labelOf: (id: string) => this.options.labelOf(id), looks };
    const deferFirst = this.options.deferFirst;
    // The view whose elements say where tags are; set while it exists.
    let shown: EditorView | null = null;
    return [
      new Plugin<DecorationSet>({
        key: tagLabelsKey,
        state: {
          init: (_config, state) =>
            deferFirst ? DecorationSet.empty : DecorationSet.create(state.doc, labelsIn(state.doc, 0, state.doc.content.size, naming)),
          apply(tr, set) {
            const refresh = tr.getMeta(tagLabelsKey) as LabelsRefresh | undefined;
            if (refresh && "blocks" in refresh) return relabelBlocks(set, tr.doc, refresh.blocks[0], refresh.blocks[1], naming);
            if (refresh && "ids" in refresh) {
              // A tag created, deleted or relabelled: only the blocks it marks change their labels. The view
              // still shows the document this transaction starts from; if it is also the one it ends with (a
              // refresh changes no text), the tags' elements there say where those blocks are.
              const blocks =
                (looks && shown?.state.doc === tr.doc ? blocksShowing(shown, looks, refresh.ids) : null) ?? blocksWith(tr.doc, refresh.ids);
              return blocks.reduce((next, index) => relabelBlocks(next, tr.doc, index, index + 1, naming), set);
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
            return next.remove(next.find(blockFrom, blockTo)).add(tr.doc, labelsIn(tr.doc, blockFrom, blockTo, naming));
          },
        },
        props: {
          decorations: (state) => tagLabelsKey.getState(state),
        },
        view(view) {
          shown = view;
          const forget = () => {
            if (shown === view) shown = null;
          };
          if (!deferFirst) return { destroy: forget };
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
              forget();
              cancelAnimationFrame(frame);
              clearTimeout(timer);
            },
          };
        },
      }),
    ];
  },
});
