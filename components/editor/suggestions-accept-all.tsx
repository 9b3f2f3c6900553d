"use client";

import { useState } from "react";
import { LABEL_STYLES } from "@/lib/tags/label-styles";
import type { SuggestionView } from "@/lib/api-client/suggestions";
import { type Label, LABELS } from "@/lib/vocabulary";

type Props = {
  suggestions: readonly SuggestionView[];
  onAcceptAll: (label: Label, minScore: number) => void;
};

/** Scores are 0 to 1; a step of 0.05 is as fine as anyone chooses by eye. */
const STEP = 0.05;

/**
 * "Accept all <label> scoring at least <score>": the bulk path for what a suggester is good at (figures with
 * their units, say), saying how many it will accept before it does.
 */
export function SuggestionsAcceptAll({ suggestions, onAcceptAll }: Props) {
  const [label, setLabel] = useState<Label>("figure");
  const [minScore, setMinScore] = useState(0.8);
  const count = suggestions.filter((item) => item.label === label && item.score >= minScore).length;
  return (
    <form
      aria-label="Accept all suggestions of a label"
      className="flex flex-wrap items-center gap-2 text-xs"
      onSubmit={(event) => {
        event.preventDefault();
        if (count) onAcceptAll(label, minScore);
      }}
    >
      <label className="flex items-center gap-1">
        Accept all
        <select
          aria-label="Label to accept"
          value={label}
          onChange={(event) => setLabel(event.target.value as Label)}
          className="rounded border border-stone-300 px-1 py-0.5"
        >
          {LABELS.map((option) => (
            <option key={option} value={option}>
              {LABEL_STYLES[option].name}
            </option>
          ))}
        </select>
      </label>
      <label className="flex items-center gap-1">
        scoring at least
        <input
          type="number"
          aria-label="Lowest score"
          min={0}
          max={1}
          step={STEP}
          value={minScore}
          onChange={(event) => setMinScore(Math.min(1, Math.max(0, Number(event.target.value) || 0)))}
          className="w-16 rounded border border-stone-300 px-1 py-0.5"
        />
      </label>
      <button
        type="submit"
        disabled={!count}
        className="rounded border border-stone-300 px-2 py-0.5 hover:bg-stone-100 disabled:text-stone-400"
      >
        Accept {count}
      </button>
    </form>
  );
}
