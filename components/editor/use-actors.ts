"use client";

import { useEffect, useMemo, useState } from "react";
import { listActorNames } from "@/lib/api-client/actors";
import { actorChoices } from "@/lib/tags/actor-choices";
import type { TagRecord } from "@/lib/tags/record";
import type { TagSpanView } from "./tag-panel";

/**
 * The actors the tag details offer: this article's actor tags, which a claim's source or a quote's speaker
 * links to, and the project's canonical names, suggested while typing one (none if they cannot be read).
 */
export function useActors(slug: string, tags: Map<string, TagRecord>, spans: Map<string, TagSpanView>) {
  const [names, setNames] = useState<string[]>([]);
  useEffect(() => {
    void listActorNames(slug).then((answer) => setNames(answer.ok ? answer.data.actors.map((actor) => actor.name) : []));
  }, [slug]);
  const actors = useMemo(() => actorChoices(tags, spans), [tags, spans]);
  return { actors, actorNames: names };
}
