/**
 * How each label looks and is reached: its key, colour and underline. Colour is never the only cue: each
 * label has its own underline style, and the tag's details name it. Backgrounds are light tints under
 * dark text (contrast well above WCAG AA's 4.5:1); overlapping tags stack their tints and underlines.
 */
import { type Label, LABELS } from "@/lib/vocabulary";

export const LABEL_STYLES = {
  actor: {
    name: "Actor",
    key: "1",
    tint: "rgba(37, 99, 235, 0.16)",
    line: "#1d4ed8",
    style: "solid",
    offset: 3,
    description: "who acts or speaks",
  },
  claim: {
    name: "Claim",
    key: "2",
    tint: "rgba(217, 119, 6, 0.18)",
    line: "#b45309",
    style: "dashed",
    offset: 6,
    description: "what someone asserts",
  },
  figure: {
    name: "Figure",
    key: "3",
    tint: "rgba(5, 150, 105, 0.16)",
    line: "#047857",
    style: "dotted",
    offset: 9,
    description: "a number and what it counts",
  },
  quote: {
    name: "Quote",
    key: "4",
    tint: "rgba(147, 51, 234, 0.14)",
    line: "#7e22ce",
    style: "double",
    offset: 12,
    description: "words attributed to a speaker",
  },
} as const satisfies Record<
  Label,
  { name: string; key: string; tint: string; line: string; style: string; offset: number; description: string }
>;

/** The key that tags each label in the editor: "1" → "actor", …. */
export const LABEL_KEYS: Readonly<Record<string, Label>> = Object.fromEntries(LABELS.map((label) => [LABEL_STYLES[label].key, label]));
