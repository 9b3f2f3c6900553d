/**
 * Writes of the actor registry: records created and changed, merged and split, each with its history
 * event in the same transaction. A merge is a redirect (`mergedIntoId`), never a rewrite of tags: the tags
 * keep naming the record they were linked to and count for its root, so that splitting a wrong merge gives
 * back exactly what each record had. `rootId` is kept for every record of the moved subtree.
 */
import "server-only";
import { prisma, type Prisma } from "@/lib/db/prisma";
import type { ProjectAccess } from "@/lib/auth/context";
import { fail, ok, type Result } from "@/lib/errors";
import { ACTOR_KINDS, type ActorKind } from "@/lib/vocabulary";
import { ACTOR_RECORD_FIELDS, type ActorRecordRow } from "./data";
import { tidyAliases, type CreateActorInput, type UpdateActorInput } from "./schema";

type Tx = Prisma.TransactionClient;
export type RegistryRefusal = "not_found" | "bad_request" | "conflict";

async function event(tx: Tx, recordId: string, userId: string | null, kind: string, details: Prisma.InputJsonObject) {
  await tx.actorRecordEvent.create({ data: { recordId, userId, kind, details } });
}

/** Inserts a root record (its own root) with its "created" event. */
async function insertRecord(
  tx: Tx,
  projectId: string,
  userId: string | null,
  input: CreateActorInput,
  how: "manual" | "canonical-name",
): Promise<ActorRecordRow> {
  const { id } = await tx.actorRecord.create({
    data: {
      projectId,
      name: input.name,
      aliases: tidyAliases(input.name, input.aliases),
      kind: input.kind,
      description: input.description,
      externalId: input.externalId,
      rootId: "",
      createdById: userId,
    },
    select: { id: true },
  });
  const row = await tx.actorRecord.update({ where: { id }, data: { rootId: id }, select: ACTOR_RECORD_FIELDS });
  await event(tx, id, userId, "created", {
    how,
    name: row.name,
    aliases: row.aliases,
    kind: row.kind,
    description: row.description,
    externalId: row.externalId,
  });
  return row;
}

/** Creates a record of the project (a root). */
export async function createActorRecord(access: ProjectAccess<"annotations:create">, input: CreateActorInput): Promise<ActorRecordRow> {
  return prisma.$transaction((tx) => insertRecord(tx, access.projectId, access.userId, input, "manual"));
}

async function lockedRecord(tx: Tx, access: ProjectAccess, id: string) {
  // One change of a project's registry at a time: two merges crossing each other would make a loop.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`actors:${access.projectId}`}))`;
  return tx.actorRecord.findFirst({ where: { id, projectId: access.projectId }, select: ACTOR_RECORD_FIELDS });
}

/** Changes a record's fields; the history keeps what each was before. */
export async function updateActorRecord(
  access: ProjectAccess<"annotations:create">,
  id: string,
  input: UpdateActorInput,
): Promise<Result<ActorRecordRow, RegistryRefusal>> {
  return prisma.$transaction(async (tx) => {
    const before = await lockedRecord(tx, access, id);
    if (!before) return fail("not_found", `no actor record "${id}" in this project`);
    const name = input.name ?? before.name;
    const aliases = tidyAliases(name, input.aliases ?? before.aliases);
    const after = {
      name,
      aliases,
      kind: input.kind === undefined ? before.kind : input.kind,
      description: input.description === undefined ? before.description : input.description,
      externalId: input.externalId === undefined ? before.externalId : input.externalId,
    };
    const changed = (Object.keys(after) as (keyof typeof after)[]).filter(
      (key) => JSON.stringify(after[key]) !== JSON.stringify(before[key]),
    );
    if (!changed.length) return ok(before);
    const row = await tx.actorRecord.update({ where: { id }, data: after, select: ACTOR_RECORD_FIELDS });
    await event(tx, id, access.userId, "changed", {
      before: Object.fromEntries(changed.map((key) => [key, before[key]])),
      after: Object.fromEntries(changed.map((key) => [key, after[key]])),
    });
    return ok(row);
  });
}

/**
 * Merges record `id` into `into` (both roots of the project): `id`'s tags, and those of records merged into
 * it before, count for `into` from now on. Its name and aliases stay its own (the merged record's names
 * link new tags to `into` through it, lib/tags/actor-links.ts).
 */
export async function mergeActorRecords(
  access: ProjectAccess<"annotations:review">,
  id: string,
  into: string,
): Promise<Result<ActorRecordRow, RegistryRefusal>> {
  if (id === into) return fail("bad_request", "a record cannot be merged into itself");
  return prisma.$transaction(async (tx) => {
    const record = await lockedRecord(tx, access, id);
    if (!record) return fail("not_found", `no actor record "${id}" in this project`);
    const target = await tx.actorRecord.findFirst({ where: { id: into, projectId: access.projectId }, select: ACTOR_RECORD_FIELDS });
    if (!target) return fail("bad_request", `no actor record "${into}" in this project to merge into`);
    if (record.mergedIntoId) return fail("conflict", `"${record.name}" is already merged into another record; split it off first`);
    if (target.mergedIntoId) return fail("bad_request", `"${target.name}" is merged into another record: merge into that one`);
    await tx.actorRecord.updateMany({ where: { projectId: access.projectId, rootId: id }, data: { rootId: into } });
    await tx.actorRecord.update({ where: { id }, data: { mergedIntoId: into } });
    await event(tx, id, access.userId, "merged", { into, intoName: target.name });
    await event(tx, into, access.userId, "absorbed", { from: id, fromName: record.name });
    return ok((await tx.actorRecord.findUniqueOrThrow({ where: { id: into }, select: ACTOR_RECORD_FIELDS })) as ActorRecordRow);
  });
}

/**
 * Splits record `id` off the record it was merged into: it becomes a root again with the records merged into
 * it, and its tags count for it again. Undoes exactly one merge.
 */
export async function splitActorRecord(
  access: ProjectAccess<"annotations:review">,
  id: string,
): Promise<Result<ActorRecordRow, RegistryRefusal>> {
  return prisma.$transaction(async (tx) => {
    const record = await lockedRecord(tx, access, id);
    if (!record) return fail("not_found", `no actor record "${id}" in this project`);
    if (!record.mergedIntoId) return fail("conflict", `"${record.name}" is not merged into another record`);
    const from = record.mergedIntoId;
    const parent = await tx.actorRecord.findUniqueOrThrow({ where: { id: from }, select: { name: true } });
    // The subtree under `id`, found through the merges themselves (rootId says only where it ends).
    await tx.$executeRaw`
      WITH RECURSIVE subtree AS (
        SELECT id FROM actor_records WHERE id = ${id}
        UNION ALL
        SELECT r.id FROM actor_records r JOIN subtree s ON r.merged_into_id = s.id
      )
      UPDATE actor_records SET root_id = ${id} WHERE id IN (SELECT id FROM subtree)`;
    const row = await tx.actorRecord.update({ where: { id }, data: { mergedIntoId: null }, select: ACTOR_RECORD_FIELDS });
    await event(tx, id, access.userId, "split", { from, fromName: parent.name });
    await event(tx, from, access.userId, "split-off", { record: id, recordName: record.name });
    return ok(row);
  });
}

/**
 * Records for canonical names nobody has made one for yet (an API client or an import naming an actor by
 * its canonical name): one per name, found again by later tags of that name. Unchecked: the caller may tag.
 */
export async function unsafeEnsureRecordsForNames(
  projectId: string,
  userId: string | null,
  names: readonly { name: string; kind: string | null }[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (!names.length) return found;
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`actors:${projectId}`}))`;
    const keys = [...new Set(names.map((entry) => entry.name.trim().toLocaleLowerCase()))];
    const existing = await tx.$queryRaw<{ key: string; root_id: string }[]>`
      SELECT DISTINCT ON (k.key) k.key, r.root_id
      FROM unnest(${keys}::text[]) AS k(key)
      JOIN actor_records r ON r.project_id = ${projectId}
        AND (lower(r.name) = k.key OR k.key = ANY (SELECT lower(a) FROM unnest(r.aliases) a))
      ORDER BY k.key, (lower(r.name) = k.key) DESC, r.created_at`;
    for (const row of existing) found.set(row.key, row.root_id);
    for (const entry of names) {
      const key = entry.name.trim().toLocaleLowerCase();
      if (found.has(key)) continue;
      // The tag's kind, when it is one (its attributes are checked after this runs).
      const kind = (ACTOR_KINDS as readonly string[]).includes(entry.kind ?? "") ? (entry.kind as ActorKind) : null;
      const input = { name: entry.name.trim(), aliases: [], kind, description: null, externalId: null };
      found.set(key, (await insertRecord(tx, projectId, userId, input, "canonical-name")).id);
    }
    return found;
  });
}

/** Forgets links an article's tags document has taken up (or had no use for): done once its change is durable. */
export async function unsafeDropLinkAdoptions(articleId: string, tagIds: readonly string[]): Promise<void> {
  await prisma.actorLinkAdoption.deleteMany({ where: { articleId, tagId: { in: [...tagIds] } } });
}
