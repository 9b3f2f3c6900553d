/** The project's actors, as the tag details suggest canonical names. */
import type { listActorNames as readActorNames } from "@/lib/tags/data";
import { call } from "./call";

export type ActorName = Awaited<ReturnType<typeof readActorNames>>[number];

/** Canonical names of the actors tagged in the project, most used first. */
export const listActorNames = (slug: string) => call<{ actors: ActorName[] }>(`/api/projects/${encodeURIComponent(slug)}/actors`);
