"use client";

import { useMemo, useState } from "react";
import { LABEL_STYLES } from "@/lib/tags/label-styles";
import { type Label, LABELS } from "@/lib/vocabulary";
import { annotatorNames, statusOf, type TagRecord } from "@/lib/tags/record";

export type TagSpanView = { text: string; start: number; end: number };

const STATUS_MARK = { pending: "", accepted: "✓ accepted", rejected: "✗ rejected" } as const;

type Props = {
  tags: Map<string, TagRecord>;
  spans: Map<string, TagSpanView>;
  /** The filters' verdict (lib/review/tag-filters.ts); counts include hidden tags. */
  visible: (tag: TagRecord) => boolean;
  selected: string[];
  onSelect: (id: string) => void;
  canChange: (tag: TagRecord) => boolean;
  onRestore: (id: string) => void;
  /** Puts an orphan on the words selected in the text (when its old words are not coming back). */
  onAttach: (id: string) => void;
  onDelete: (id: string) => void;
};

/** Tags listed per label before "Show all": an article can hold thousands, and a list that long helps nobody. */
const FIRST = 50;

/** Each label's placed tags in reading order (all, and those the filters show), and the orphans. */
function groupTags(tags: Map<string, TagRecord>, spans: Map<string, TagSpanView>, shown: (tag: TagRecord) => boolean) {
  const placed = [...tags].filter(([id]) => spans.has(id)).sort(([a], [b]) => spans.get(a)!.start - spans.get(b)!.start);
  const byLabel = new Map(
    LABELS.map((label) => {
      const items = placed.filter(([, tag]) => tag.label === label);
      return [label, { items, visible: items.filter(([, tag]) => shown(tag)) }];
    }),
  );
  return { byLabel, orphans: [...tags].filter(([id]) => !spans.has(id)) };
}

/**
 * Every tag of the article, grouped by label with counts, filtered, in reading order; orphans apart. Grouped
 * only when the tags, their places or the filters change: the page renders again on other changes (a
 * selection), and sorting thousands of tags each time is work nobody sees.
 */
export function TagPanel({ tags, spans, visible: shown, selected, onSelect, canChange, onRestore, onAttach, onDelete }: Props) {
  const [expanded, setExpanded] = useState<Set<Label>>(new Set());
  const { byLabel, orphans } = useMemo(() => groupTags(tags, spans, shown), [tags, spans, shown]);
  return (
    <aside aria-label="Tags" className="flex flex-col gap-4 text-sm">
      {LABELS.map((label) => {
        const { items, visible } = byLabel.get(label)!;
        const listed = expanded.has(label) ? visible : visible.slice(0, FIRST);
        return (
          <section key={label} aria-label={`${LABEL_STYLES[label].name} tags`}>
            <h3 className="mb-1 flex items-baseline gap-2 font-medium">
              <span
                style={{
                  textDecorationLine: "underline",
                  textDecorationStyle: LABEL_STYLES[label].style,
                  textDecorationColor: LABEL_STYLES[label].line,
                }}
              >
                {LABEL_STYLES[label].name}
              </span>
              <span className="text-xs text-stone-500" data-testid={`count-${label}`}>
                {items.length}
              </span>
            </h3>
            <ul className="flex flex-col gap-0.5">
              {listed.map(([id, tag]) => (
                <li key={id}>
                  <button
                    type="button"
                    onClick={() => onSelect(id)}
                    aria-current={selected.includes(id) ? "true" : undefined}
                    className={`w-full truncate rounded px-2 py-1 text-left hover:bg-stone-100 ${selected.includes(id) ? "bg-sky-50" : ""}`}
                    title={`${spans.get(id)!.text} (${annotatorNames(tag)})`}
                  >
                    <span className={`font-serif ${statusOf(tag) === "rejected" ? "line-through" : ""}`}>{spans.get(id)!.text}</span>
                    <span className="ml-2 text-xs text-stone-500">{annotatorNames(tag)}</span>
                    {STATUS_MARK[statusOf(tag)] && <span className="ml-2 text-xs text-stone-700">{STATUS_MARK[statusOf(tag)]}</span>}
                  </button>
                </li>
              ))}
            </ul>
            {listed.length < visible.length && (
              <button type="button" className="mt-1 px-2 text-accent underline" onClick={() => setExpanded(new Set(expanded).add(label))}>
                Show all {visible.length}
              </button>
            )}
          </section>
        );
      })}
      {orphans.length > 0 && (
        <section aria-label="Orphaned tags" className="rounded-md border border-amber-300 bg-amber-50 p-2">
          <h3 className="mb-1 font-medium">Orphaned ({orphans.length})</h3>
          <p className="mb-2 text-xs text-stone-600">
            Every word these tags covered was deleted. They are kept until you restore them (when their words are back), attach them to
            words you select, or delete them.
          </p>
          <ul className="flex flex-col gap-1">
            {orphans.map(([id, tag]) => (
              <li key={id} className="flex flex-wrap items-center gap-2">
                <button type="button" onClick={() => onSelect(id)} className="flex-1 truncate text-left hover:underline">
                  {LABEL_STYLES[tag.label].name} by {annotatorNames(tag)}
                </button>
                {canChange(tag) && (
                  <>
                    <button type="button" className="text-accent underline" onClick={() => onRestore(id)}>
                      Restore
                    </button>
                    <button type="button" className="text-accent underline" onClick={() => onAttach(id)}>
                      Attach to selected words
                    </button>
                    <button type="button" className="text-red-800 underline" onClick={() => onDelete(id)}>
                      Delete
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </aside>
  );
}
