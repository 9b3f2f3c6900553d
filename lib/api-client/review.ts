/**
 * The calls the article page makes to Margin's own API (session cookie, same origin): decisions,
 * discussion, history, the annotator's "done", and moving an orphaned tag onto new words. Each resolves to the body or to the error message the
 * API gave, so that components show what went wrong in the API's own words.
 */
import type { Decision } from "@/lib/vocabulary";

export type ApiAnswer<T> = { ok: true; data: T } | { ok: false; error: string; status: number; body?: unknown };

async function call<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<ApiAnswer<T>> {
  try {
    const response = await fetch(path, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers: init.body === undefined ? undefined : { "content-type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const body = response.status === 204 ? null : await response.json().catch(() => null);
    if (response.ok) return { ok: true, data: body as T };
    return {
      ok: false,
      status: response.status,
      error: (body as { error?: { message?: string } } | null)?.error?.message ?? `The server answered ${response.status}`,
      body,
    };
  } catch {
    return { ok: false, status: 0, error: "The server could not be reached; check your connection and try again." };
  }
}

export type ReviewRequest = {
  decision: Decision;
  comment?: string | null;
  label?: string;
  start?: number;
  end?: number;
  expectedStatus?: string;
};
export type Person = { id: string; name: string | null; email: string };
export type ThreadEntry = {
  id: string;
  kind: "comment" | "resolve" | "reopen";
  body: string | null;
  createdAt: string;
  author: Person;
  mentions: { user: Person }[];
};
export type HistoryEntry = { id: string; kind: string; data: Record<string, unknown>; createdAt: string; actor: Person | null };

const tag = (id: string) => `/api/annotations/${encodeURIComponent(id)}`;

/** Offsets in the request are UTF-16 code units, as the editor counts them. */
export const reviewTag = (id: string, request: ReviewRequest) =>
  call<{ annotation: unknown }>(`${tag(id)}/review?offsetUnit=utf16`, { body: request });
export const listThread = (id: string) => call<{ comments: ThreadEntry[] }>(`${tag(id)}/comments`);
export const postComment = (id: string, body: string) => call<{ comment: ThreadEntry }>(`${tag(id)}/comments`, { body: { body } });
export const resolveThread = (id: string, resolved: boolean) =>
  call<{ thread: { resolved: boolean } }>(`${tag(id)}/thread`, { body: { resolved } });
/** Puts a tag (an orphan) on the words at these UTF-16 offsets: the API's PATCH, so the author's rules apply. */
export const moveTag = (id: string, span: { start: number; end: number }) =>
  call<{ annotation: unknown }>(`${tag(id)}?offsetUnit=utf16`, { method: "PATCH", body: span });
export const listHistory = (id: string) => call<{ history: HistoryEntry[] }>(`${tag(id)}/history`);
export const setWorkDone = (articleId: string, done: boolean) =>
  call<{ work: { done: boolean; articleStatus: string } }>(`/api/articles/${encodeURIComponent(articleId)}/work`, {
    method: "PUT",
    body: { done },
  });
export const setArticleStatus = (articleId: string, status: string) =>
  call<{ status: string }>(`/api/articles/${encodeURIComponent(articleId)}/status`, { body: { status } });
