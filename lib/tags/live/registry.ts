/**
 * How route handlers reach the live tag operations of the server process (lib/tags/live/operations.ts). Only
 * types are imported here: the operations, Yjs and Hocuspocus stay in the server's module graph, and
 * Next.js' bundles call into them through this process-wide slot.
 */
import type { LiveAnnotations } from "./operations";

const holder = globalThis as unknown as { marginLiveAnnotations?: LiveAnnotations };

export function setLiveAnnotations(live: LiveAnnotations | undefined): void {
  holder.marginLiveAnnotations = live;
}

export function liveAnnotations(): LiveAnnotations {
  if (!holder.marginLiveAnnotations) throw new Error("the collaboration server is not running in this process");
  return holder.marginLiveAnnotations;
}
