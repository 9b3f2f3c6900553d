"use client";

import { useCallback, useLayoutEffect, useMemo, useRef, useState } from "react";
import { nextAfterDecision } from "@/lib/review/queue-order";
import { annotatorsOf, statusOf, type TagRecord } from "@/lib/tags/record";
import type { TagSpanView } from "./tag-panel";

type Options = {
  tags: Map<string, TagRecord>;
  spans: Map<string, TagSpanView>;
  visible: (tag: TagRecord) => boolean;
  allowSelfReview: boolean;
  userId: string;
  selected: string[];
  select: (id: string) => void;
};

/**
 * Review mode: the pending tags this reviewer may decide, in reading order, and after each decision the next
 * one, unless the reviewer opened another meanwhile.
 */
export function useReviewQueue({ tags, spans, visible, allowSelfReview, userId, selected, select }: Options) {
  const [reviewing, setReviewing] = useState(false);
  /** Why this reader may not decide this tag, or null. */
  const refusal = useCallback(
    (record: TagRecord) =>
      allowSelfReview || !annotatorsOf(record).some((person) => person.id === userId)
        ? null
        : "You made this tag; this project does not allow self-review.",
    [allowSelfReview, userId],
  );
  const queue = useMemo(
    () =>
      [...tags]
        .filter(([id, record]) => spans.has(id) && statusOf(record) === "pending" && visible(record) && !refusal(record))
        .sort(([a], [b]) => spans.get(a)!.start - spans.get(b)!.start || spans.get(a)!.end - spans.get(b)!.end)
        .map(([id, record]) => ({ id, tag: record, text: spans.get(id)!.text })),
    [tags, spans, visible, refusal],
  );
  // What advance() reads when a decision's answer arrives, which may be renders after it was made.
  const latest = useRef({ selected, queue });
  useLayoutEffect(() => {
    latest.current = { selected, queue };
  });
  /** After a decision (made on this render's queue), the next pending tag, unless the reviewer opened another meanwhile. */
  const advance = (decided: string) => {
    if (!latest.current.selected.includes(decided)) return;
    const next = nextAfterDecision(
      queue.map((item) => item.id),
      decided,
      latest.current.queue.map((item) => item.id),
    );
    if (next) select(next);
  };
  return { reviewing, setReviewing, queue, refusal, advance };
}
