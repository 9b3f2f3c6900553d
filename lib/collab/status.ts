/**
 * What the health check says of this instance's collaboration server (GET /api/health): whether it takes
 * live work (not while it shuts down, so that a load balancer sends no more), and how many articles it
 * owns. A process-wide slot, as lib/tags/live/registry.ts: route handlers are bundled apart from the server.
 */
export type CollaborationStatus = { serving: boolean; ownedArticles: number; instanceId: string };

const holder = globalThis as unknown as { marginCollaborationStatus?: () => CollaborationStatus };

export function setCollaborationStatus(status: (() => CollaborationStatus) | undefined): void {
  holder.marginCollaborationStatus = status;
}

/** Null when no collaboration server runs in this process (the CLI, a build). */
export function collaborationStatus(): CollaborationStatus | null {
  return holder.marginCollaborationStatus?.() ?? null;
}
