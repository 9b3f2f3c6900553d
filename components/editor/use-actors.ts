"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { createActor, listActorNames, type ActorName } from "@/lib/api-client/actors";
import { actorChoices } from "@/lib/tags/actor-choices";
import type { TagRecord } from "@/lib/tags/record";
import type { ActorKind } from "@/lib/vocabulary";
import type { TagSpanView } from "./tag-panel";

const REREAD_MS = 5000;

/**
 * The actors the tag details offer: this article's actor tags, which a claim's source or a quote's speaker
 * links to (shown by their record's name), and the project's records, which an actor tag is linked to (none
 * if they cannot be read). The records are read again when an actor tag's details open (at most every
 * REREAD_MS), so that one a colleague has just made is offered.
 */
export function useActors(slug: string, tags: Map<string, TagRecord>, spans: Map<string, TagSpanView>) {
  const [records, setRecords] = useState<ActorName[]>([]);
  // Read once (or failed to be): until then, typed text cannot be said to name no record.
  const [ready, setReady] = useState(false);
  const readAt = useRef(0);
  // Records made here, kept should a list read before they were made arrive after them.
  const made = useRef<ActorName[]>([]);
  const refresh = useCallback(() => {
    // A reviewer stepping through tags opens one actor after another: read the list at most every few seconds.
    if (Date.now() - readAt.current < REREAD_MS) return;
    readAt.current = Date.now();
    void listActorNames(slug).then((answer) => {
      setReady(true);
      if (!answer.ok) return;
      const listed = new Set(answer.data.actors.map((record) => record.id));
      setRecords([...answer.data.actors, ...made.current.filter((record) => !listed.has(record.id))]);
    });
  }, [slug]);
  useEffect(refresh, [refresh]);
  const { recordNames, rootOf } = useMemo(() => {
    const names = new Map<string, string>();
    const roots = new Map<string, string>();
    for (const record of records) {
      names.set(record.id, record.name);
      for (const merged of record.mergedIds ?? []) {
        names.set(merged, record.name);
        roots.set(merged, record.id);
      }
    }
    return { recordNames: names, rootOf: roots };
  }, [records]);
  const actors = useMemo(() => actorChoices(tags, spans, recordNames, rootOf), [tags, spans, recordNames, rootOf]);
  /** A new record, offered at once; the API's message when it is refused. */
  const create = useCallback(
    async (name: string, kind: ActorKind | null): Promise<{ ok: true; record: ActorName } | { ok: false; error: string }> => {
      const answer = await createActor(slug, { name, kind });
      if (!answer.ok) return { ok: false, error: answer.error };
      const { id, kind: recordKind, aliases } = answer.data.actor;
      const record: ActorName = { id, name: answer.data.actor.name, kind: recordKind, aliases, mergedIds: [] };
      made.current.push(record);
      setRecords((current) => [...current.filter((entry) => entry.id !== id), record]);
      return { ok: true, record };
    },
    [slug],
  );
  return { actors, records, recordsReady: ready, refreshRecords: refresh, createRecord: create };
}
