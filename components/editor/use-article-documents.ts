"use client";

import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import { useEffect, useState } from "react";
import * as Y from "yjs";
import { documentName, REFUSED_UPDATE } from "@/lib/collab/names";
import { pauseLocalUpdates } from "@/lib/upstream/hocuspocus-provider";

export type ArticleDocuments = {
  content: Y.Doc;
  tags: Y.Doc;
  contentProvider: HocuspocusProvider;
  tagsProvider: HocuspocusProvider;
};

export type ConnectionState = { status: "connecting" | "connected" | "disconnected"; error: string | null };

/**
 * Connects to an article's two live documents over one WebSocket on Margin's own origin; the session
 * cookie authenticates it. The documents are handed out once both have synced. Reconnects by itself; the
 * documents keep local edits meanwhile. `tagsViewOf` (a blind annotator's id) reads their view of the tags.
 */
export function useArticleDocuments(
  articleId: string,
  tagsViewOf: string | null = null,
): { documents: ArticleDocuments | null; connection: ConnectionState } {
  const [documents, setDocuments] = useState<ArticleDocuments | null>(null);
  const [connection, setConnection] = useState<ConnectionState>({ status: "connecting", error: null });

  useEffect(() => {
    // The article in the address lets a cluster (and its load balancer) send the socket to the instance
    // that owns the article (lib/collab/ownership.ts).
    const url = `${window.location.protocol === "https:" ? "wss" : "ws"}://${window.location.host}/collab?article=${encodeURIComponent(articleId)}`;
    performance.mark("margin:connect");
    // Reconnect after 0.1 to 1 s, then up to twice as long each time: the editors of an instance that went
    // away come back spread out rather than all at once a second later (bench/cluster.ts).
    const socket = new HocuspocusProviderWebsocket({ url, minDelay: 100 });
    const make = (name: string) => new HocuspocusProvider({ websocketProvider: socket, name, document: new Y.Doc(), token: "" });
    const contentProvider = make(documentName(articleId, "content"));
    // A blind annotator reads their own view of the tags (lib/collab/names.ts).
    const tagsProvider = make(tagsViewOf ? documentName(articleId, "view", tagsViewOf) : documentName(articleId, "tags"));
    // Yjs encodes every transaction of a document that has an "update" listener, and the provider's
    // listener (which sends local changes) would have the first sync, the whole article, encoded again
    // only to be ignored: a fifth of opening a large article (bench/editor.ts). Nothing local can change
    // before that sync, since the editor is built after it; and the tags document is never changed here
    // (the server writes tags), so its provider never has anything to send (lib/upstream/hocuspocus-provider.ts).
    const resumeContent = pauseLocalUpdates(contentProvider);
    pauseLocalUpdates(tagsProvider);
    contentProvider.on("synced", resumeContent);
    // Handed out once: the providers sync again after every reconnection, on the same documents, and a new
    // object would rebuild the editor (its undo history, selection and open palette lost on a network blip).
    let handedOut = false;
    const ready = () => {
      if (handedOut || !contentProvider.isSynced || !tagsProvider.isSynced) return;
      handedOut = true;
      // Phases of opening an article, read by bench/editor.ts.
      performance.mark("margin:synced");
      setDocuments({ content: contentProvider.document, tags: tagsProvider.document, contentProvider, tagsProvider });
    };
    for (const provider of [contentProvider, tagsProvider]) {
      provider.on("synced", ready);
      provider.on("authenticationFailed", () =>
        setConnection((state) => ({ ...state, error: "You no longer have access to this article. Reload the page." })),
      );
      // A refused update would be refused again on every reconnection: stop, and say how to go on.
      provider.on("close", ({ event }: { event: { reason?: string } }) => {
        if (event.reason !== REFUSED_UPDATE) return;
        socket.disconnect();
        setConnection((state) => ({
          ...state,
          error:
            "The server refused a change made on this page, so it is no longer saved. Reload the page to continue from the saved article.",
        }));
      });
      provider.attach();
    }
    socket.on("status", ({ status }: { status: ConnectionState["status"] }) => setConnection((state) => ({ ...state, status })));
    return () => {
      contentProvider.destroy();
      tagsProvider.destroy();
      socket.destroy();
    };
  }, [articleId, tagsViewOf]);

  return { documents, connection };
}
