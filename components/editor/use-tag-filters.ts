"use client";

import { useCallback, useLayoutEffect, useMemo, useState } from "react";
import { compareLayers } from "@/lib/review/compare-layers";
import { annotatorsIn, defaultFilters, tagVisible, type TagFilters } from "@/lib/review/tag-filters";
import type { TagRecord } from "@/lib/tags/record";
import type { TagSpanView } from "./tag-panel";
import type { TagLookFeed } from "./use-tag-looks";

/**
 * Which tags show (labels, layers, statuses), and in compare mode where two annotators disagree. Memoized on
 * what they read, so that what depends on them renders again only when one of them changes. The tags the
 * filters hide lose their look in the text (`looks`): every tag is looked at again then, and only then.
 */
export function useTagFilters(tags: Map<string, TagRecord>, spans: Map<string, TagSpanView>, looks: TagLookFeed) {
  const [filters, setFilters] = useState<TagFilters>(defaultFilters);
  const visible = useCallback((record: TagRecord) => tagVisible(record, filters), [filters]);
  // In the commit that shows the new filters in the panel, before the editor is first built (its tags'
  // looks are read with the filters already known).
  useLayoutEffect(() => looks.show(visible), [looks, visible]);
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
