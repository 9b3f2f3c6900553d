// @vitest-environment happy-dom
/**
 * Guards for the workarounds in lib/upstream/: each was written against one version of its package and
 * reaches a member that package does not promise to keep. A version change fails here first, naming the
 * file to re-check, before a workaround silently stops working (or breaks the editor).
 */
import fs from "node:fs";
import path from "node:path";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import { Connection, Document, Hocuspocus } from "@hocuspocus/server";
import { Editor } from "@tiptap/core";
import WebSocket from "ws";
import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { textToDoc } from "@/lib/articles/content";
import { collaborationExtensions } from "@/lib/editor/collaboration";
import { articleExtensions } from "@/lib/editor/extensions";
import { contentFragment, seedContent } from "@/lib/tags/documents";
import { filterOutgoing, HOCUSPOCUS_SERVER_VERSION, storeHookPending } from "./hocuspocus";
import { HOCUSPOCUS_PROVIDER_VERSION, pauseLocalUpdates } from "./hocuspocus-provider";
import { bindingOf, Y_TIPTAP_VERSION } from "./y-tiptap";
import { forEachChildType, withoutUpdateListeners, YJS_VERSION } from "./yjs";

const installed = (name: string) =>
  (JSON.parse(fs.readFileSync(path.join(process.cwd(), "node_modules", name, "package.json"), "utf8")) as { version: string }).version;

describe("the pinned versions the workarounds were checked against", () => {
  it.each([
    ["yjs", YJS_VERSION, "lib/upstream/yjs.ts"],
    ["@tiptap/y-tiptap", Y_TIPTAP_VERSION, "lib/upstream/y-tiptap.ts"],
    ["@hocuspocus/server", HOCUSPOCUS_SERVER_VERSION, "lib/upstream/hocuspocus.ts"],
    ["@hocuspocus/provider", HOCUSPOCUS_PROVIDER_VERSION, "lib/upstream/hocuspocus-provider.ts"],
  ])("%s is %s (after an upgrade, re-check %s and its tests, then update the version there)", (name, version) => {
    expect(installed(name)).toBe(version);
  });
});

describe("yjs", () => {
  it("withoutUpdateListeners applies without telling the update listeners, and puts them back", () => {
    const doc = new Y.Doc();
    const heard: Uint8Array[] = [];
    doc.on("update", (update: Uint8Array) => heard.push(update));
    withoutUpdateListeners(doc, () => doc.getText("t").insert(0, "quiet"));
    expect(heard).toHaveLength(0);
    doc.getText("t").insert(0, "heard ");
    expect(heard).toHaveLength(1);
    expect(doc.getText("t").toString()).toBe("heard quiet");
  });

  it("forEachChildType visits the child types toArray() lists, deleted ones skipped", () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment("f");
    fragment.insert(
      0,
      ["a", "b", "c", "d"].map((name) => new Y.XmlElement(name)),
    );
    fragment.delete(1, 1);
    const visited: Y.AbstractType<unknown>[] = [];
    forEachChildType(fragment, (type) => void visited.push(type));
    expect(visited).toEqual(fragment.toArray());
    expect(visited.map((type) => (type as Y.XmlElement).nodeName)).toEqual(["a", "c", "d"]);
  });
});

describe("@tiptap/y-tiptap", () => {
  it("the binding still has the private members lib/upstream/y-tiptap.ts repairs", () => {
    const doc = new Y.Doc();
    seedContent(doc, textToDoc("One paragraph.\n\nAnother."), []);
    const editor = new Editor({
      element: document.createElement("div"),
      extensions: [...articleExtensions(), ...collaborationExtensions(doc)],
    });
    try {
      const binding = bindingOf(editor.state) as unknown as Record<string, unknown> | undefined;
      expect(binding).toBeDefined();
      for (const member of ["_observeFunction", "_prosemirrorChanged", "_forceRerender"])
        expect(typeof binding![member], member).toBe("function");
      expect("beforeTransactionSelection" in binding!).toBe(true);
      expect(binding!.mapping).toBeInstanceOf(Map);
      // The fragment the binding renders is the content document's.
      expect(binding!.type).toBe(contentFragment(doc));
    } finally {
      editor.destroy();
    }
  });
});

describe("@hocuspocus/server", () => {
  it("files a document's debounced store under the id storeHookPending looks for", async () => {
    const hocuspocus = new Hocuspocus({
      quiet: true,
      debounce: 60_000,
      maxDebounce: 120_000,
      extensions: [{ onStoreDocument: async () => {} }],
    });
    const connection = await hocuspocus.openDirectConnection("upstream-check");
    try {
      expect(storeHookPending(hocuspocus, "upstream-check")).toBe(false);
      await connection.transact((document) => document.getText("t").insert(0, "a change"));
      expect(storeHookPending(hocuspocus, "upstream-check")).toBe(true);
      hocuspocus.flushPendingStores();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(storeHookPending(hocuspocus, "upstream-check")).toBe(false);
    } finally {
      await connection.disconnect();
    }
  });

  it("adds a connection to its document with its context set, and sends it everything through its send (filterOutgoing)", () => {
    const document = new Document("upstream-check", {}, { flushDelay: false });
    // A state to send on joining, as a colleague's would be.
    document.awareness.setLocalState({ present: true });
    const contexts: unknown[] = [];
    const filtered: Uint8Array[] = [];
    filterOutgoing(document, (connection) => {
      contexts.push(connection.context);
      return (message) => {
        filtered.push(message);
        return null;
      };
    });
    const sent: unknown[] = [];
    const socket = { readyState: 1, send: (message: unknown) => void sent.push(message), close: () => {} };
    try {
      const connection = new Connection(socket, new Request("http://margin.test/collab"), document, "socket", { who: "someone" });
      expect(contexts).toEqual([connection.context]);
      // The awareness sent on joining, an awareness broadcast, a stateless broadcast: all through the filter.
      document.awareness.setLocalState({ present: false });
      document.broadcastStateless("hello");
      expect(filtered).toHaveLength(3);
      expect(sent).toEqual([]);
    } finally {
      document.destroy();
    }
  });
});

describe("@hocuspocus/provider", () => {
  it("pauseLocalUpdates takes the provider's own update listener off its document, and puts it back", () => {
    const socket = new HocuspocusProviderWebsocket({ url: "ws://127.0.0.1:9/collab", WebSocketPolyfill: WebSocket, autoConnect: false });
    const provider = new HocuspocusProvider({ websocketProvider: socket, name: "upstream-check", document: new Y.Doc(), token: "" });
    provider.attach();
    try {
      const listeners = () =>
        (provider.document as unknown as { _observers: Map<string, Set<unknown>> })._observers.get("update") ?? new Set();
      expect(listeners().has(provider.boundDocumentUpdateHandler)).toBe(true);
      const resume = pauseLocalUpdates(provider);
      expect(listeners().has(provider.boundDocumentUpdateHandler)).toBe(false);
      resume();
      expect(listeners().has(provider.boundDocumentUpdateHandler)).toBe(true);
    } finally {
      provider.destroy();
      socket.destroy();
    }
  });
});
