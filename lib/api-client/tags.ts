/**
 * The editor's writes to tags it did not just mark (see call.ts for which writes take the socket instead).
 * Answers carry offsets in UTF-16 code units, as the editor counts them; the change itself reaches every
 * open editor through the tags document.
 */
import type { AnnotationView } from "@/lib/tags/data";
import { call, type Json } from "./call";

type Answer = { annotation: Json<AnnotationView> };

const tag = (id: string) => `/api/annotations/${encodeURIComponent(id)}`;
const UTF16 = "?offsetUnit=utf16";

/** Puts a tag (an orphan) on the words at these UTF-16 offsets: the API's PATCH, so the author's rules apply. */
export const moveTag = (id: string, span: { start: number; end: number }) =>
  call<Answer>(`${tag(id)}${UTF16}`, { method: "PATCH", body: span });
