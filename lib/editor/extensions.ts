/**
 * The article document's extensions, shared by the browser editor and the server (which needs the same
 * ProseMirror schema to read and write the collaborative document). Only what imported articles contain:
 * paragraphs, headings, lists, quotes, line breaks, bold, italic and links, plus tags.
 */
import { getSchema, type Extensions } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";
import { AnnotationMark } from "./annotation-mark";
import type { TagLooks } from "./tag-looks";

/** `looks`: the page's registry of tags' looks, for the browser editor's tags (annotation-mark.ts). */
export function articleExtensions(options: { looks?: TagLooks } = {}): Extensions {
  return [
    StarterKit.configure({
      // Yjs keeps the undo history (Collaboration's undo), so ProseMirror's own must be off.
      undoRedo: false,
      code: false,
      codeBlock: false,
      horizontalRule: false,
      strike: false,
      underline: false,
      trailingNode: false,
      link: { openOnClick: false, autolink: false, linkOnPaste: false },
    }),
    options.looks ? AnnotationMark.configure({ looks: options.looks }) : AnnotationMark,
  ];
}

export const articleSchema = getSchema(articleExtensions());
