"use client";

import Link from "next/link";
import { useEffect, useId, useMemo, useState } from "react";
import { showActor, type ActorName } from "@/lib/api-client/actors";
import { pickerOptions, recordLabels, resolvePick } from "@/lib/tags/actor-picker";

/** What the typed text comes to: a record, nothing (no link), or text that names no single record. */
export type RecordPick = { actorId: string | null; problem: string | null };

type Props = {
  slug: string;
  /** The project's records (roots), with the names of records merged into each among their aliases. */
  records: ActorName[];
  /** The record the form links the tag to (what the tag had, or what was picked since). */
  actorId: string | null;
  canChange: boolean;
  className: string;
  onPick: (pick: RecordPick) => void;
  /** Makes a record of this name and links the tag to it; the API's message when refused. */
  onCreate: (name: string) => Promise<string | null>;
  /** Asks for the project's records again (a colleague may have made one since the editor opened). */
  onOpen: () => void;
};

/**
 * An actor tag's record: free text with type-ahead over the project's records' names and aliases
 * (lib/tags/actor-picker.ts), which must come down to one record; text that names none offers to create it.
 * A record the list lacks (merged into another since, or made after the list was read) is named by asking
 * for it, and stays the tag's link until the text is changed.
 */
export function ActorRecordPicker({ slug, records, actorId, canChange, className, onPick, onCreate, onOpen }: Props) {
  const listId = useId();
  const labels = useMemo(() => recordLabels(records), [records]);
  const options = useMemo(() => pickerOptions(records), [records]);
  const [text, setText] = useState(() => (actorId ? (labels.get(actorId) ?? "") : ""));
  const [touched, setTouched] = useState(false);
  const [other, setOther] = useState<{ name: string; mergedInto: { id: string; name: string } | null } | null>(null);
  const [creating, setCreating] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  useEffect(onOpen, [onOpen]);
  const listed = actorId !== null && labels.has(actorId);
  useEffect(() => {
    if (!actorId || listed) return;
    void showActor(slug, actorId).then((answer) => {
      if (answer.ok) setOther({ name: answer.data.actor.name, mergedInto: answer.data.actor.mergedInto });
    });
  }, [slug, actorId, listed]);
  // Until the person types, the tag keeps the record it is linked to, listed or not.
  const shown = touched ? text : text || (actorId && labels.get(actorId)) || other?.name || "";
  const pick = touched ? resolvePick(text, records) : null;

  const change = (value: string) => {
    setTouched(true);
    setText(value);
    setRefusal(null);
    const found = resolvePick(value, records);
    if (!value.trim()) return onPick({ actorId: null, problem: null });
    if (found.found === "record") return onPick({ actorId: found.id, problem: null });
    onPick({
      actorId: null,
      problem:
        found.found === "ambiguous"
          ? `Several records answer to “${value.trim()}”: pick one of them from the list.`
          : `No record answers to “${value.trim()}”: create it, or pick one from the list.`,
    });
  };
  const create = async () => {
    setCreating(true);
    const error = await onCreate(text.trim());
    setCreating(false);
    setRefusal(error);
    if (!error) setTouched(false);
  };

  return (
    <div className="flex flex-col gap-1">
      <label className="flex flex-col gap-1">
        <span>Actor record</span>
        <input className={className} disabled={!canChange} list={listId} value={shown} onChange={(event) => change(event.target.value)} />
      </label>
      <datalist id={listId}>
        {options.map((option) => (
          <option key={`${option.recordId}:${option.value}`} value={option.value} label={option.hint || undefined} />
        ))}
      </datalist>
      {actorId && (
        <p className="text-xs text-stone-600" data-testid="linked-record">
          {listed ? labels.get(actorId) : (other?.name ?? "A record of this project")}
          {!listed && other?.mergedInto && <> (merged into {other.mergedInto.name})</>}{" "}
          <Link href={`/projects/${slug}/actors/${actorId}`} className="text-accent underline">
            Actor page →
          </Link>
        </p>
      )}
      {touched && pick?.found === "ambiguous" && (
        <p className="text-xs text-amber-800">Several records answer to this: pick one of them from the list.</p>
      )}
      {touched && pick?.found === "none" && text.trim() && (
        <p className="flex flex-wrap items-center gap-2 text-xs text-stone-600">
          No record answers to this.
          {canChange && (
            <button
              type="button"
              disabled={creating}
              onClick={() => void create()}
              className="min-h-8 rounded-md border border-stone-300 bg-white px-2 font-medium text-ink hover:bg-stone-100"
            >
              Create record “{text.trim()}”
            </button>
          )}
        </p>
      )}
      {refusal && (
        <p role="alert" className="text-xs text-red-700">
          {refusal}
        </p>
      )}
    </div>
  );
}
