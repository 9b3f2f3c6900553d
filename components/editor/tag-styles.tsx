"use client";

import { memo } from "react";
import { tagLookCss } from "@/lib/tags/label-styles";
import { tagClass } from "@/lib/editor/annotation-mark";

/** Every tag's look, by the classes its elements carry (use-tag-looks.ts): the same for any number of tags. */
const LOOKS = tagLookCss();

const selector = (ids: string[]) => ids.map((id) => `.margin-editor .${CSS.escape(tagClass(id))}`).join(",");

type Props = {
  selected: string[];
  disagreeing?: string[];
};

/**
 * The tags' looks as a stylesheet that never changes, plus rules for the few tags picked out one by one: the
 * selected ones are outlined and, in compare mode, disagreeing ones get a dashed red outline. A tag's own
 * look (label, status, pending, hidden by the filters) is on its elements, so a new or changed tag never
 * makes the browser parse a stylesheet of every tag and match it against the whole article again.
 */
export const TagStyles = memo(function TagStyles({ selected, disagreeing = NONE }: Props) {
  const rules: string[] = [];
  if (disagreeing.length) rules.push(`${selector(disagreeing)}{outline:2px dashed #b91c1c;outline-offset:1px}`);
  if (selected.length) rules.push(`${selector(selected)}{outline:2px solid #0f5c8c;outline-offset:1px;border-radius:2px}`);
  return (
    <>
      <style>{LOOKS}</style>
      <style>{rules.join("\n")}</style>
    </>
  );
});

const NONE: string[] = [];
