/**
 * The article's tagged content (lib/tags/tagged-content.ts) as HTML, for the article page's preview. As a
 * string rather than React elements: React hydrates every element it rendered, and the 12,000 elements of
 * a 5,000-tag article kept the page from opening its live connection (and so from being editable) for
 * 0.4 s on this machine, while an element given its inner HTML is hydrated as one. Safe by construction:
 * every text and attribute value is escaped, elements and classes come from the fixed lists below, and a
 * link keeps only an http(s) or mailto address (as the content schema allows).
 */
import type { Mark } from "@/lib/articles/content";
import { TAG_LOOK } from "./label-styles";
import type { TagPlace, TaggedBlock, TaggedInline } from "./tagged-content";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (character) => ESCAPES[character]!);

const LINK = /^(https?:|mailto:)/i;

function tagClasses([, , label, status]: TagPlace): string {
  const look = status === "accepted" ? ` ${TAG_LOOK.accepted}` : status === "rejected" ? ` ${TAG_LOOK.rejected}` : "";
  return `margin-tag ${TAG_LOOK.label(label)}${look}`;
}

function markedText(text: string, marks: readonly Mark[] | undefined): string {
  let html = escapeHtml(text);
  for (const mark of marks ?? []) {
    if (mark.type === "bold") html = `<strong>${html}</strong>`;
    else if (mark.type === "italic") html = `<em>${html}</em>`;
    else if (LINK.test(mark.attrs.href))
      html = `<a href="${escapeHtml(mark.attrs.href)}" rel="noopener noreferrer nofollow" target="_blank">${html}</a>`;
  }
  return html;
}

/**
 * A textblock's pieces with their tags' elements nested as ProseMirror nests marks: a tag's element stays
 * open over the pieces that follow while they carry it in the same place (outermost first), and one that
 * overlaps another's end is split there.
 */
function inlines(pieces: readonly TaggedInline[]): string {
  let html = "";
  const open: TagPlace[] = [];
  for (const piece of pieces) {
    const tags = piece.type === "text" ? piece.tags : [];
    let kept = 0;
    while (kept < open.length && kept < tags.length && open[kept] === tags[kept]) kept++;
    for (; open.length > kept; open.pop()) html += "</span>";
    for (const tag of tags.slice(kept)) {
      open.push(tag);
      html += `<span class="${tagClasses(tag)}">`;
    }
    html += piece.type === "hardBreak" ? "<br>" : markedText(piece.text, piece.marks);
  }
  return html + "</span>".repeat(open.length);
}

function block(node: TaggedBlock): string {
  switch (node.type) {
    case "paragraph":
      return `<p>${inlines(node.content)}</p>`;
    case "heading": {
      // As the editor renders a heading: its own level.
      const level = Math.min(6, Math.max(1, Math.trunc(Number(node.attrs.level)) || 2));
      return `<h${level}>${inlines(node.content)}</h${level}>`;
    }
    case "blockquote":
      return `<blockquote>${node.content.map(block).join("")}</blockquote>`;
    case "bulletList":
      return `<ul>${node.content.map((item) => `<li>${item.content.map(block).join("")}</li>`).join("")}</ul>`;
    case "orderedList": {
      const start = Number.isInteger(node.attrs?.start) ? ` start="${node.attrs!.start}"` : "";
      return `<ol${start}>${node.content.map((item) => `<li>${item.content.map(block).join("")}</li>`).join("")}</ol>`;
    }
  }
}

/** The tagged content as the HTML of the preview's body. */
export function taggedContentHtml(content: readonly TaggedBlock[]): string {
  return content.map(block).join("");
}
