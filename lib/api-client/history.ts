/** A tag's history, from the append-only audit log (a deleted or merged-away tag's too). */
import type { listHistory as readHistory } from "@/lib/review/data";
import { call, type Json } from "./call";

type Row = Json<Awaited<ReturnType<typeof readHistory>>[number]>;
/** `data` is whatever the event recorded (every event records an object; its fields depend on `kind`). */
export type HistoryEntry = Omit<Row, "data"> & { data: Record<string, unknown> };

export const listHistory = (id: string) => call<{ history: HistoryEntry[] }>(`/api/annotations/${encodeURIComponent(id)}/history`);
