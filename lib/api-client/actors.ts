/**
 * The project's actor registry from the browser: the tag details pick or create a record, the actor pages
 * create, change, merge and split records. Each answer is the record as the API gives it back.
 */
import type { listActorNames as readActorNames } from "@/lib/actors/data";
import type { ActorRecordRow } from "@/lib/actors/data";
import type { CreateActorInput, UpdateActorInput } from "@/lib/actors/schema";
import { call, type Json } from "./call";

export type ActorName = Awaited<ReturnType<typeof readActorNames>>[number];
export type ActorRecordAnswer = { actor: Json<ActorRecordRow> };

const actors = (slug: string) => `/api/projects/${encodeURIComponent(slug)}/actors`;
const actor = (slug: string, id: string) => `${actors(slug)}/${encodeURIComponent(id)}`;

/** Every record's name and aliases (with those of records merged into it), by name. */
export const listActorNames = (slug: string) => call<{ actors: ActorName[] }>(`${actors(slug)}/names`);

/** A new record (a root); aliases, kind, description and external id may be left out. */
export const createActor = (slug: string, input: Partial<CreateActorInput> & { name: string }) =>
  call<ActorRecordAnswer>(actors(slug), { method: "POST", body: input });

/** Changes the fields given; the record's history keeps what each was before. */
export const updateActor = (slug: string, id: string, changes: UpdateActorInput) =>
  call<ActorRecordAnswer>(actor(slug, id), { method: "PATCH", body: changes });

/** Merges record `id` into `into` (reviewers and owners); answers the record merged into. */
export const mergeActor = (slug: string, id: string, into: string) =>
  call<ActorRecordAnswer>(`${actor(slug, id)}/merge`, { method: "POST", body: { into } });

/** Splits record `id` off the record it was merged into (reviewers and owners); answers the record split off. */
export const splitActor = (slug: string, id: string) => call<ActorRecordAnswer>(`${actor(slug, id)}/split`, { method: "POST" });

/** One record with what was merged into it and the record it counts for (a merged record's page shows that). */
export const showActor = (slug: string, id: string) =>
  call<{ actor: { id: string; name: string; kind: string | null; mergedInto: { id: string; name: string } | null } }>(actor(slug, id));
