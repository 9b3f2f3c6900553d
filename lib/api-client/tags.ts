/**
 * The editor's writes to tags it did not just mark (see call.ts for which writes take the socket instead).
 * Answers carry offsets in UTF-16 code units, as the editor counts them; the change itself reaches every
 * open editor through the tags document.
 */
import type { AnnotationView } from "@/lib/tags/data";
import type { Label } from "@/lib/vocabulary";
import { call, type Json } from "./call";

/** What the details form changes; attributes are the label's (lib/tags/schema.ts), checked by the server. */
export type TagChanges = { label?: Label; attributes?: Record<string, unknown>; note?: string | null };

type Answer = { annotation: Json<AnnotationView> };

const tag = (id: string) => `/api/annotations/${encodeURIComponent(id)}`;
const UTF16 = "?offsetUnit=utf16";

/** Relabels a tag, or changes its attributes or note: the author's, or any for an owner. */
export const updateTag = (id: string, changes: TagChanges) => call<Answer>(`${tag(id)}${UTF16}`, { method: "PATCH", body: changes });

/** Puts a tag (an orphan) on the words at these UTF-16 offsets: the API's PATCH, so the author's rules apply. */
export const moveTag = (id: string, span: { start: number; end: number }) =>
  call<Answer>(`${tag(id)}${UTF16}`, { method: "PATCH", body: span });

/** Puts an orphan back on its last words, if they are in the text again (a 400 otherwise). */
export const restoreTag = (id: string) => call<Answer>(`${tag(id)}/restore${UTF16}`, { method: "POST" });

export const deleteTag = (id: string) => call<null>(tag(id), { method: "DELETE" });
