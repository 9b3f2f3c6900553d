"use client";

import { useMemo, useState } from "react";
import { LABEL_STYLES } from "@/lib/tags/label-styles";
import type { SuggestionView } from "@/lib/api-client/suggestions";
import { provenanceOf } from "@/lib/suggestions/places";
import { type Label, LABELS } from "@/lib/vocabulary";
import { SuggestionsAcceptAll } from "./suggestions-accept-all";
import type { useSuggestions } from "./use-suggestions";

type Props = ReturnType<typeof useSuggestions>;

/** Suggestions listed per label before "Show all": there may be hundreds, and the text shows them all anyway. */
const FIRST = 20;

/**
 * The side panel's suggestions: "Suggest" runs the project's suggesters on this article; the current
 * suggestion (reached with the keys or a click) with its provenance and buttons; every suggestion grouped by
 * label with counts, in reading order; and accepting all of a label above a score.
 */
export function SuggestionsPanel({ suggestions, current, running, problem, notice, run, accept, dismiss, acceptAll, focus }: Props) {
  const [expanded, setExpanded] = useState<Set<Label>>(new Set());
  const byLabel = useMemo(() => {
    const sorted = [...suggestions].sort((a, b) => a.start - b.start || a.end - b.end);
    return new Map(LABELS.map((label) => [label, sorted.filter((item) => item.label === label)]));
  }, [suggestions]);
  return (
    <section aria-label="Suggestions" className="flex flex-col gap-3 rounded-lg border border-dashed border-stone-400 p-3 text-sm">
      <div className="flex items-center gap-2">
        <h3 className="font-medium">
          Suggestions{" "}
          <span className="text-xs font-normal text-stone-600" data-testid="suggestion-count">
            {suggestions.length}
          </span>
        </h3>
        <button
          type="button"
          onClick={() => void run()}
          disabled={running}
          className="ml-auto rounded border border-stone-300 px-2 py-0.5 hover:bg-stone-100 disabled:text-stone-400"
        >
          {running ? "Suggesting…" : "Suggest"}
        </button>
      </div>
      <p className="text-xs text-stone-600">
        Dashed outlines in the text. In tagging mode: <kbd>]</kbd>/<kbd>[</kbd> next/previous · <kbd>Enter</kbd> or <kbd>a</kbd> accept ·{" "}
        <kbd>x</kbd> or <kbd>Backspace</kbd> dismiss.
      </p>
      {problem && (
        <p role="alert" className="rounded bg-red-50 px-2 py-1 text-xs text-red-800">
          {problem}
        </p>
      )}
      <p role="status" className="text-xs text-emerald-800">
        {notice}
      </p>
      <div aria-live="polite">{current && <CurrentSuggestion suggestion={current} onAccept={accept} onDismiss={dismiss} />}</div>
      {LABELS.map((label) => {
        const items = byLabel.get(label)!;
        if (!items.length) return null;
        const listed = expanded.has(label) ? items : items.slice(0, FIRST);
        return (
          <section key={label} aria-label={`${LABEL_STYLES[label].name} suggestions`}>
            <h4 className="mb-1 flex items-baseline gap-2 font-medium">
              <span className="rounded-sm border-[1.5px] border-dashed px-1" style={{ borderColor: LABEL_STYLES[label].line }}>
                {LABEL_STYLES[label].name}
              </span>
              <span className="text-xs text-stone-500" data-testid={`suggestion-count-${label}`}>
                {items.length}
              </span>
            </h4>
            <ul className="flex flex-col gap-0.5">
              {listed.map((item) => (
                <li key={item.id}>
                  <button
                    type="button"
                    onClick={() => focus(item.id)}
                    aria-current={item.id === current?.id ? "true" : undefined}
                    title={provenanceOf(item)}
                    className={`w-full truncate rounded px-2 py-1 text-left hover:bg-stone-100 ${item.id === current?.id ? "bg-sky-50" : ""}`}
                  >
                    <span className="font-serif">{item.text}</span>
                    <span className="ml-2 text-xs text-stone-500">{item.score.toFixed(2)}</span>
                  </button>
                </li>
              ))}
            </ul>
            {listed.length < items.length && (
              <button type="button" className="mt-1 px-2 text-accent underline" onClick={() => setExpanded(new Set(expanded).add(label))}>
                Show all {items.length}
              </button>
            )}
          </section>
        );
      })}
      {suggestions.length > 0 && (
        <SuggestionsAcceptAll suggestions={suggestions} onAcceptAll={(label, score) => void acceptAll(label, score)} />
      )}
    </section>
  );
}

function CurrentSuggestion({
  suggestion,
  onAccept,
  onDismiss,
}: {
  suggestion: SuggestionView;
  onAccept: (id: string) => Promise<void>;
  onDismiss: (id: string) => Promise<void>;
}) {
  return (
    <div className="flex flex-col gap-1 rounded border border-sky-200 bg-sky-50 p-2" data-testid="current-suggestion">
      <p>
        <span className="text-xs text-stone-600">{LABEL_STYLES[suggestion.label].name}</span>{" "}
        <span className="font-serif">{suggestion.text}</span>
      </p>
      <p className="text-xs text-stone-600" data-testid="suggestion-provenance">
        Suggested by {provenanceOf(suggestion)}
      </p>
      <div className="flex gap-2">
        <button type="button" className="rounded border border-stone-300 bg-white px-2 py-0.5" onClick={() => void onAccept(suggestion.id)}>
          Accept
        </button>
        <button
          type="button"
          className="rounded border border-stone-300 bg-white px-2 py-0.5"
          onClick={() => void onDismiss(suggestion.id)}
        >
          Dismiss
        </button>
      </div>
    </div>
  );
}
