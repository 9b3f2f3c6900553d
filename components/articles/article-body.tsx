import type { ArticleDoc, BlockNode, InlineNode, TextNode } from "@/lib/articles/content";

/**
 * The article's rich content rendered read-only as React elements (never as HTML strings, so nothing from
 * an import can inject markup). The annotation editor replaces this view.
 */
function Text({ node }: { node: TextNode }) {
  let element: React.ReactNode = node.text;
  for (const mark of node.marks ?? []) {
    if (mark.type === "bold") element = <strong>{element}</strong>;
    else if (mark.type === "italic") element = <em>{element}</em>;
    else
      element = (
        <a href={mark.attrs.href} className="text-accent underline" rel="noopener noreferrer nofollow" target="_blank">
          {element}
        </a>
      );
  }
  return element;
}

function Inlines({ nodes }: { nodes: InlineNode[] | undefined }) {
  return (nodes ?? []).map((node, index) => (node.type === "hardBreak" ? <br key={index} /> : <Text key={index} node={node} />));
}

function Block({ node }: { node: BlockNode }) {
  switch (node.type) {
    case "paragraph":
      return (
        <p>
          <Inlines nodes={node.content} />
        </p>
      );
    case "heading":
      return (
        <h2 className="font-sans text-xl font-semibold">
          <Inlines nodes={node.content} />
        </h2>
      );
    case "blockquote":
      return (
        <blockquote className="flex flex-col gap-5 border-l-4 border-stone-300 pl-4 italic">
          {node.content.map((child, index) => (
            <Block key={index} node={child} />
          ))}
        </blockquote>
      );
    case "bulletList":
    case "orderedList": {
      const List = node.type === "bulletList" ? "ul" : "ol";
      return (
        <List className={`flex flex-col gap-2 pl-6 ${node.type === "bulletList" ? "list-disc" : "list-decimal"}`}>
          {node.content.map((item, index) => (
            <li key={index}>
              {item.content.map((child, childIndex) => (
                <Block key={childIndex} node={child} />
              ))}
            </li>
          ))}
        </List>
      );
    }
  }
}

export function ArticleBody({ doc, language }: { doc: ArticleDoc; language: string | null }) {
  return (
    <div className="flex flex-col gap-5 font-serif text-lg leading-relaxed" lang={language ?? undefined} data-testid="article-text">
      {doc.content.map((node, index) => (
        <Block key={index} node={node} />
      ))}
    </div>
  );
}
