/**
 * Who lost or changed access, announced by the data modules that change it (membership, API tokens) to the
 * collaboration server in the same process. Sockets are authorized when they connect; without this, a
 * member removed from a project, demoted to viewer, or whose token was revoked kept reading and writing
 * the live documents until they disconnected. Holds no Yjs: route handlers and server actions import it.
 */
export type AccessChange = {
  userId: string;
  /** Only their connections to this project's articles (all projects when absent). */
  projectId?: string;
  /** Only their connections authenticated this way (a revoked token leaves their browser's session alone). */
  via?: "session" | "token";
};

type Listener = (change: AccessChange) => void;

// Process-wide: Next.js bundles server actions and routes apart from the server's own module graph.
const holder = globalThis as unknown as { marginAccessListeners?: Set<Listener> };
const listeners = () => (holder.marginAccessListeners ??= new Set());

export function announceAccessChange(change: AccessChange): void {
  for (const listener of listeners()) listener(change);
}

export function onAccessChange(listener: Listener): () => void {
  listeners().add(listener);
  return () => void listeners().delete(listener);
}
