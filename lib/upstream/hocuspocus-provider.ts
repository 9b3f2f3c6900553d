/**
 * Where Margin relies on @hocuspocus/provider 4.8 beyond its documented API. lib/upstream/upstream.test.ts
 * fails when the installed version differs from the one checked here, or the member used is gone.
 */
import type { HocuspocusProvider } from "@hocuspocus/provider";

/** The @hocuspocus/provider version this was written against. */
export const HOCUSPOCUS_PROVIDER_VERSION = "4.8.0";

/**
 * Detaches the provider's listener of its document's local changes (`boundDocumentUpdateHandler`, public
 * in the typings but not documented). Yjs encodes every transaction of a document that has an "update"
 * listener, and this one would have the first sync (the whole article) encoded again only to be ignored:
 * a fifth of opening a large article. Returns a function that attaches it again.
 */
export function pauseLocalUpdates(provider: HocuspocusProvider): () => void {
  provider.document.off("update", provider.boundDocumentUpdateHandler);
  return () => provider.document.on("update", provider.boundDocumentUpdateHandler);
}
