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

/**
 * The classes a tag's words carry for its look: its label, its review status, and whether it is pending
 * (being recorded) or hidden by the panel's filters. Set on each tag's element (the editor's mark view, the
 * server-rendered preview) so that one constant stylesheet styles every tag: a new tag costs the classes of
 * its own element, not a stylesheet of every tag restyled over the whole article.
 */
export const TAG_LOOK = {
  label: (label: Label) => `margin-tag--${label}`,
  accepted: "margin-tag--accepted",
  rejected: "margin-tag--rejected",
  pending: "margin-tag--pending",
  hidden: "margin-tag--hidden",
} as const;

/** The stylesheet of every tag's look (see TAG_LOOK); later rules win over earlier ones of equal weight. */
export function tagLookCss(): string {
  const rules = LABELS.map((label) => {
    const style = LABEL_STYLES[label];
    return `.margin-tag.${TAG_LOOK.label(label)}{background-color:${style.tint};text-decoration-line:underline;text-decoration-style:${style.style};text-decoration-color:${style.line};text-decoration-thickness:2px;text-underline-offset:${style.offset}px;text-decoration-skip-ink:none}`;
  });
  rules.push(`.margin-tag.${TAG_LOOK.accepted}{text-decoration-thickness:4px}`);
  rules.push(`.margin-tag.${TAG_LOOK.rejected}{text-decoration-line:line-through;background-color:rgba(120,113,108,0.12)}`);
  rules.push(`.margin-tag.${TAG_LOOK.pending}{background-color:rgba(120,113,108,0.18);text-decoration:underline dashed #78716c}`);
  rules.push(`.margin-tag.${TAG_LOOK.hidden}.${TAG_LOOK.hidden}{background-color:transparent;text-decoration:none}`);
  for (const label of LABELS) rules.push(`.margin-tag-label[data-kind="${label}"]{color:${LABEL_STYLES[label].line}}`);
  return rules.join("\n");
}
