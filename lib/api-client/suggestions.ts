/**
 * Suggestions from the article page: those offered to the reader, running the suggesters, accepting one
 * (it becomes the reader's tag, which arrives in the editor through the tags document like any other) or
 * all of a label above a score, and dismissing one. Offsets are UTF-16 code units, as the editor counts.
 */
import type { AnnotationView } from "@/lib/tags/data";
import type { SuggestionView } from "@/lib/suggestions/stored";
import type { Label } from "@/lib/vocabulary";
import { call, type Json } from "./call";

export type { SuggestionView };
export type RunError = { suggester: string; message: string };

const article = (id: string) => `/api/articles/${encodeURIComponent(id)}/suggestions`;
const suggestion = (id: string) => `/api/suggestions/${encodeURIComponent(id)}`;

export const listSuggestions = (articleId: string) => call<{ suggestions: SuggestionView[] }>(`${article(articleId)}?offsetUnit=utf16`);

/** Runs the suggesters (all, or those named) and answers what the reader is offered afterwards. */
export const runSuggesters = (articleId: string, suggesters?: string[]) =>
  call<{ suggestions: SuggestionView[]; errors: RunError[] }>(`${article(articleId)}?offsetUnit=utf16`, {
    body: suggesters ? { suggesters } : {},
  });

/** `unlinked`: a quote's speaker (a claim's source) is not a tag yet, so the new tag is without it. */
export const acceptSuggestion = (id: string, overrides: { label?: Label; attributes?: Record<string, unknown> } = {}) =>
  call<{ annotation: Json<AnnotationView>; unlinked?: true }>(`${suggestion(id)}/accept?offsetUnit=utf16`, { body: overrides });

export const acceptSuggestionsAbove = (articleId: string, label: Label, minScore: number) =>
  call<{ accepted: number; annotations: Json<AnnotationView>[]; skipped: { id: string; message: string }[] }>(
    `${article(articleId)}/accept?offsetUnit=utf16`,
    { body: { label, minScore } },
  );

export const dismissSuggestion = (id: string) => call<null>(`${suggestion(id)}/dismiss`, { method: "POST" });
