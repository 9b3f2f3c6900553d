"use client";

import { memo } from "react";
import { CURRENT_SUGGESTION_CLASS, SUGGESTION_CLASS } from "@/lib/editor/suggestions";
import { LABEL_STYLES } from "@/lib/tags/label-styles";
import { LABELS } from "@/lib/vocabulary";

/**
 * How suggestions look, unlike tags: a dashed outline in the label's colour and no fill (tags are filled and
 * underlined), so that a suggestion over a tag still shows and is never taken for anyone's tag. A border
 * rather than an outline, cloned on each line, so that a suggestion wrapping over two lines is closed on
 * both. One constant stylesheet for any number of suggestions.
 */
const CSS = [
  `.margin-editor .${SUGGESTION_CLASS}{border:1.5px dashed;border-radius:3px;background:none;box-decoration-break:clone;-webkit-box-decoration-break:clone;cursor:help}`,
  ...LABELS.map((label) => `.margin-editor .${SUGGESTION_CLASS}--${label}{border-color:${LABEL_STYLES[label].line}}`),
  `.margin-editor .${CURRENT_SUGGESTION_CLASS}{border-width:2.5px;box-shadow:0 0 0 2px rgba(15,92,140,0.35)}`,
].join("\n");

export const SuggestionsStyles = memo(function SuggestionsStyles() {
  return <style>{CSS}</style>;
});
