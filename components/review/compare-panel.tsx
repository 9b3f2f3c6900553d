"use client";

import { Quoted } from "@/components/ui/quoted";
import { LABEL_STYLES } from "@/lib/tags/label-styles";
import type { Comparison } from "@/lib/review/compare-layers";
import type { Disagreement } from "@/lib/review/disagreements";
import type { TagFilters } from "@/lib/review/tag-filters";

type Span = { text: string; start: number; end: number };

const KINDS: Record<Disagreement["kind"], string> = {
  only_a: "only",
  only_b: "only",
  label: "different label",
  boundary: "different boundaries",
};

type Props = {
  filters: TagFilters;
  onFilters: (filters: TagFilters) => void;
  annotators: { id: string; name: string }[];
  result: Comparison | null;
  spans: Map<string, Span>;
  onSelect: (ids: string[]) => void;
};

export function ComparePanel({ filters, onFilters, annotators, result, spans, onSelect }: Props) {
  const name = (id: string) => annotators.find((person) => person.id === id)?.name ?? "someone";
  const pick = (side: "a" | "b", id: string) => {
    const current = filters.compare ?? { a: annotators[0]?.id ?? "", b: annotators[1]?.id ?? "" };
    onFilters({ ...filters, compare: { ...current, [side]: id } });
  };
  if (annotators.length < 2) return <p className="text-sm text-stone-500">Compare needs tags by two annotators.</p>;
  return (
    <section aria-label="Compare annotators" className="flex flex-col gap-2 text-sm">
      <div className="flex items-center gap-2">
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            checked={Boolean(filters.compare)}
            onChange={(event) =>
              onFilters({ ...filters, compare: event.target.checked ? { a: annotators[0]!.id, b: annotators[1]!.id } : null })
            }
          />
          Compare two annotators
        </label>
      </div>
      {filters.compare && (
        <>
          <div className="grid grid-cols-2 gap-2">
            {(["a", "b"] as const).map((side) => (
              <label key={side} className="flex flex-col gap-1">
                <span className="text-xs text-stone-600">{side === "a" ? "A" : "B"}</span>
                <select
                  aria-label={`Annotator ${side.toUpperCase()}`}
                  className="min-h-8 rounded border border-stone-300 bg-white px-1"
                  value={filters.compare![side]}
                  onChange={(event) => pick(side, event.target.value)}
                >
                  {annotators.map((person) => (
                    <option key={person.id} value={person.id}>
                      {person.name}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
          {result && (
            <>
              <p role="status" className="text-stone-700">
                {result.disagreements.length} {result.disagreements.length === 1 ? "disagreement" : "disagreements"} · {result.agreed}{" "}
                agreed
              </p>
              <ul className="flex flex-col gap-1" aria-label="Disagreements">
                {result.disagreements.map((item, index) => {
                  const ids = [item.a?.id, item.b?.id].filter((id): id is string => Boolean(id));
                  const words = (id?: string) => (id ? spans.get(id)?.text : undefined);
                  return (
                    <li key={index}>
                      <button
                        type="button"
                        onClick={() => onSelect(ids)}
                        className="w-full rounded border border-red-200 bg-red-50 px-2 py-1 text-left hover:bg-red-100"
                      >
                        <span className="text-xs font-medium text-red-900">
                          {item.kind === "only_a"
                            ? `only ${name(filters.compare!.a)}`
                            : item.kind === "only_b"
                              ? `only ${name(filters.compare!.b)}`
                              : KINDS[item.kind]}
                        </span>
                        {item.a && (
                          <span className="block truncate">
                            A: {LABEL_STYLES[item.a.label].name} <Quoted className="font-serif" text={words(item.a.id) ?? ""} />
                          </span>
                        )}
                        {item.b && (
                          <span className="block truncate">
                            B: {LABEL_STYLES[item.b.label].name} <Quoted className="font-serif" text={words(item.b.id) ?? ""} />
                          </span>
                        )}
                      </button>
                    </li>
                  );
                })}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}
