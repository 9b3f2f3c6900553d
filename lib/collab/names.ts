/** Hocuspocus document names: "article:<id>" for the content, "article:<id>:tags" for the tags. */
export type DocumentKind = "content" | "tags";

export function documentName(articleId: string, kind: DocumentKind): string {
  return kind === "content" ? `article:${articleId}` : `article:${articleId}:tags`;
}

export function parseDocumentName(name: string): { articleId: string; kind: DocumentKind } | null {
  const match = /^article:([A-Za-z0-9_-]{1,64})(:tags)?$/.exec(name);
  return match ? { articleId: match[1]!, kind: match[2] ? "tags" : "content" } : null;
}
