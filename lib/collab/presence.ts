/**
 * Presence (Yjs awareness) as the server knows it, as a Hocuspocus extension. y-protocols relays whatever
 * state a client claims, for whatever client id: a member could appear under a colleague's name, and a
 * blind annotator could learn which Yjs client id, the author of every change to the content document, is
 * which colleague, and so whose marks are whose. Here:
 * - a connection holds one awareness client id, one nobody else has held on this document; its state says
 *   who the connection authenticated as (id and name) and keeps only what the editor publishes besides (a
 *   colour, the caret; lib/editor/presence.ts);
 * - a blind annotator (lib/auth/tag-scope.ts: an editor of a blind project who has not marked their work on
 *   the article done) is sent no one's presence but their own (their other tabs), so theirs reaches only
 *   those who see every tag anyway. The rule is the one their connection was authorized under: marking work
 *   done opens the editor's documents again, under the new rule.
 */
import "server-only";
import type {
  afterLoadDocumentPayload,
  beforeHandleAwarenessPayload,
  beforeHandleMessagePayload,
  Connection,
  Document,
  Extension,
} from "@hocuspocus/server";
import type { Actor } from "@/lib/auth/context";
import { filterOutgoing } from "@/lib/upstream/hocuspocus";
import { keepAwarenessOf, readAwarenessMessage } from "./awareness-messages";
import { contextOf } from "./context";

/** A presence state once the server has read it: the editor's PresenceUser, and y-prosemirror's caret. */
export type PresenceState = { user: { id: string; name: string; color: string }; cursor?: unknown };

/** For a colour that is not one: the editor writes colours into style attributes, so only "#rrggbb" passes. */
const NEUTRAL_COLOR = "#57534e";

function presenceOf(actor: Actor, claimed: Record<string, unknown>): PresenceState {
  const color = (claimed.user as { color?: unknown } | undefined)?.color;
  const cursor = claimed.cursor;
  return {
    user: {
      id: actor.userId,
      name: actor.name ?? actor.email,
      color: typeof color === "string" && /^#[0-9a-f]{6}$/i.test(color) ? color : NEUTRAL_COLOR,
    },
    ...(cursor === null || (typeof cursor === "object" && "anchor" in cursor && "head" in cursor) ? { cursor } : {}),
  };
}

export class PresenceGuard implements Extension {
  readonly extensionName = "margin-presence";
  /**
   * Per loaded document, whose each awareness client id is, from its first state on: kept while the document
   * is loaded, so that a removal is still known as theirs, and nobody takes over an id a colleague left.
   */
  private readonly owners = new WeakMap<Document, Map<number, string>>();
  /**
   * The client ids in the awareness message a connection is handling. Hocuspocus decodes it into a scratch
   * awareness whose own empty state comes along with the client's (4.7): only what the client sent counts.
   */
  private readonly sent = new WeakMap<Connection, Set<number>>();

  private ownersOf(document: Document): Map<number, string> {
    let owners = this.owners.get(document);
    if (!owners) this.owners.set(document, (owners = new Map()));
    return owners;
  }

  async afterLoadDocument({ document }: afterLoadDocumentPayload): Promise<void> {
    const owners = this.ownersOf(document);
    filterOutgoing(document, (connection) => {
      const context = contextOf(connection);
      if (context?.tagScope.kind !== "own") return null;
      const { userId } = context.actor;
      return (message) => keepAwarenessOf(message, (clientId) => owners.get(clientId) === userId);
    });
  }

  async beforeHandleMessage({ connection, update }: beforeHandleMessagePayload): Promise<void> {
    const read = readAwarenessMessage(update);
    if (read) this.sent.set(connection, new Set(read.entries.map((entry) => entry.clientId)));
  }

  async beforeHandleAwareness({ document, connection, states }: beforeHandleAwarenessPayload): Promise<void> {
    const context = contextOf(connection);
    // The server's own connections publish no presence.
    if (!connection || !context) return;
    const sent = this.sent.get(connection);
    this.sent.delete(connection);
    const owners = this.ownersOf(document);
    const held = document.getClients(connection);
    let kept = 0;
    for (const [clientId, state] of states) {
      const owner = owners.get(clientId);
      const claimable = held.size ? held.has(clientId) : kept === 0;
      if (!sent?.has(clientId) || !claimable || (owner !== undefined && owner !== context.actor.userId)) {
        states.delete(clientId);
        continue;
      }
      kept++;
      owners.set(clientId, context.actor.userId);
      states.set(clientId, presenceOf(context.actor, state));
    }
  }
}
