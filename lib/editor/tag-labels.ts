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
import { AddMarkStep, RemoveMarkStep } from "@tiptap/pm/transform";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { ANNOTATION_MARK } from "./annotation-mark";

export type TagLabelsOptions = {
  /**
   * The name shown at a tag's start, or null to show none.
   * @default () => null
   */
  labelOf: (id: string) => string | null;
};

export const tagLabelsKey = new PluginKey<DecorationSet>("tagLabels");

/**
 * The class of a tag's label widgets. Labels are hidden until the page's stylesheet shows those of the tags
 * it shows (components/editor/tag-styles.tsx), by class: browsers index class selectors.
 */
export const labelClass = (id: string) => `tag-label-${id}`;

/** The transaction meta that makes every label be looked up again (the tags changed). */
export const REFRESH_LABELS = "refresh";

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
        const name = labelOf(id);
        if (!name) continue;
        found.push(
          Decoration.widget(blockPos + 1 + offset, () => label(id, name), {
            side: -1,
            ignoreSelection: true,
            key: `${id}:${name}`,
          }),
        );
      }
      open = ids;
    });
    return false;
  });
  return found;
}

function label(id: string, name: string): HTMLElement {
  const element = document.createElement("span");
  element.className = `margin-tag-label ${labelClass(id)}`;
  element.dataset.label = name;
  element.contentEditable = "false";
  element.setAttribute("aria-hidden", "true");
  return element;
}

/** The ranges a transaction changed, in its final document (text replaced, marks added or removed). */
function changedRanges(tr: Transaction): { from: number; to: number }[] {
  const ranges: { from: number; to: number }[] = [];
  tr.steps.forEach((step, index) => {
    const toEnd = tr.mapping.slice(index + 1);
    if (step instanceof AddMarkStep || step instanceof RemoveMarkStep) {
      ranges.push({ from: toEnd.map(step.from, -1), to: toEnd.map(step.to, 1) });
    } else {
      tr.mapping.maps[index]!.forEach((_oldStart, _oldEnd, newStart, newEnd) =>
        ranges.push({ from: toEnd.map(newStart, -1), to: toEnd.map(newEnd, 1) }),
      );
    }
  });
  return ranges;
}

export const TagLabels = Extension.create<TagLabelsOptions>({
  name: "tagLabels",

  addOptions() {
    return { labelOf: () => null };
  },

  addProseMirrorPlugins() {
    const labelOf = (id: string) => this.options.labelOf(id);
    return [
      new Plugin<DecorationSet>({
        key: tagLabelsKey,
        state: {
          init: (_config, state) => DecorationSet.create(state.doc, labelsIn(state.doc, 0, state.doc.content.size, labelOf)),
          apply(tr, set) {
            if (tr.getMeta(tagLabelsKey) === REFRESH_LABELS)
              return DecorationSet.create(tr.doc, labelsIn(tr.doc, 0, tr.doc.content.size, labelOf));
            if (!tr.docChanged) return set;
            let next = set.map(tr.mapping, tr.doc);
            for (const { from, to } of changedRanges(tr)) {
              // The whole textblocks around the change: a tag's start depends on its neighbours.
              const start = tr.doc.resolve(Math.max(0, Math.min(from, tr.doc.content.size)));
              const end = tr.doc.resolve(Math.max(0, Math.min(to, tr.doc.content.size)));
              const blockFrom = start.depth ? start.before(1) : 0;
              const blockTo = end.depth ? end.after(1) : tr.doc.content.size;
              next = next.remove(next.find(blockFrom, blockTo)).add(tr.doc, labelsIn(tr.doc, blockFrom, blockTo, labelOf));
            }
            return next;
          },
        },
        props: {
          decorations: (state) => tagLabelsKey.getState(state),
        },
      }),
    ];
  },
});
