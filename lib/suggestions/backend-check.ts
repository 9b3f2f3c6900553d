/**
 * "Test connection" on the settings page: is the project's Label Studio ML backend there and speaking the
 * protocol (external/index.ts `checkBackend`)? The owner may try an address before saving it, with or
 * without a token; without an address the saved backend is checked. The saved token goes only to the saved
 * address: an address typed in the form never receives it, so that a stored secret cannot be sent elsewhere.
 */
import "server-only";
import { z } from "zod";
import type { ProjectAccess } from "@/lib/auth/context";
import { AppError } from "@/lib/errors";
import { readBackendConfig } from "./data";
import { checkBackend } from "./external";

export const backendCheckBodySchema = z.strictObject({
  url: z
    .url({ protocol: /^https?$/, error: "url must be an http or https address" })
    .max(2000, { error: "url must be at most 2,000 characters" })
    .optional(),
  /** Sent to the backend as its Authorization header for this check only; never stored. */
  token: z.string().max(2000, { error: "token must be at most 2,000 characters" }).optional(),
});

export type BackendCheckBody = z.infer<typeof backendCheckBodySchema>;

/** `{ ok: true, model }`, or throws the SuggestionBackendError that says why not (400, 502 or 504). */
export async function checkProjectBackend(access: ProjectAccess<"project:manage">, body: BackendCheckBody) {
  const saved = await readBackendConfig(access.projectId);
  const url = body.url ?? saved?.url;
  if (!url) throw new AppError("bad_request", "The project has no suggestion backend: save its address first, or send one as url", "url");
  const savedToken = url === saved?.url ? saved.token : undefined;
  const token = body.token || savedToken;
  const { model } = await checkBackend({ url, ...(token ? { token } : {}) });
  return { ok: true as const, model };
}
