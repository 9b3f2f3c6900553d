/**
 * A reviewer may tag (add and remove marks on the content document) but not change the article's text, as
 * a Hocuspocus extension: each update they send is applied to a copy first, and one that changes the text
 * closes their connection (4403) before it reaches anyone. Hocuspocus hands over each sync message's
 * decoded type and payload (beforeSync), so nothing of its protocol is decoded here.
 */
import "server-only";
import type { beforeSyncPayload, Extension } from "@hocuspocus/server";
import * as Y from "yjs";
import { can } from "@/lib/auth/permissions";
import { contextOf } from "@/lib/collab/context";
import { contentFragment } from "@/lib/tags/documents";

/** y-protocols' sync message types that carry a document update: sync step 2 and an update. */
const CARRIES_UPDATE = new Set([1, 2]);

/** Plain text of the content document: what a reviewer's update must leave unchanged. */
function plainText(fragment: Y.XmlFragment | Y.XmlElement): string {
  return fragment
    .toArray()
    .map((child) =>
      child instanceof Y.XmlText
        ? (child.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === "string" ? op.insert : "")).join("")
        : child instanceof Y.XmlElement
          ? `<${child.nodeName}>${plainText(child)}`
          : "",
    )
    .join("");
}

function changesText(document: Y.Doc, update: Uint8Array): boolean {
  const clone = new Y.Doc();
  Y.applyUpdate(clone, Y.encodeStateAsUpdate(document));
  const before = plainText(contentFragment(clone));
  Y.applyUpdate(clone, update);
  return plainText(contentFragment(clone)) !== before;
}

export class TextGuard implements Extension {
  readonly extensionName = "margin-text-guard";

  async beforeSync({ connection, document, type, payload }: beforeSyncPayload): Promise<void> {
    const context = contextOf(connection);
    if (context?.kind !== "content" || can(context.role, "articles:edit") || !CARRIES_UPDATE.has(type)) return;
    if (changesText(document, payload)) {
      throw Object.assign(new Error("reviewers may tag but not change the text"), { code: 4403, reason: "read-only text" });
    }
  }
}
