/**
 * Suggestions again after a text correction, for the changed paragraphs only (refresh-plan.ts): rows
 * elsewhere keep their ids at their moved places, rows inside the paragraphs are replaced by the built-in
 * suggesters' answer there (a suggestion proposed again at the same place keeps its id, so a dismissal
 * stands: mutations.ts storeRun). Only articles that have had suggestions (someone ran them, or the project
 * suggests on import) are refreshed, every set on its own context (scope.ts). Debounced per article (a
 * correction is typed a key at a time), off the request path: the projection writer only schedules it
 * (lib/tags/live/after-text-change.ts), and a failure is logged, never felt by the person typing. The
 * external backend is not asked: a slow one must not run at every pause in typing, and its stale rows go.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { setAfterTextChange } from "@/lib/tags/live/after-text-change";
import { unsafeReadRefreshState, readSuggestContext } from "./data";
import { storeRun } from "./mutations";
import { contextTagsOf } from "./scope";
import { toRows } from "./stored";

/** How long after the last change of a burst the refresh runs. */
export const REFRESH_DELAY_MS = 5_000;

/** Per article: the text before the first change of the burst, and the burst's timer. */
const pending = new Map<string, { before: string; timer: NodeJS.Timeout }>();
/** Refreshes under way, for a shutdown or a test to wait for. */
const running = new Set<Promise<void>>();

export function scheduleRefresh(articleId: string, before: string, delayMs = REFRESH_DELAY_MS): void {
  const held = pending.get(articleId);
  if (held) clearTimeout(held.timer);
  // The rows were placed in the text before the burst's first change, whatever came after.
  const first = held?.before ?? before;
  const timer = setTimeout(() => {
    pending.delete(articleId);
    const refresh = unsafeRefreshSuggestions(articleId, first)
      .catch((error: unknown) => console.error(`[suggestions] refreshing article ${articleId} after a correction:`, error))
      .finally(() => running.delete(refresh));
    running.add(refresh);
  }, delayMs);
  // A pending refresh never keeps a process alive that is otherwise done.
  timer.unref();
  pending.set(articleId, { before: first, timer });
}

/** Resolves once no refresh is pending or running. */
export async function refreshesSettled(): Promise<void> {
  while (pending.size || running.size) {
    await Promise.all(running);
    if (pending.size) await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Unchecked: the process decided this article's text changed from `before` (the projection writer). */
export async function unsafeRefreshSuggestions(articleId: string, before: string): Promise<void> {
  const state = await unsafeReadRefreshState(articleId);
  if (!state) return;
  // Loaded on first use, as on-import.ts does: the suggesters bring an NLP library start-up need not wait for.
  const { changedParagraphs, keptRows, suggestChangedParagraphs } = await import("./refresh-plan");
  const changed = changedParagraphs(before, state.text);
  if (!changed) return;
  const sets = new Set(state.rows.map((row) => row.forUserId));
  if (state.suggestOnImport) sets.add(null);
  for (const forUserId of sets) {
    const scope = { userId: forUserId, blind: state.blind, forUserId };
    const rows = state.rows.filter((row) => row.forUserId === forUserId);
    const context = await readSuggestContext(state.projectId, articleId, state.text, contextTagsOf(scope));
    const kept = keptRows(before, state.text, changed, rows);
    const tagIds = new Set((context.actorTags ?? []).map((tag) => tag.id));
    const fresh = toRows(state.text, suggestChangedParagraphs(state.text, changed, context), tagIds, () => randomUUID()).rows;
    // Every suggester with rows in the set: its rows not kept nor proposed again are the stale ones to go.
    const suggesters = new Set([...rows, ...fresh].map((row) => row.suggester));
    // Kept rows first: they claim their own ids before a fresh row could take one by its key.
    if (suggesters.size) await storeRun(articleId, forUserId, [...suggesters], [...kept, ...fresh]);
  }
}

/** Installed by the server process (server/main.ts), which owns the live documents. */
export function installSuggestionRefresh(delayMs = REFRESH_DELAY_MS): void {
  setAfterTextChange((articleId, before) => scheduleRefresh(articleId, before, delayMs));
}
