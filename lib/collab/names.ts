/**
 * Hocuspocus document names: "article:<id>" for the content, "article:<id>:tags" for the tags, and
 * "article:<id>:tags:<userId>" for a blind annotator's view of the tags (only their own; see
 * lib/auth/tag-scope.ts), which the server derives from the tags document and never stores.
 */
export type DocumentKind = "content" | "tags";

/** Where a content document keeps the article as y-prosemirror's XML fragment (the editor binds to it). */
export const CONTENT_FIELD = "content";

/**
 * The reason the server gives when it closes a document's connection over an update it refused
 * (lib/tags/live/content-guard.ts); the editor then stops and asks for a reload rather than resend it.
 */
export const REFUSED_UPDATE = "refused update";

export type ParsedName =
  { articleId: string; kind: DocumentKind; viewOf?: undefined } | { articleId: string; kind: "view"; viewOf: string };

export function documentName(articleId: string, kind: DocumentKind | "view", viewOf?: string): string {
  if (kind === "view") return `article:${articleId}:tags:${viewOf}`;
  return kind === "content" ? `article:${articleId}` : `article:${articleId}:tags`;
}

export function parseDocumentName(name: string): ParsedName | null {
  const match = /^article:([A-Za-z0-9_-]{1,64})(?:(:tags)(?::([A-Za-z0-9_-]{1,64}))?)?$/.exec(name);
  if (!match) return null;
  if (match[3]) return { articleId: match[1]!, kind: "view", viewOf: match[3] };
  return { articleId: match[1]!, kind: match[2] ? "tags" : "content" };
}
