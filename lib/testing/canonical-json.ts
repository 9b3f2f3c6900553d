import type { Node as PMNode } from "@tiptap/pm/model";

/**
 * A document as JSON in one form: marks as a set (overlapping tags' marks have no order, and an editor
 * keeps them in the order they were added), and adjacent text with the same marks as one node (which
 * ProseMirror leaves apart when their marks differ only in order).
 */
export function canonicalJSON(root: PMNode): string {
  type Json = { type: string; text?: string; marks?: string[]; content?: Json[]; attrs?: unknown };
  const walk = (node: PMNode): Json => {
    const content: Json[] = [];
    node.forEach((child) => {
      const json = walk(child);
      const last = content.at(-1);
      if (json.text !== undefined && last?.text !== undefined && JSON.stringify(last.marks) === JSON.stringify(json.marks))
        last.text += json.text;
      else content.push(json);
    });
    return {
      type: node.type.name,
      ...(Object.keys(node.attrs).length && { attrs: node.attrs }),
      ...(node.isText && { text: node.text }),
      ...(node.marks.length && { marks: node.marks.map((mark) => JSON.stringify(mark.toJSON())).sort() }),
      ...(content.length && { content }),
    };
  };
  return JSON.stringify(walk(root));
}
