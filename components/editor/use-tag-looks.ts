"use client";

import { useEffect, useMemo } from "react";
import type * as Y from "yjs";
import { TagLooks } from "@/lib/editor/tag-looks";
import { readTag, tagsMap } from "@/lib/tags/documents";
import { tagLookClasses } from "@/lib/tags/label-styles";
import { statusOf, type TagRecord } from "@/lib/tags/record";
import type { Label } from "@/lib/vocabulary";

export type TagLookFeed = {
  /** The registry the editor's tags and their names register with (lib/editor/tag-looks.ts). */
  looks: TagLooks;
  /** The label a tag shows: its record's, or the one it is being tagged with; undefined for none. */
  labelOf: (id: string) => Label | undefined;
  /** A tag about to be marked with `label`: it shows its label, pending, from its first frame. */
  pend: (id: string, label: Label) => void;
  /** The server has answered for a tag (recorded or refused): it no longer shows as pending. */
  settle: (id: string) => void;
  /** The filters' verdict: the tags it refuses are hidden. */
  show: (visible: (tag: TagRecord) => boolean) => void;
};

/**
 * Each tag's look in the text, kept up to date from what decides it, each at its own pace: a tag's record
 * in the tags document (only the changed records are read again), the label of a tag being recorded (known
 * here before the server answers), and the filters (every tag again, only when they change). A tag without
 * a record, such as a colleague's mark that a blind annotator's view of the tags leaves out, shows unstyled.
 */
export function useTagLooks(doc: Y.Doc): TagLookFeed {
  const feed = useMemo(() => createTagLookFeed(doc), [doc]);
  // Declared before the editor, so that this runs before it is built: its tags find their looks there.
  useEffect(() => feed.looks.follow(tagsMap(doc)), [feed, doc]);
  return feed;
}

function createTagLookFeed(doc: Y.Doc): TagLookFeed {
  const pending = new Map<string, Label>();
  let visible: (tag: TagRecord) => boolean = () => true;
  const looks = new TagLooks((id) => {
    const record = readTag(doc, id);
    const label = record?.label ?? pending.get(id);
    if (!label) return [];
    return tagLookClasses({
      label,
      status: record ? statusOf(record) : "pending",
      pending: pending.has(id),
      hidden: record ? !visible(record) : false,
    });
  });
  return {
    looks,
    labelOf: (id) => readTag(doc, id)?.label ?? pending.get(id),
    pend: (id, label) => {
      pending.set(id, label);
      looks.refresh([id]);
    },
    settle: (id) => {
      if (pending.delete(id)) looks.refresh([id]);
    },
    show: (next) => {
      if (next === visible) return;
      visible = next;
      looks.refreshAll();
    },
  };
}
