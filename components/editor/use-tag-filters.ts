"use client";

import { useCallback, useMemo, useState } from "react";
import { compareLayers } from "@/lib/review/compare-layers";
import { annotatorsIn, defaultFilters, tagVisible, type TagFilters } from "@/lib/review/tag-filters";
import type { TagRecord } from "@/lib/tags/record";
import type { TagSpanView } from "./tag-panel";

/**
 * Which tags show (labels, layers, statuses), and in compare mode where two annotators disagree. Memoized on
 * what they read: the stylesheet re-renders only when one of them changes (components/editor/tag-styles.tsx).
 */
export function useTagFilters(tags: Map<string, TagRecord>, spans: Map<string, TagSpanView>) {
  const [filters, setFilters] = useState<TagFilters>(defaultFilters);
  const visible = useCallback((record: TagRecord) => tagVisible(record, filters), [filters]);
  const annotators = useMemo(() => annotatorsIn(tags), [tags]);
  const comparison = useMemo(
    () => (filters.compare ? compareLayers(tags, spans, filters.compare, filters.labels) : null),
    [tags, spans, filters],
  );
  /** The tags on either side of a disagreement, outlined in the text. */
  const disagreeing = useMemo(
    () =>
      comparison
        ? [...new Set(comparison.disagreements.flatMap((item) => [item.a?.id, item.b?.id]).filter((id): id is string => Boolean(id)))]
        : [],
    [comparison],
  );
  return { filters, setFilters, visible, annotators, comparison, disagreeing };
}
