/**
 * Placeholder until sugg-api's lib/api-client/suggestions.ts is merged: the calls the editor makes, as the
 * contract of issue #17 describes them.
 */
import { call } from "@/lib/api-client/call";
import type { SuggestionView } from "@/lib/suggestions/places";
import type { Label } from "@/lib/vocabulary";

const article = (id: string) => `/api/articles/${encodeURIComponent(id)}/suggestions`;
const one = (id: string) => `/api/suggestions/${encodeURIComponent(id)}`;

export const suggestionsClient = {
  list: (articleId: string) => call<{ suggestions: SuggestionView[] }>(`${article(articleId)}?offsetUnit=utf16`),
  run: (articleId: string) =>
    call<{ suggestions: SuggestionView[]; errors: { suggester: string; message: string }[] }>(`${article(articleId)}?offsetUnit=utf16`, {
      body: {},
    }),
  accept: (id: string) => call<{ annotation: unknown }>(`${one(id)}/accept`, { body: {} }),
  dismiss: (id: string) => call<null>(`${one(id)}/dismiss`, { method: "POST" }),
  acceptAll: (articleId: string, label: Label, minScore: number) =>
    call<{ accepted: number }>(`${article(articleId)}/accept`, { body: { label, minScore } }),
};
