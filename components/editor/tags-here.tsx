"use client";

import { LABEL_STYLES } from "@/lib/tags/label-styles";
import { annotatorNames, type TagRecord } from "@/lib/tags/record";

type Props = { ids: string[]; current: string; tags: Map<string, TagRecord>; onChoose: (id: string) => void };

/**
 * When a click lands on overlapping tags (nested ones, or the same words tagged by two people), which of
 * them the details show, and the others one click away: otherwise only the first was reachable from the
 * text, the rest only through the panel.
 */
export function TagsHere({ ids, current, tags, onChoose }: Props) {
  if (ids.length < 2) return null;
  return (
    <nav aria-label="Tags on these words" className="flex flex-wrap items-center gap-1 text-xs">
      <span className="text-stone-600">{ids.length} tags here:</span>
      {ids.map((id) => {
        const tag = tags.get(id)!;
        return (
          <button
            key={id}
            type="button"
            aria-pressed={id === current}
            onClick={() => onChoose(id)}
            className={`rounded border px-1.5 py-0.5 ${id === current ? "border-accent bg-sky-50 font-medium" : "border-stone-300 hover:bg-stone-50"}`}
          >
            {LABEL_STYLES[tag.label].name} · {annotatorNames(tag)}
          </button>
        );
      })}
    </nav>
  );
}
