/**
 * The annotation mark: a tag's place in the text. It carries only the tag's id; the label, author and
 * attributes live in the article's tags document, so that relabelling never rewrites the text. Marks of
 * this type may overlap and nest (`excludes: ""`): y-prosemirror then stores each under its own key (the
 * mark name plus a hash of its attributes), which is why nothing mutable may be an attribute.
 */
import { Mark, mergeAttributes } from "@tiptap/core";

export const ANNOTATION_MARK = "annotation";

export type AnnotationMarkOptions = {
  /**
   * Attributes added to every rendered tag.
   * @default {}
   */
  HTMLAttributes: Record<string, string>;
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
    return { HTMLAttributes: {} };
  },

  addAttributes() {
    return {
      id: {
        default: null,
        parseHTML: (element) => element.getAttribute("data-annotation-id"),
        renderHTML: (attributes) => ({ "data-annotation-id": attributes.id as string }),
      },
    };
  },

  parseHTML() {
    return [{ tag: "span[data-annotation-id]" }];
  },

  renderHTML({ HTMLAttributes }) {
    return ["span", mergeAttributes(this.options.HTMLAttributes, { class: "margin-tag" }, HTMLAttributes), 0];
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
