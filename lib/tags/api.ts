/**
 * Helpers shared by the annotation routes: the offset unit of a request and mapping live-operation
 * refusals to HTTP errors.
 */
import type { Capability } from "@/lib/auth/permissions";
import { authorizeArticle, unwrapAccess } from "@/lib/auth/project-access";
import { scopeShows } from "@/lib/auth/tag-scope";
import { authenticateRequest } from "@/lib/auth/session-gate";
import { AppError } from "@/lib/errors";
import { unsafeFindAnnotationArticle, unsafeFindRemovedAnnotationArticle } from "./data";
import { parseOrThrow } from "@/lib/http/parse";
import type { LiveRefusal } from "./live/operations";
import { offsetUnitSchema } from "./schema";
import type { OffsetUnit } from "./offsets";
import type { Result } from "@/lib/errors";
import { z } from "zod";

export function offsetUnitOf(request: Request): OffsetUnit {
  const value = new URL(request.url).searchParams.get("offsetUnit") ?? undefined;
  return parseOrThrow(z.object({ offsetUnit: offsetUnitSchema }), { offsetUnit: value }).offsetUnit;
}

export function unwrapLive<T>(result: Result<T, LiveRefusal>): T {
  if (result.ok) return result.value;
  throw new AppError(result.reason, result.message, result.field);
}

/**
 * The article of tag `id`, authorized for `capability`: a tag in a project the caller is not in, or one a
 * blind project hides from them, is "not found", like a missing one.
 */
export async function authorizeTag<C extends Capability>(request: Request, id: string, capability: C, options: { removed?: boolean } = {}) {
  const actor = await authenticateRequest(request);
  // `removed`: a deleted or merged-away tag too (its history), found through the audit log.
  const found = (await unsafeFindAnnotationArticle(id)) ?? (options.removed ? await unsafeFindRemovedAnnotationArticle(id) : null);
  if (!found) throw new AppError("not_found", `No annotation "${id}"`);
  const access = await authorizeArticle(actor, found.articleId, capability);
  if (!access.ok && access.reason === "not_found") throw new AppError("not_found", `No annotation "${id}"`);
  const authorized = unwrapAccess(access);
  if (!scopeShows(authorized.tagScope, found.annotatorIds)) throw new AppError("not_found", `No annotation "${id}"`);
  return authorized;
}
