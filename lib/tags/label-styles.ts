/**
 * How each label looks and is reached: its key, colour and underline. Colour is never the only cue: each
 * label has its own underline style, and the tag's details name it. Backgrounds are light tints under
 * dark text (contrast well above WCAG AA's 4.5:1); overlapping tags stack their tints and underlines.
 */
import { type Label, LABELS, type TagStatus } from "@/lib/vocabulary";

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

/** A tag's look as TAG_LOOK's classes: its label, its review status, and whether it is pending or hidden. */
export function tagLookClasses(look: { label: Label; status: TagStatus; pending?: boolean; hidden?: boolean }): string[] {
  const classes = [TAG_LOOK.label(look.label)];
  if (look.status === "accepted") classes.push(TAG_LOOK.accepted);
  else if (look.status === "rejected") classes.push(TAG_LOOK.rejected);
  if (look.pending) classes.push(TAG_LOOK.pending);
  if (look.hidden) classes.push(TAG_LOOK.hidden);
  return classes;
}

/**
 * The stylesheet of every tag's look (see TAG_LOOK); later rules win over earlier ones of equal weight. A
 * pending tag keeps its label's tint, so that the annotator sees at once what they tagged, under a grey
 * dashed underline until it is recorded. The label names at tags' starts (lib/editor/tag-labels.ts) carry
 * their tag's look too: a hidden tag's name is hidden with it.
 */
export function tagLookCss(): string {
  const rules = LABELS.map((label) => {
    const style = LABEL_STYLES[label];
    return `.margin-tag.${TAG_LOOK.label(label)}{background-color:${style.tint};text-decoration-line:underline;text-decoration-style:${style.style};text-decoration-color:${style.line};text-decoration-thickness:2px;text-underline-offset:${style.offset}px;text-decoration-skip-ink:none}`;
  });
  rules.push(`.margin-tag.${TAG_LOOK.accepted}{text-decoration-thickness:4px}`);
  rules.push(`.margin-tag.${TAG_LOOK.rejected}{text-decoration-line:line-through;background-color:rgba(120,113,108,0.12)}`);
  rules.push(
    `.margin-tag.${TAG_LOOK.pending}{text-decoration-line:underline;text-decoration-style:dashed;text-decoration-color:#78716c;text-decoration-thickness:2px}`,
  );
  rules.push(`.margin-tag.${TAG_LOOK.hidden}.${TAG_LOOK.hidden}{background-color:transparent;text-decoration-line:none}`);
  for (const label of LABELS) rules.push(`.margin-tag-label[data-kind="${label}"]{color:${LABEL_STYLES[label].line}}`);
  rules.push(`.margin-tag-label.${TAG_LOOK.hidden}{display:none}`);
  return rules.join("\n");
}
