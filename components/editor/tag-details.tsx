"use client";

import { Quoted } from "@/components/ui/quoted";
import { useState, type ReactNode } from "react";
import { LABEL_STYLES } from "@/lib/tags/label-styles";
import { ACTOR_KINDS, type ActorKind, type Label, LABELS } from "@/lib/vocabulary";
import { annotatorNames, type TagRecord } from "@/lib/tags/record";
import type { ActorChoice } from "@/lib/tags/actor-choices";
import type { ActorName } from "@/lib/api-client/actors";
import { ActorRecordPicker, useRecordPick } from "./actor-record-picker";

type Props = {
  id: string;
  slug: string;
  tag: TagRecord;
  text: string | null;
  canChange: boolean;
  actors: ActorChoice[];
  /** The project's actor records, an actor tag's record is picked from (components/editor/use-actors.ts). */
  records: ActorName[];
  /** Whether the records have been read (until then no text can be said to name none). */
  recordsReady: boolean;
  onOpenRecords: () => void;
  onCreateRecord: (name: string, kind: ActorKind | null) => Promise<{ ok: true; record: ActorName } | { ok: false; error: string }>;
  onUpdate: (patch: { label?: Label; attributes?: Record<string, unknown>; note?: string | null }) => Promise<string | null>;
  onDelete: () => void;
  onClose: () => void;
  /** Review, discussion and history, below the tag's own fields. */
  children?: ReactNode;
};

const field = "min-h-9 w-full rounded border border-stone-300 bg-white px-2 text-sm";

/**
 * One tag: its words, label, author and time, note and per-label attributes; editable by its author or an
 * owner. Render it keyed by id and label, so that choosing another tag or relabelling one starts a fresh form.
 */
export function TagDetails({ id, slug, tag, text, canChange, actors, records, onOpenRecords, onCreateRecord, ...props }: Props) {
  const { recordsReady, onUpdate, onDelete, onClose, children } = props;
  const [attributes, setAttributes] = useState<Record<string, unknown>>(tag.attributes ?? {});
  const [note, setNote] = useState(tag.note ?? "");
  const [message, setMessage] = useState<string | null>(null);
  const label = tag.label;
  const recordPick = useRecordPick(records, recordsReady, (attributes.actorId as string | undefined) ?? null);
  const set = (key: string, value: unknown) => setAttributes((current) => ({ ...current, [key]: value === "" ? undefined : value }));
  // Attributes are sent whole (a canonical name the tag has is sent back as it is); undefined ones are left out.
  const send = (values: Record<string, unknown>) =>
    onUpdate({
      attributes: Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)),
      note: note.trim() ? note : null,
    });
  const save = async () => {
    if (label === "actor" && recordPick.problem) return setMessage(recordPick.problem);
    const error = await send(label === "actor" ? { ...attributes, actorId: recordPick.actorId ?? undefined } : attributes);
    setMessage(error ?? "Saved.");
  };
  /** A new record for the picker's text, of the kind the form says, and the tag linked to it at once. */
  const createRecord = async (name: string) => {
    const made = await onCreateRecord(name, (attributes.kind as ActorKind | undefined) ?? null);
    if (!made.ok) return made.error;
    const values = { ...attributes, actorId: made.record.id };
    setAttributes(values);
    recordPick.reset();
    const error = await send(values);
    setMessage(error ?? `Created “${made.record.name}” and linked this tag to it.`);
    return error;
  };
  const actorSelect = (key: string, title: string) => (
    <label className="flex flex-col gap-1">
      <span>{title}</span>
      <select
        className={field}
        disabled={!canChange}
        value={(attributes[key] as string | undefined) ?? ""}
        onChange={(event) => set(key, event.target.value)}
      >
        <option value="">none</option>
        {actors
          .filter((actor) => actor.primary || actor.id === attributes[key])
          .map((actor) => (
            <option key={actor.id} value={actor.id}>
              {actor.text}
            </option>
          ))}
      </select>
    </label>
  );
  return (
    <section aria-label="Tag details" className="flex flex-col gap-3 rounded-lg border border-stone-300 bg-white p-3 text-sm shadow-sm">
      <div className="flex items-start gap-2">
        <p className="flex-1 font-serif text-base">
          {text ? <Quoted text={text} /> : <em className="text-stone-500">orphaned: its words were deleted</em>}
        </p>
        <button type="button" onClick={onClose} aria-label="Close details" className="rounded px-2 hover:bg-stone-100">
          ×
        </button>
      </div>
      <p className="text-xs text-stone-600">
        Tagged by {annotatorNames(tag)}, {new Date(tag.createdAt).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" })}
      </p>
      <label className="flex flex-col gap-1">
        <span>Label</span>
        <select
          className={field}
          disabled={!canChange}
          value={label}
          onChange={(event) => void onUpdate({ label: event.target.value as Label }).then(setMessage)}
        >
          {LABELS.map((option) => (
            <option key={option} value={option}>
              {LABEL_STYLES[option].name}
            </option>
          ))}
        </select>
      </label>
      {label === "actor" && (
        <>
          <ActorRecordPicker
            slug={slug}
            records={records}
            state={recordPick}
            canChange={canChange}
            className={field}
            onCreate={createRecord}
            onOpen={onOpenRecords}
          />
          {typeof attributes.canonicalName === "string" && attributes.canonicalName && (
            <p className="text-xs text-stone-600">Canonical name given: {attributes.canonicalName}</p>
          )}
          <label className="flex flex-col gap-1">
            <span>Kind</span>
            <select
              className={field}
              disabled={!canChange}
              value={(attributes.kind as string | undefined) ?? ""}
              onChange={(event) => set("kind", event.target.value)}
            >
              <option value="">unknown</option>
              {ACTOR_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {kind}
                </option>
              ))}
            </select>
          </label>
        </>
      )}
      {label === "quote" && (
        <>
          {actorSelect("speakerId", "Speaker")}
          <fieldset className="flex gap-4">
            <legend className="sr-only">Quotation</legend>
            {[true, false].map((direct) => (
              <label key={String(direct)} className="flex items-center gap-1">
                <input
                  type="radio"
                  name={`direct-${id}`}
                  disabled={!canChange}
                  checked={attributes.direct === direct}
                  onChange={() => set("direct", direct)}
                />
                {direct ? "direct" : "indirect"}
              </label>
            ))}
          </fieldset>
        </>
      )}
      {label === "claim" && actorSelect("sourceId", "Source")}
      {label === "figure" && (
        <div className="grid grid-cols-2 gap-2">
          <label className="flex flex-col gap-1">
            <span>Value</span>
            <input
              className={field}
              disabled={!canChange}
              type="number"
              step="any"
              value={attributes.value === null || attributes.value === undefined ? "" : String(attributes.value)}
              onChange={(event) => set("value", event.target.value === "" ? null : Number(event.target.value))}
            />
          </label>
          <label className="flex flex-col gap-1">
            <span>Unit or what is counted</span>
            <input
              className={field}
              disabled={!canChange}
              value={(attributes.unit as string | null | undefined) ?? ""}
              onChange={(event) => set("unit", event.target.value || null)}
            />
          </label>
          <label className="col-span-2 flex items-center gap-2">
            <input
              type="checkbox"
              disabled={!canChange}
              checked={attributes.approximate === true}
              onChange={(event) => set("approximate", event.target.checked)}
            />
            approximate
          </label>
        </div>
      )}
      <label className="flex flex-col gap-1">
        <span>Note</span>
        <textarea
          className={`${field} py-1`}
          rows={2}
          disabled={!canChange}
          value={note}
          onChange={(event) => setNote(event.target.value)}
          maxLength={2000}
        />
      </label>
      {canChange && (
        <div className="flex items-center gap-2">
          <button
            type="button"
            onClick={() => void save()}
            className="min-h-9 rounded-md bg-accent px-3 font-medium text-white hover:bg-sky-900"
          >
            Save
          </button>
          <button type="button" onClick={onDelete} className="min-h-9 rounded-md border border-red-300 px-3 text-red-800 hover:bg-red-50">
            Delete tag
          </button>
          {message && (
            <span role="status" className="text-xs text-stone-600">
              {message}
            </span>
          )}
        </div>
      )}
      {children}
    </section>
  );
}
