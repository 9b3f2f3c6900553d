"use client";

import { useLayoutEffect } from "react";
import { LABEL_STYLES } from "@/lib/tags/label-styles";
import type { TagRecord } from "@/lib/tags/record";
import { REVIEW_DECIDE_EVENT } from "./tag-review";

type Props = {
  /** Pending tags the reviewer may decide, in reading order. */
  queue: { id: string; tag: TagRecord; text: string }[];
  current: string | undefined;
  onSelect: (id: string) => void;
};

/** Keys typed where they mean text (fields, the editable article) are not review commands. */
function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element) return false;
  const input = element.closest("input");
  return Boolean(
    element.closest("textarea, select") ||
    (input && !["checkbox", "radio", "button", "submit"].includes(input.type)) ||
    element.isContentEditable,
  );
}

/**
 * The reviewer's queue of pending tags, with the keyboard: j / k next and previous, a accept, r reject,
 * e edit the label (focuses "Accept as"), c comment. The page moves on to the next pending tag after a
 * decision.
 */
export function ReviewQueue({ queue, current, onSelect }: Props) {
  const index = queue.findIndex((item) => item.id === current);
  // A layout effect, so that the keys act on the tag whose details are on screen: with a passive effect a
  // key pressed right after `j` painted the next tag still reached the listener bound to the previous one.
  useLayoutEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
      const move = (step: number) => {
        if (!queue.length) return;
        const next = index < 0 ? (step > 0 ? 0 : queue.length - 1) : Math.min(queue.length - 1, Math.max(0, index + step));
        onSelect(queue[next]!.id);
      };
      const focus = (selector: string) => document.querySelector<HTMLElement>(selector)?.focus();
      const handlers: Record<string, () => void> = {
        j: () => move(1),
        k: () => move(-1),
        a: () => current && window.dispatchEvent(new CustomEvent(REVIEW_DECIDE_EVENT, { detail: { id: current, decision: "accept" } })),
        r: () => current && window.dispatchEvent(new CustomEvent(REVIEW_DECIDE_EVENT, { detail: { id: current, decision: "reject" } })),
        e: () => focus("#review-label"),
        c: () => focus("#thread-comment"),
      };
      const handler = handlers[event.key];
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [queue, index, current, onSelect]);
  return (
    <section aria-label="Review queue" className="flex flex-col gap-2 rounded-lg border border-emerald-300 bg-emerald-50 p-3 text-sm">
      <h3 className="font-medium">
        Review queue <span className="text-xs font-normal text-stone-600">{queue.length} pending</span>
      </h3>
      <p className="text-xs text-stone-600">
        <kbd>j</kbd>/<kbd>k</kbd> next/previous · <kbd>a</kbd> accept · <kbd>r</kbd> reject · <kbd>e</kbd> label · <kbd>c</kbd> comment
      </p>
      <ol className="flex max-h-64 flex-col gap-0.5 overflow-y-auto">
        {queue.map((item) => (
          <li key={item.id}>
            <button
              type="button"
              onClick={() => onSelect(item.id)}
              aria-current={item.id === current ? "true" : undefined}
              className={`w-full truncate rounded px-2 py-1 text-left hover:bg-white ${item.id === current ? "bg-white ring-1 ring-emerald-400" : ""}`}
            >
              <span className="text-xs text-stone-600">{LABEL_STYLES[item.tag.label].name}</span>{" "}
              <span className="font-serif">{item.text}</span>
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
