/**
 * The annotation mark: a tag's place in the text. It carries only the tag's id; the label, author and
 * attributes live in the article's tags document, so that relabelling never rewrites the text. Marks of
 * this type may overlap and nest (`excludes: ""`): y-prosemirror then stores each under its own key (the
 * mark name plus a hash of its attributes), which is why nothing mutable may be an attribute.
 */
import { Mark, mergeAttributes } from "@tiptap/core";
import { Fragment, Slice, type MarkType, type Node as PMNode } from "@tiptap/pm/model";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import type { TagLooks } from "./tag-looks";
import { touchedRanges } from "./touched-ranges";

export const ANNOTATION_MARK = "annotation";

/**
 * The class a tag's words carry. The page's stylesheet selects the few tags it styles one by one (selected,
 * disagreeing) by this class rather than by the data attribute: browsers index class selectors.
 */
export const tagClass = (id: string) => `tag-${id}`;

export const annotationGuardKey = new PluginKey("annotationGuard");

/** The content with the annotation marks `drop` chooses removed. */
function withoutTags(fragment: Fragment, type: MarkType, drop: (id: string) => boolean): Fragment {
  const nodes: PMNode[] = [];
  fragment.forEach((node) => {
    const marks = node.marks.filter((mark) => mark.type !== type || !drop(mark.attrs.id as string));
    nodes.push(node.isText ? node.mark(marks) : node.type.create(node.attrs, withoutTags(node.content, type, drop), marks));
  });
  return Fragment.from(nodes);
}

function tagIdsIn(doc: PMNode, type: MarkType): Set<string> {
  const ids = new Set<string>();
  doc.descendants((node) => {
    for (const mark of node.marks) if (mark.type === type) ids.add(mark.attrs.id as string);
  });
  return ids;
}

export type AnnotationMarkOptions = {
  /**
   * Attributes added to every rendered tag.
   * @default {}
   */
  HTMLAttributes: Record<string, string>;
  /**
   * Where each tag's look comes from (lib/editor/tag-looks.ts): the editor's mark views register there, so
   * that a tag's change restyles its own elements only. Without it, tags carry only their id's class.
   * @default null
   */
  looks: TagLooks | null;
};

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    annotation: {
      /** Tags the selection with the mark of tag `id`. */
      setAnnotation: (id: string) => ReturnType;
      /** Removes every mark of tag `id` from the document. */
      unsetAnnotation: (id: string) => ReturnType;
    };
  }
}

export const AnnotationMark = Mark.create<AnnotationMarkOptions>({
  name: ANNOTATION_MARK,
  // Several tags may cover the same words, including two of one label by two people.
  excludes: "",
  // Typing right after or before a tag does not extend it: new words are not what was tagged.
  inclusive: false,
  spanning: true,
  // A paragraph split keeps the tag on both halves' words (ProseMirror's default for marks).
  keepOnSplit: true,

  addOptions() {
    return { HTMLAttributes: {}, looks: null };
  },

  addAttributes() {
    return {
      id: {
        default: null,
        parseHTML: (element) => element.getAttribute("data-annotation-id"),
        renderHTML: (attributes) => ({ "data-annotation-id": attributes.id as string, class: tagClass(attributes.id as string) }),
      },
    };
  },

  parseHTML() {
    return [{ tag: "span[data-annotation-id]" }];
  },

  renderHTML({ HTMLAttributes }) {
    return ["span", mergeAttributes(this.options.HTMLAttributes, { class: "margin-tag" }, HTMLAttributes), 0];
  },

  addProseMirrorPlugins() {
    const type = this.type;
    const looks = this.options.looks;
    return [
      new Plugin({
        key: annotationGuardKey,
        // Tags live on words. ProseMirror also marks a line break inside a tagged range, but Yjs keeps no
        // marks on elements, so this editor's document would differ from everyone else's: take them off.
        appendTransaction(transactions, _oldState, state) {
          const breaks: number[] = [];
          for (const { from, to } of touchedRanges(transactions, state.doc.content.size)) {
            state.doc.nodesBetween(from, to, (node, pos) => {
              if (node.isInline && !node.isText && type.isInSet(node.marks)) breaks.push(pos);
            });
          }
          if (!breaks.length) return null;
          const tr = state.tr;
          for (const pos of new Set(breaks)) tr.removeMark(pos, pos + 1, type);
          return tr;
        },
        props: {
          // A large article renders thousands of these: built directly, the same element renderHTML
          // describes, rather than through Tiptap's generic path, which merged the attributes of every
          // mark anew and took a third of building the editor's DOM (bench/editor.ts). Each carries its tag's
          // look from the moment it exists: ProseMirror rebuilds mark views whenever it redraws their words,
          // so they register as they are built and leave as they are destroyed.
          markViews: {
            [ANNOTATION_MARK]: (mark) => {
              const id = mark.attrs.id as string;
              const dom = document.createElement("span");
              dom.className = `margin-tag ${tagClass(id)}`;
              dom.setAttribute("data-annotation-id", id);
              if (!looks) return { dom };
              looks.register(id, dom);
              return { dom, destroy: () => looks.unregister(id, dom) };
            },
          },
          // Pasting a copy of tagged words must not stretch their tag over both places: the copy drops
          // marks of tags still in the document. Cut and paste moves words, and their tags go with them.
          transformPasted(slice, view) {
            const present = tagIdsIn(view.state.doc, type);
            return new Slice(
              withoutTags(slice.content, type, (id) => present.has(id)),
              slice.openStart,
              slice.openEnd,
            );
          },
        },
      }),
    ];
  },

  addCommands() {
    return {
      setAnnotation:
        (id) =>
        ({ commands }) =>
          commands.setMark(this.name, { id }),
      unsetAnnotation:
        (id) =>
        ({ tr, dispatch }) => {
          const type = this.type;
          tr.doc.descendants((node, pos) => {
            for (const mark of node.marks) if (mark.type === type && mark.attrs.id === id) tr.removeMark(pos, pos + node.nodeSize, mark);
          });
          if (dispatch) dispatch(tr);
          return true;
        },
    };
  },
});
