/** A project's settings page: checking the external suggestion backend before (or after) saving it. */
import { call } from "./call";

/** Without `url`, the saved backend with its saved token; with one, that address and `token` if given. */
export const checkSuggestionBackend = (slug: string, body: { url?: string; token?: string }) =>
  call<{ ok: true; model: string }>(`/api/projects/${encodeURIComponent(slug)}/suggestions/backend/check`, { body });
