"use client";

import { LABEL_STYLES } from "@/lib/tags/label-styles";
import { type Label, LABELS, type TagStatus } from "@/lib/vocabulary";
import type { TagFilters } from "@/lib/review/tag-filters";

type Props = { filters: TagFilters; onFilters: (filters: TagFilters) => void; annotators: { id: string; name: string }[]; selfId: string };

const STATUSES: { status: TagStatus; name: string }[] = [
  { status: "pending", name: "Pending" },
  { status: "accepted", name: "Accepted" },
  { status: "rejected", name: "Rejected" },
];

const chip = (on: boolean) =>
  `rounded-full border px-2 py-0.5 ${on ? "border-stone-400 bg-white" : "border-stone-300 bg-stone-100 text-stone-600 line-through"}`;

function toggled<T>(set: Set<T>, value: T): Set<T> {
  const next = new Set(set);
  if (next.has(value)) next.delete(value);
  else next.add(value);
  return next;
}

/**
 * What the article page shows: labels, review statuses (rejected tags are hidden until asked for), and
 * each annotator's layer, on or off or alone ("only"); or two annotators compared.
 */
export function LayerFilters({ filters, onFilters, annotators, selfId }: Props) {
  const layerOn = (id: string) => !filters.annotators || filters.annotators.has(id);
  const setLayer = (id: string) => {
    const current = filters.annotators ?? new Set(annotators.map((person) => person.id));
    const next = toggled(current, id);
    onFilters({ ...filters, annotators: next.size === annotators.length ? null : next });
  };
  return (
    <div className="flex flex-col gap-3 text-sm">
      <div className="flex flex-wrap gap-1" role="group" aria-label="Show labels">
        {LABELS.map((label: Label) => (
          <button
            key={label}
            type="button"
            aria-pressed={filters.labels.has(label)}
            onClick={() => onFilters({ ...filters, labels: toggled(filters.labels, label) })}
            className={chip(filters.labels.has(label))}
          >
            {LABEL_STYLES[label].name}
          </button>
        ))}
      </div>
      <div className="flex flex-wrap gap-1" role="group" aria-label="Show review statuses">
        {STATUSES.map(({ status, name }) => (
          <button
            key={status}
            type="button"
            aria-pressed={filters.statuses.has(status)}
            onClick={() => onFilters({ ...filters, statuses: toggled(filters.statuses, status) })}
            className={chip(filters.statuses.has(status))}
          >
            {name}
          </button>
        ))}
      </div>
      {annotators.length > 0 && !filters.compare && (
        <fieldset className="flex flex-col gap-1">
          <legend className="mb-1 text-stone-600">Layers</legend>
          {annotators.map((person) => (
            <div key={person.id} className="flex items-center gap-2">
              <label className="flex flex-1 items-center gap-2">
                <input type="checkbox" checked={layerOn(person.id)} onChange={() => setLayer(person.id)} />
                {person.name}
                {person.id === selfId && <span className="text-xs text-stone-500">(you)</span>}
              </label>
              <button
                type="button"
                className="text-xs text-accent underline"
                onClick={() => onFilters({ ...filters, annotators: new Set([person.id]) })}
                aria-label={`Show only ${person.name}'s tags`}
              >
                only
              </button>
            </div>
          ))}
          {filters.annotators && (
            <button
              type="button"
              className="w-fit text-xs text-accent underline"
              onClick={() => onFilters({ ...filters, annotators: null })}
            >
              Show everyone
            </button>
          )}
        </fieldset>
      )}
    </div>
  );
}
