import { Fragment, type ReactNode } from "react";
import type { ArticleDoc, TextNode } from "@/lib/articles/content";
import { TAG_LOOK, tagLookCss } from "@/lib/tags/label-styles";
import { tagContent, type TagPlace, type TaggedBlock, type TaggedInline } from "@/lib/tags/tagged-content";

/**
 * The article's rich content read-only, every tag's words highlighted with the classes the editor's marks
 * carry (TAG_LOOK): what the article page paints from the server while the live documents sync, so the
 * text is readable and tagged before it is editable. React elements, never HTML strings, so that nothing
 * from an import can inject markup. `places`: the tags placed on the content's text (lib/tags/tagged-content.ts).
 */
export function TaggedArticleBody({ doc, places, language }: { doc: ArticleDoc; places: readonly TagPlace[]; language: string | null }) {
  const content = tagContent(doc, places);
  return (
    <>
      <style>{tagLookCss()}</style>
      {/* The editor's typography (its class in components/editor/use-live-editor.ts, its rules in globals.css). */}
      <div className="margin-preview font-serif text-lg leading-loose" lang={language ?? undefined}>
        {content.map(block)}
      </div>
    </>
  );
}

function tagClass([, , label, status]: TagPlace): string {
  const look = status === "accepted" ? ` ${TAG_LOOK.accepted}` : status === "rejected" ? ` ${TAG_LOOK.rejected}` : "";
  return `margin-tag ${TAG_LOOK.label(label)}${look}`;
}

function text(node: TextNode, key: number): ReactNode {
  let element: ReactNode = node.text;
  for (const mark of node.marks ?? []) {
    if (mark.type === "bold") element = <strong>{element}</strong>;
    else if (mark.type === "italic") element = <em>{element}</em>;
    else
      element = (
        <a href={mark.attrs.href} rel="noopener noreferrer nofollow" target="_blank">
          {element}
        </a>
      );
  }
  return typeof element === "string" ? element : <Fragment key={key}>{element}</Fragment>;
}

/**
 * A textblock's pieces with their tags' elements nested as ProseMirror nests marks: a tag's element stays
 * open over the pieces that follow while they carry it in the same place (outermost first), and one that
 * overlaps another's end is split there.
 */
function inlines(pieces: TaggedInline[]): ReactNode[] {
  const root: ReactNode[] = [];
  const open: { tag: TagPlace; children: ReactNode[] }[] = [];
  let key = 0;
  const closeTo = (depth: number) => {
    while (open.length > depth) {
      const { tag, children } = open.pop()!;
      (open.at(-1)?.children ?? root).push(
        <span key={key++} className={tagClass(tag)}>
          {children}
        </span>,
      );
    }
  };
  for (const piece of pieces) {
    const tags = piece.type === "text" ? piece.tags : [];
    let kept = 0;
    while (kept < open.length && kept < tags.length && open[kept]!.tag === tags[kept]) kept++;
    closeTo(kept);
    for (const tag of tags.slice(kept)) open.push({ tag, children: [] });
    (open.at(-1)?.children ?? root).push(piece.type === "hardBreak" ? <br key={key++} /> : text(piece, key++));
  }
  closeTo(0);
  return root;
}

function block(node: TaggedBlock, index: number): ReactNode {
  switch (node.type) {
    case "paragraph":
      return <p key={index}>{inlines(node.content)}</p>;
    case "heading": {
      // As the editor renders a heading: its own level.
      const Heading = `h${Math.min(6, Math.max(1, node.attrs.level))}` as "h2";
      return <Heading key={index}>{inlines(node.content)}</Heading>;
    }
    case "blockquote":
      return <blockquote key={index}>{node.content.map(block)}</blockquote>;
    case "bulletList":
    case "orderedList": {
      const List = node.type === "bulletList" ? "ul" : "ol";
      return (
        <List key={index} start={node.type === "orderedList" ? node.attrs?.start : undefined}>
          {node.content.map((item, itemIndex) => (
            <li key={itemIndex}>{item.content.map(block)}</li>
          ))}
        </List>
      );
    }
  }
}
