/**
 * Blind annotators' views of the tags, as a Hocuspocus extension. In a blind project an annotator may not
 * read an article's tags document (lib/collab/authorization.ts); they read `article:<id>:tags:<userId>`,
 * which holds their own tags and the deleted ids, derived from the tags document whenever it is loaded or
 * published to, and never stored.
 */
import "server-only";
import type { afterUnloadDocumentPayload, DirectConnection, Extension, Hocuspocus, onLoadDocumentPayload } from "@hocuspocus/server";
import type * as Y from "yjs";
import { documentName, parseDocumentName } from "@/lib/collab/names";
import { syncTagsView } from "@/lib/tags/documents";

export class BlindViews implements Extension {
  readonly extensionName = "margin-blind-views";
  private instance: Hocuspocus | null = null;
  /** Per loaded view (by name), the direct connection that keeps its tags document loaded. */
  private readonly sources = new Map<string, DirectConnection>();

  async onConfigure({ instance }: { instance: Hocuspocus }): Promise<void> {
    this.instance = instance;
  }

  async onLoadDocument({ documentName: name, document }: onLoadDocumentPayload): Promise<void> {
    const parsed = parseDocumentName(name);
    if (parsed?.kind !== "view" || !this.instance) return;
    const source = await this.instance.openDirectConnection(documentName(parsed.articleId, "tags"));
    this.sources.set(name, source);
    syncTagsView(document, source.document!, parsed.viewOf);
  }

  async afterUnloadDocument({ documentName: name }: afterUnloadDocumentPayload): Promise<void> {
    const source = this.sources.get(name);
    this.sources.delete(name);
    await source?.disconnect({ unloadImmediately: false });
  }

  /**
   * Brings the loaded views of an article up to date after the publisher changed `changed` tags. The tags
   * document changes only through the publisher (the server is its one writer), so the ids it changed are
   * all a view may lack.
   */
  refresh(articleId: string, live: Y.Doc, changed: ReadonlySet<string>): void {
    for (const [name, document] of this.instance?.documents ?? []) {
      const parsed = parseDocumentName(name);
      if (parsed?.kind === "view" && parsed.articleId === articleId) syncTagsView(document, live, parsed.viewOf, changed);
    }
  }

  /** Lets go of the tags documents the views hold open (shutdown), so that no store starts after. */
  async release(): Promise<void> {
    const sources = [...this.sources.values()];
    this.sources.clear();
    await Promise.all(sources.map((source) => source.disconnect({ unloadImmediately: false }).catch(() => {})));
  }
}
