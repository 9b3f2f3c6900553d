"use client";

import { useLayoutEffect, useRef, useState } from "react";
import { LABEL_STYLES } from "@/lib/tags/label-styles";
import { type Decision, type Label, LABELS } from "@/lib/vocabulary";
import { statusOf, type TagRecord } from "@/lib/tags/record";
import { reviewTag } from "@/lib/api-client/review";

type Props = {
  id: string;
  tag: TagRecord;
  /** Null when the viewer may decide; otherwise why not (shown to reviewers, e.g. their own tag). */
  refusal: string | null;
  /** The editor's selection as text offsets (UTF-16), for correcting the words while accepting. */
  selection: () => { start: number; end: number; text: string } | null;
  onDecided: () => void;
};

/** Announced by the review queue's a and r keys, for the tag whose details are open. */
export const REVIEW_DECIDE_EVENT = "margin:review-decide";

const when = (iso: string) => new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });

/** A tag's review: its status and last decision, and for reviewers Accept / Reject with corrections. */
export function TagReview({ id, tag, refusal, selection, onDecided }: Props) {
  // The label to accept as, once the reviewer picks one; until then the tag's own, which its author may
  // change meanwhile (live): accepting must not put back the label the tag had when these details opened.
  const [chosen, setChosen] = useState<Label | null>(null);
  const label = chosen ?? tag.label;
  const [comment, setComment] = useState("");
  const [useSelection, setUseSelection] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const status = statusOf(tag);
  const decide = async (decision: Decision) => {
    const span = decision === "accept" && useSelection ? selection() : null;
    if (decision === "accept" && useSelection && !span) return setMessage("Select the words in the text first.");
    setBusy(true);
    const answer = await reviewTag(id, {
      decision,
      expectedStatus: status,
      ...(comment.trim() ? { comment } : {}),
      ...(decision === "accept" && chosen && chosen !== tag.label ? { label: chosen } : {}),
      ...(span ? { start: span.start, end: span.end } : {}),
    });
    setBusy(false);
    if (!answer.ok) return setMessage(answer.error);
    setMessage(null);
    setComment("");
    setChosen(null);
    setUseSelection(false);
    onDecided();
  };
  // The review queue's keys (a, r) decide the tag shown here.
  // Layout effects: bound before the details paint, so a key pressed as soon as they show reaches them.
  const latest = useRef(decide);
  useLayoutEffect(() => {
    latest.current = decide;
  });
  useLayoutEffect(() => {
    const onKey = (event: Event) => {
      const detail = (event as CustomEvent<{ id: string; decision: Decision }>).detail;
      if (detail.id === id && !refusal) void latest.current(detail.decision);
    };
    window.addEventListener(REVIEW_DECIDE_EVENT, onKey);
    return () => window.removeEventListener(REVIEW_DECIDE_EVENT, onKey);
  }, [id, refusal]);
  return (
    <section aria-label="Review" className="flex flex-col gap-2 border-t border-stone-200 pt-3">
      <p className="flex items-center gap-2">
        <span className="font-medium">Review:</span>
        <span
          data-testid="tag-status"
          className={`rounded px-1.5 text-xs ${status === "accepted" ? "bg-emerald-100 text-emerald-900" : status === "rejected" ? "bg-red-100 text-red-900" : "bg-stone-100 text-stone-700"}`}
        >
          {status === "accepted" ? "✓ accepted" : status === "rejected" ? "✗ rejected" : "pending"}
        </span>
      </p>
      {tag.review && (
        <p className="text-xs text-stone-700" data-testid="tag-decision">
          {tag.review.decision === "accept" ? "Accepted" : "Rejected"} by {tag.review.reviewerName}, {when(tag.review.at)}
          {tag.review.comment && (
            <>
              : <q className="whitespace-pre-wrap">{tag.review.comment}</q>
            </>
          )}
        </p>
      )}
      {refusal && <p className="text-xs text-stone-500">{refusal}</p>}
      {!refusal && (
        <>
          <label className="flex flex-col gap-1">
            <span className="text-xs text-stone-600">Accept as</span>
            <select
              id="review-label"
              className="min-h-9 rounded border border-stone-300 bg-white px-2"
              value={label}
              onChange={(event) => setChosen(event.target.value as Label)}
            >
              {LABELS.map((option) => (
                <option key={option} value={option}>
                  {LABEL_STYLES[option].name}
                </option>
              ))}
            </select>
          </label>
          <label className="flex items-center gap-2 text-xs">
            <input type="checkbox" checked={useSelection} onChange={(event) => setUseSelection(event.target.checked)} />
            Correct the words to my selection in the text
          </label>
          <label className="flex flex-col gap-1">
            <span className="text-xs text-stone-600">Reason (optional; starts the discussion)</span>
            <textarea
              id="review-comment"
              className="rounded border border-stone-300 px-2 py-1"
              rows={2}
              maxLength={10_000}
              value={comment}
              onChange={(event) => setComment(event.target.value)}
            />
          </label>
          <div className="flex gap-2">
            <button
              type="button"
              disabled={busy}
              onClick={() => void decide("accept")}
              className="min-h-9 rounded-md bg-emerald-700 px-3 font-medium text-white hover:bg-emerald-800 disabled:bg-stone-400"
            >
              Accept <kbd className="ml-1 text-xs opacity-80">a</kbd>
            </button>
            <button
              type="button"
              disabled={busy}
              onClick={() => void decide("reject")}
              className="min-h-9 rounded-md border border-red-300 bg-white px-3 text-red-800 hover:bg-red-50 disabled:text-stone-400"
            >
              Reject <kbd className="ml-1 text-xs opacity-80">r</kbd>
            </button>
          </div>
        </>
      )}
      {message && (
        <p role="alert" className="text-xs text-red-800">
          {message}
        </p>
      )}
    </section>
  );
}
