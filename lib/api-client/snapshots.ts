/** A project's named snapshots: saving one, and comparing two. (Downloads stream: lib/export/browser-download.ts.) */
import type { SnapshotView } from "@/lib/export/data";
import type { diffSnapshots } from "@/lib/export/snapshots";
import { call, type Json } from "./call";

export type SnapshotDiff = Json<Awaited<ReturnType<typeof diffSnapshots>>>;

const snapshots = (slug: string) => `/api/projects/${encodeURIComponent(slug)}/snapshots`;

/** Saves the dataset these export filters (and offset unit) select, as it is now, under a name. */
export const saveSnapshot = (slug: string, snapshot: { name: string; filters: Record<string, string> }) =>
  call<{ snapshot: Json<SnapshotView> }>(snapshots(slug), {
    body: snapshot,
    unreachable: "The snapshot did not reach the server (network error)",
  });

/** Tags added, removed and changed from snapshot `from` to snapshot `to` (ids or names), the first `limit` listed. */
export const compareSnapshots = (slug: string, query: { from: string; to: string; limit: number }) =>
  call<SnapshotDiff>(`${snapshots(slug)}/diff?${new URLSearchParams({ from: query.from, to: query.to, limit: String(query.limit) })}`, {
    unreachable: "The comparison did not reach the server (network error)",
  });
