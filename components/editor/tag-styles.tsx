"use client";

import { memo } from "react";
import { LABEL_STYLES } from "@/lib/tags/label-styles";
import { LABELS } from "@/lib/vocabulary";
import { statusOf, type TagRecord } from "@/lib/tags/record";
import { tagClass } from "@/lib/editor/annotation-mark";
import { labelClass } from "@/lib/editor/tag-labels";

const selector = (ids: string[]) => ids.map((id) => `.margin-editor .${CSS.escape(tagClass(id))}`).join(",");
const labelSelector = (ids: string[]) => ids.map((id) => `.margin-editor .${CSS.escape(labelClass(id))}`).join(",");

type Props = {
  tags: Map<string, TagRecord>;
  visible: (tag: TagRecord) => boolean;
  selected: string[];
  pending: string[];
  disagreeing?: string[];
};

/**
 * The tags' looks as one stylesheet: a rule per label listing its tags (marks carry only an id, the label
 * lives in the tags document), rather than per-tag work in the editor on every keystroke. Hidden labels,
 * layers and statuses (the panel's filters) get no style and their names at the tags' starts are hidden; a
 * tag being created shows as pending. Review
 * status is not colour-only either: accepted tags have a thicker underline, rejected ones (when shown) are
 * struck through; in compare mode, disagreeing tags get a dashed red outline.
 */
export const TagStyles = memo(function TagStyles({ tags, visible, selected, pending, disagreeing = NONE }: Props) {
  const rules: string[] = [];
  const accepted: string[] = [];
  const rejected: string[] = [];
  for (const label of LABELS) {
    const ids = [...tags].filter(([, tag]) => tag.label === label && visible(tag)).map(([id]) => id);
    if (!ids.length) continue;
    const style = LABEL_STYLES[label];
    rules.push(
      `${selector(ids)}{background-color:${style.tint};text-decoration-line:underline;text-decoration-style:${style.style};text-decoration-color:${style.line};text-decoration-thickness:2px;text-underline-offset:${style.offset}px;text-decoration-skip-ink:none}`,
    );
    for (const id of ids) {
      const status = statusOf(tags.get(id)!);
      if (status === "accepted") accepted.push(id);
      else if (status === "rejected") rejected.push(id);
    }
  }
  // The labels' names where tags start (lib/editor/tag-labels.ts): a rule per label, and the hidden tags'
  // names hidden with them (rules per tag only while filters hide some).
  for (const label of LABELS) rules.push(`.margin-editor .margin-tag-label[data-kind="${label}"]{color:${LABEL_STYLES[label].line}}`);
  const hidden = [...tags].filter(([, tag]) => !visible(tag)).map(([id]) => id);
  if (hidden.length) rules.push(`${labelSelector(hidden)}{display:none}`);
  if (accepted.length) rules.push(`${selector(accepted)}{text-decoration-thickness:4px}`);
  if (rejected.length) rules.push(`${selector(rejected)}{text-decoration-line:line-through;background-color:rgba(120,113,108,0.12)}`);
  if (pending.length) rules.push(`${selector(pending)}{background-color:rgba(120,113,108,0.18);text-decoration:underline dashed #78716c}`);
  if (disagreeing.length) rules.push(`${selector(disagreeing)}{outline:2px dashed #b91c1c;outline-offset:1px}`);
  if (selected.length) rules.push(`${selector(selected)}{outline:2px solid #0f5c8c;outline-offset:1px;border-radius:2px}`);
  return <style>{rules.join("\n")}</style>;
  // Memoized: building 5,000 selectors took a tenth of opening a large article, and the editor re-renders
  // whenever tags' places change (typing), which changes no rule here.
});

const NONE: string[] = [];
