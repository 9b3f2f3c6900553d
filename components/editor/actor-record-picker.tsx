"use client";

import Link from "next/link";
import { useEffect, useId, useMemo, useState } from "react";
import { showActor, type ActorName } from "@/lib/api-client/actors";
import { pickerOptions, recordLabels, resolvePick, type Pick } from "@/lib/tags/actor-picker";

/**
 * What the picker's text comes to, derived on every render rather than stored, so that records read after
 * the person typed are taken into account. `text` is null until they type: the tag keeps its own link.
 */
export function useRecordPick(records: readonly ActorName[], ready: boolean, linked: string | null) {
  const [text, setText] = useState<string | null>(null);
  const pick: Pick | null = text === null ? null : resolvePick(text, records);
  const actorId = pick === null ? linked : pick.found === "record" ? pick.id : null;
  const typed = text?.trim() ?? "";
  // Text that names no single record: saved, it would silently unlink the tag.
  const problem =
    !typed || pick?.found === "record"
      ? null
      : !ready
        ? "The project's records are still being read: try again in a moment."
        : pick?.found === "ambiguous"
          ? `Several records answer to “${typed}”: pick one of them from the list.`
          : `No record answers to “${typed}”: create it, or pick one from the list.`;
  return { text, setText, pick, actorId, problem, typed, ready, reset: () => setText(null) };
}

export type RecordPick = ReturnType<typeof useRecordPick>;

type Props = {
  slug: string;
  /** The project's records (roots), with the names of records merged into each among their aliases. */
  records: ActorName[];
  state: RecordPick;
  canChange: boolean;
  className: string;
  /** Makes a record of the typed name and links the tag to it; the API's message when refused. */
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
export function ActorRecordPicker({ slug, records, state, canChange, className, onCreate, onOpen }: Props) {
  const listId = useId();
  const labels = useMemo(() => recordLabels(records), [records]);
  const options = useMemo(() => pickerOptions(records), [records]);
  const [other, setOther] = useState<{ name: string; mergedInto: { id: string; name: string } | null } | null>(null);
  const [creating, setCreating] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  useEffect(onOpen, [onOpen]);
  const { actorId, pick } = state;
  const listed = actorId !== null && labels.has(actorId);
  // Asked only once the list is read: most links are to records it holds.
  const unlisted = state.ready && actorId !== null && !listed ? actorId : null;
  useEffect(() => {
    if (!unlisted) return;
    void showActor(slug, unlisted).then((answer) => {
      if (answer.ok) setOther({ name: answer.data.actor.name, mergedInto: answer.data.actor.mergedInto });
    });
  }, [slug, unlisted]);
  const shown = state.text ?? ((actorId && labels.get(actorId)) || other?.name || "");

  const create = async () => {
    setCreating(true);
    const error = await onCreate(state.typed);
    setCreating(false);
    setRefusal(error);
  };

  return (
    <div className="flex flex-col gap-1">
      <label className="flex flex-col gap-1">
        <span>Actor record</span>
        <input
          className={className}
          disabled={!canChange}
          list={listId}
          value={shown}
          onChange={(event) => {
            state.setText(event.target.value);
            setRefusal(null);
          }}
        />
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
      {state.typed && !state.ready && <p className="text-xs text-stone-600">Reading the project&apos;s records…</p>}
      {state.typed && state.ready && pick?.found === "ambiguous" && (
        <p className="text-xs text-amber-800">Several records answer to this: pick one of them from the list.</p>
      )}
      {state.typed && state.ready && pick?.found === "none" && (
        <p className="flex flex-wrap items-center gap-2 text-xs text-stone-600">
          No record answers to this.
          {canChange && (
            <button
              type="button"
              disabled={creating}
              onClick={() => void create()}
              className="min-h-8 rounded-md border border-stone-300 bg-white px-2 font-medium text-ink hover:bg-stone-100"
            >
              Create record “{state.typed}”
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
