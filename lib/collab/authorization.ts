/**
 * Who may open which live document, as a Hocuspocus extension: the editor's session cookie or a script's
 * API token authenticates (lib/auth/socket-gate.ts), membership decides. Tags documents are written by the
 * server only (lib/tags/live/), so every connection to one is read-only; the content is writable for those
 * who may tag (marks), and every update to it is judged against what its sender may do
 * (lib/tags/live/content-guard.ts). A blind annotator reads their own view of the tags, never the whole.
 */
import "server-only";
import type { Extension, onAuthenticatePayload } from "@hocuspocus/server";
import { can } from "@/lib/auth/permissions";
import { authorizeArticle } from "@/lib/auth/project-access";
import { authenticateSocket } from "@/lib/auth/socket-gate";
import type { CollabContext } from "./context";
import { parseDocumentName } from "./names";

export class Authorization implements Extension {
  readonly extensionName = "margin-authorization";

  async onAuthenticate({ token, requestHeaders, documentName, connectionConfig }: onAuthenticatePayload): Promise<CollabContext> {
    const parsed = parseDocumentName(documentName);
    const actor = parsed && (await authenticateSocket({ token, headers: requestHeaders }));
    if (!parsed || !actor) throw new Error("not authenticated");
    const access = await authorizeArticle(actor, parsed.articleId, "project:read");
    if (!access.ok) throw new Error("not found");
    if (parsed.kind === "tags" && access.value.tagScope.kind === "own")
      throw new Error("blind annotation: connect to your own view of the tags");
    if (parsed.kind === "view" && parsed.viewOf !== actor.userId) throw new Error("not found");
    connectionConfig.readOnly = parsed.kind !== "content" || !can(access.value.role, "annotations:create");
    const { role, projectId, tagScope } = access.value;
    return { actor, role, projectId, articleId: parsed.articleId, kind: parsed.kind, tagScope };
  }
}
