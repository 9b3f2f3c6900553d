"use client";

import { LABEL_ORDER, LABEL_STYLES } from "@/lib/annotations/labels";
import type { TagRecord } from "@/lib/collab/model";
import { tagClass } from "@/lib/editor/annotation-mark";

const selector = (ids: string[]) => ids.map((id) => `.margin-editor .${CSS.escape(tagClass(id))}`).join(",");

/**
 * The tags' looks as one stylesheet: a rule per label listing its tags (marks carry only an id, the label
 * lives in the tags document), rather than per-tag work in the editor on every keystroke. Hidden labels
 * and authors (the panel's filters) get no style; a tag being created shows as pending.
 */
export function TagStyles({ tags, visible, selected, pending }: { tags: Map<string, TagRecord>; visible: (tag: TagRecord) => boolean; selected: string[]; pending: string[] }) {
  const rules: string[] = [];
  for (const label of LABEL_ORDER) {
    const ids = [...tags].filter(([, tag]) => tag.label === label && visible(tag)).map(([id]) => id);
    if (!ids.length) continue;
    const style = LABEL_STYLES[label];
    rules.push(
      `${selector(ids)}{background-color:${style.tint};text-decoration-line:underline;text-decoration-style:${style.style};text-decoration-color:${style.line};text-decoration-thickness:2px;text-underline-offset:${style.offset}px;text-decoration-skip-ink:none}`,
    );
  }
  if (pending.length) rules.push(`${selector(pending)}{background-color:rgba(120,113,108,0.18);text-decoration:underline dashed #78716c}`);
  if (selected.length) rules.push(`${selector(selected)}{outline:2px solid #0f5c8c;outline-offset:1px;border-radius:2px}`);
  return <style>{rules.join("\n")}</style>;
}
