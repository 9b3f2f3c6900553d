/** The project's actor registry, as the tag details pick a record. */
import type { listActorNames as readActorNames } from "@/lib/actors/data";
import { call } from "./call";

export type ActorName = Awaited<ReturnType<typeof readActorNames>>[number];

/** Every record's name and aliases (with those of records merged into it), by name. */
export const listActorNames = (slug: string) => call<{ actors: ActorName[] }>(`/api/projects/${encodeURIComponent(slug)}/actors/names`);
