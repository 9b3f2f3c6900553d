/**
 * Closes the sockets of someone whose access changed (lib/collab/access-changes.ts), as a Hocuspocus
 * extension. Sockets are authorized when they connect; their clients reconnect and are authorized afresh:
 * under the new role, or refused. A whole socket, not one document's connection: the editor's two documents
 * share it, and the provider reconnects a socket.
 */
import type { Extension, Hocuspocus } from "@hocuspocus/server";
import { onAccessChange, type AccessChange } from "./access-changes";
import { contextOf } from "./context";

export class AccessDrop implements Extension {
  readonly extensionName = "margin-access-drop";
  private instance: Hocuspocus | null = null;
  private readonly stopListening = onAccessChange((change) => this.drop(change));

  async onConfigure({ instance }: { instance: Hocuspocus }): Promise<void> {
    this.instance = instance;
  }

  private drop(change: AccessChange): void {
    for (const document of this.instance?.documents.values() ?? []) {
      for (const connection of document.getConnections()) {
        const context = contextOf(connection);
        if (!context || context.actor.userId !== change.userId) continue;
        if ((change.projectId && context.projectId !== change.projectId) || (change.via && context.actor.via !== change.via)) continue;
        connection.webSocket.close(4403, "access changed");
      }
    }
  }

  /** Stops listening (shutdown). */
  release(): void {
    this.stopListening();
  }
}
