/**
 * Where Margin relies on Hocuspocus 4.7 beyond its documented API. lib/upstream/upstream.test.ts fails when
 * the installed version differs from the one these were checked against, and checks the behaviour used.
 */
import type { Connection, Document, Hocuspocus } from "@hocuspocus/server";

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

/** What a connection is about to be sent: the message to send instead (the same one, or another), or null for none. */
export type OutgoingFilter = (message: Uint8Array) => Uint8Array | null;

/**
 * Passes everything the server sends a connection of this document through the filter `filterFor` gives it
 * as it joins (null: sent unchanged). Hocuspocus has no hook for what one connection is sent: it broadcasts
 * awareness to every connection of a document alike. But every message to a connection goes through its
 * `send` (broadcasts, the awareness sent on joining, sync replies), and the Connection constructor calls
 * `document.addConnection` with its context already set and before it sends anything.
 */
export function filterOutgoing(document: Document, filterFor: (connection: Connection) => OutgoingFilter | null): void {
  const addConnection = document.addConnection.bind(document);
  document.addConnection = (connection) => {
    const filter = filterFor(connection);
    if (filter) {
      const send = connection.send.bind(connection);
      connection.send = (message) => {
        const filtered = filter(message);
        if (filtered) send(filtered);
      };
    }
    return addConnection(connection);
  };
}
