/**
 * Who lost or changed access, announced to the collaboration server of every instance. Sockets are
 * authorized when they connect; without this, a member removed from a project, demoted to viewer, or whose
 * token was revoked kept reading and writing the live documents until they disconnected.
 *
 * The data modules that change access (membership, API tokens, sessions; the CLI's too) send the change
 * with PostgreSQL's NOTIFY in the transaction that makes it (notifyAccessChange in ./mutations.ts): every
 * instance hears it on its ownership session (./ownership.ts), this one included, and only once the change
 * is committed. Holds no Yjs: route handlers and server actions import it.
 */
import { z } from "zod";

export type AccessChange = {
  userId: string;
  /** Only their connections to this project's articles (all projects when absent). */
  projectId?: string;
  /** Only their connections authenticated this way (a revoked token leaves their browser's session alone). */
  via?: "session" | "token";
};

const accessChange = z.object({
  userId: z.string().min(1),
  projectId: z.string().min(1).optional(),
  via: z.enum(["session", "token"]).optional(),
});

/** A notice's payload as an AccessChange, or null when it is not one. */
export function parseAccessChange(payload: string): AccessChange | null {
  try {
    const parsed = accessChange.safeParse(JSON.parse(payload));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

type Listener = (change: AccessChange) => void;

// Process-wide: a test may run several collaboration servers in one process, each listening.
const holder = globalThis as unknown as { marginAccessListeners?: Set<Listener> };
const listeners = () => (holder.marginAccessListeners ??= new Set());

/** Tells this process's listeners (the ownership session does, for every notice it hears). */
export function announceAccessChange(change: AccessChange): void {
  for (const listener of listeners()) listener(change);
}

export function onAccessChange(listener: Listener): () => void {
  listeners().add(listener);
  return () => void listeners().delete(listener);
}
