"use client";

import { Quoted } from "@/components/ui/quoted";
import { useState, type ReactNode } from "react";
import { LABEL_STYLES } from "@/lib/tags/label-styles";
import { ACTOR_KINDS, type Label, LABELS } from "@/lib/vocabulary";
import { annotatorNames, type TagRecord } from "@/lib/tags/record";
import type { ActorChoice } from "@/lib/tags/actor-choices";

type Props = {
  id: string;
  tag: TagRecord;
  text: string | null;
  canChange: boolean;
  actors: ActorChoice[];
  actorNames: string[];
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
export function TagDetails({ id, tag, text, canChange, actors, actorNames, onUpdate, onDelete, onClose, children }: Props) {
  const [attributes, setAttributes] = useState<Record<string, unknown>>(tag.attributes ?? {});
  const [note, setNote] = useState(tag.note ?? "");
  const [message, setMessage] = useState<string | null>(null);
  const label = tag.label;
  const set = (key: string, value: unknown) => setAttributes((current) => ({ ...current, [key]: value === "" ? undefined : value }));
  const save = async () => {
    const clean = Object.fromEntries(Object.entries(attributes).filter(([, value]) => value !== undefined));
    const error = await onUpdate({ attributes: clean, note: note.trim() ? note : null });
    setMessage(error ?? "Saved.");
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
          <label className="flex flex-col gap-1">
            <span>Canonical name</span>
            <input
              className={field}
              disabled={!canChange}
              list="margin-actor-names"
              value={(attributes.canonicalName as string | undefined) ?? ""}
              onChange={(event) => set("canonicalName", event.target.value)}
            />
            <datalist id="margin-actor-names">
              {actorNames.map((name) => (
                <option key={name} value={name} />
              ))}
            </datalist>
          </label>
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
