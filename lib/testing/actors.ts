/**
 * Actors for tests come from the real gate (an API token through authenticateRequest), never from a cast.
 */
import { createApiToken } from "@/lib/api-tokens/mutations";
import type { Actor } from "@/lib/auth/context";
import { authenticateRequest } from "@/lib/auth/session-gate";

export async function actorFor(user: { id: string }): Promise<Actor> {
  const { token } = await createApiToken(user.id, "test");
  return authenticateRequest(new Request("http://margin.test/api/me", { headers: { authorization: `Bearer ${token}` } }));
}
