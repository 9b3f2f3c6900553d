"use client";

import { useCallback, useEffect, useState, type RefObject } from "react";
import type { TagRecord } from "@/lib/tags/record";
import type { TagSpanView } from "./tag-panel";

/**
 * Which tags are selected (a click on overlapping tags selects them all, the first shown in the details),
 * and bringing a tag into view. `frame` holds the editor: a tag is found there by its mark's id.
 */
export function useTagSelection(tags: Map<string, TagRecord>, initialTag: string | undefined, frame: RefObject<HTMLDivElement | null>) {
  const [selected, setSelected] = useState<string[]>(initialTag ? [initialTag] : []);

  /** Scrolls to a tag and flashes it. */
  const reveal = useCallback(
    (id: string | undefined) => {
      const element = id && frame.current?.querySelector(`.margin-editor [data-annotation-id="${CSS.escape(id)}"]`);
      if (!element) return;
      element.scrollIntoView({ block: "center", behavior: "smooth" });
      element.classList.add("margin-flash");
      setTimeout(() => element.classList.remove("margin-flash"), 1200);
    },
    [frame],
  );
  /** Selects tags from elsewhere than the text (the panel, the queue, the comparison) and shows the first. */
  const select = useCallback(
    (ids: string | string[]) => {
      const list = Array.isArray(ids) ? ids : [ids];
      setSelected(list);
      reveal(list[0]);
    },
    [reveal],
  );
  /** Puts one of the selected tags first, the one the details show. */
  const choose = useCallback((id: string) => setSelected((ids) => [id, ...ids.filter((other) => other !== id)]), []);

  /** The tag the details show: the first selected that exists (a colleague may have deleted one meanwhile). */
  const current = selected.find((id) => tags.has(id));
  return { selected, setSelected, current, select, choose, reveal };
}

/** A tag linked from elsewhere (a mention) is selected from the start, and shown once its words are there. */
export function useRevealLinkedTag(
  initialTag: string | undefined,
  spans: Map<string, TagSpanView>,
  reveal: (id: string | undefined) => void,
) {
  const linkedPlaced = Boolean(initialTag && spans.has(initialTag));
  useEffect(() => {
    if (linkedPlaced) reveal(initialTag);
  }, [linkedPlaced, initialTag, reveal]);
}
