/**
 * Where Margin relies on Hocuspocus 4.7 beyond its documented API. lib/upstream/upstream.test.ts fails when
 * the installed version differs from the one these were checked against, and checks the behaviour used.
 */
import type { Hocuspocus } from "@hocuspocus/server";

/** The @hocuspocus/server version this was written against. */
export const HOCUSPOCUS_SERVER_VERSION = "4.7.0";

/**
 * Whether Hocuspocus still holds a debounced store of a document, or is running one. Shutdown waits for
 * these: closing connections starts stores that reach our store queue a few ticks later. The debouncer is
 * public, but the id it files a document's store under (`onStoreDocument-<name>`, in Hocuspocus'
 * storeDocumentHooks) is not.
 */
export function storeHookPending(hocuspocus: Hocuspocus, documentName: string): boolean {
  const id = `onStoreDocument-${documentName}`;
  return hocuspocus.debouncer.isDebounced(id) || hocuspocus.debouncer.isCurrentlyExecuting(id);
}
