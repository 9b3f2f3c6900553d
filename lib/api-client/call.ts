/**
 * The browser's client for Margin's own HTTP API (session cookie, same origin). Every request a component
 * makes goes through `call`, which resolves to the body or to the error message the API gave, so that
 * components show what went wrong in the API's own words; the modules next to this one hold the typed
 * calls, one per area. Streamed downloads are lib/export/browser-download.ts's (progress, cancelling).
 *
 * Socket or HTTP. The socket carries only what must follow a mark the editor has just placed on that same
 * socket: recording the tag for the words the editor marked (the "create" message on the tags document,
 * lib/tags/client/tagging.ts and tag-client.ts). It says how far the editor's changes went once marked,
 * the server records the tag once it has applied them, and it is sent again after a reconnection, so that
 * no marked tag is left unrecorded. Everything else the editor writes goes over HTTP, through this client,
 * with the API's rules and error messages: a tag's label, attributes and note (PATCH
 * /api/annotations/<id>), deleting it (DELETE /api/annotations/<id>), restoring an orphan onto its last
 * words (POST /api/annotations/<id>/restore), attaching one to newly selected words (PATCH with start and
 * end, ?offsetUnit=utf16), and reviews, comments and the workflow. Every open editor, the writer's
 * included, sees the change arrive through the tags document, which only the server writes.
 */

export type ApiAnswer<T> = { ok: true; data: T } | { ok: false; error: string; status: number; body?: unknown };

/** The status of an answer that never came: the server could not be reached. */
export const UNREACHABLE = 0;

/** What a server type becomes in a JSON answer: dates arrive as ISO strings. */
export type Json<T> = T extends Date
  ? string
  : T extends (infer Item)[]
    ? Json<Item>[]
    : T extends object
      ? { [Key in keyof T]: Json<T[Key]> }
      : T;

export type CallInit = {
  /** GET by default, POST when there is a body. */
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Sent as JSON; a FormData or a file is sent as it is. */
  body?: unknown;
  /** The content type of a file sent as it is (a FormData sets its own). */
  contentType?: string;
  /** What to tell the user when the request cannot reach the server, if something more telling than the default. */
  unreachable?: string;
};

const UNREACHABLE_MESSAGE = "The server could not be reached; check your connection and try again.";

function headersFor(init: CallInit): Record<string, string> | undefined {
  if (init.body === undefined || init.body instanceof FormData) return undefined;
  if (init.body instanceof Blob) return init.contentType ? { "content-type": init.contentType } : undefined;
  return { "content-type": "application/json" };
}

export async function call<T>(path: string, init: CallInit = {}): Promise<ApiAnswer<T>> {
  const raw = init.body instanceof FormData || init.body instanceof Blob;
  try {
    const response = await fetch(path, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers: headersFor(init),
      body: init.body === undefined ? undefined : raw ? (init.body as FormData | Blob) : JSON.stringify(init.body),
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
    return { ok: false, status: UNREACHABLE, error: init.unreachable ?? UNREACHABLE_MESSAGE };
  }
}
