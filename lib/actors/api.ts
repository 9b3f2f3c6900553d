/**
 * The registry's operations as the API, the CLI and the pages call them: each checks what its caller asks
 * against the project and turns a refusal into the AppError the entry point maps to its status.
 */
import "server-only";
import { z } from "zod";
import type { ProjectAccess } from "@/lib/auth/context";
import { AppError, type Result } from "@/lib/errors";
import { TAG_STATUSES } from "@/lib/vocabulary";
import { actorTimeline, findActorRoot, getActorRecord, listActorRecords, registryChecks, type ActorRecordView } from "./data";
import { createActorRecord, mergeActorRecords, splitActorRecord, updateActorRecord, type RegistryRefusal } from "./mutations";
import type { CreateActorInput, UpdateActorInput } from "./schema";

export const listQuerySchema = z.object({
  q: z.string().max(200, { error: "q must be at most 200 characters" }).optional(),
  sort: z
    .enum(["name", "mentions", "quotes", "claims", "articles"], { error: "sort must be name, mentions, quotes, claims or articles" })
    .optional(),
  order: z.enum(["asc", "desc"], { error: "order must be asc or desc" }).optional(),
  limit: z.coerce.number({ error: "limit must be a number" }).int().min(1).max(500, { error: "limit must be at most 500" }).optional(),
  offset: z.coerce.number({ error: "offset must be a number" }).int().min(0).optional(),
});

export const timelineQuerySchema = z.object({
  status: z.enum(TAG_STATUSES, { error: `status must be one of ${TAG_STATUSES.join(", ")}` }).optional(),
  article: z.string().max(64).optional(),
});

function unwrap<T>(result: Result<T, RegistryRefusal>): T {
  if (result.ok) return result.value;
  throw new AppError(result.reason, result.message);
}

export const listActors = listActorRecords;

/** One record; a merged one names the record it now counts for (`mergedInto`). */
export async function showActor(access: ProjectAccess, id: string): Promise<ActorRecordView> {
  const record = await getActorRecord(access, id);
  if (!record) throw new AppError("not_found", `No actor record "${id}" in this project`);
  return record;
}

export function createActor(access: ProjectAccess<"annotations:create">, input: CreateActorInput) {
  return createActorRecord(access, input);
}

export async function updateActor(access: ProjectAccess<"annotations:create">, id: string, input: UpdateActorInput) {
  return unwrap(await updateActorRecord(access, id, input));
}

export async function mergeActor(access: ProjectAccess<"annotations:review">, id: string, into: string) {
  return unwrap(await mergeActorRecords(access, id, into));
}

export async function splitActor(access: ProjectAccess<"annotations:review">, id: string) {
  return unwrap(await splitActorRecord(access, id));
}

/** The actor page's items for a record: those of the record its tags count for. */
export async function actorPage(access: ProjectAccess, id: string, query: z.infer<typeof timelineQuerySchema>) {
  const root = await findActorRoot(access, id);
  if (!root) throw new AppError("not_found", `No actor record "${id}" in this project`);
  return { rootId: root, ...(await actorTimeline(access, root, { status: query.status, articleId: query.article })) };
}

export const checkRegistry = registryChecks;
