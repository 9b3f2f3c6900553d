"use client";

import { startTransition, useEffect, useState } from "react";
import type * as Y from "yjs";
import { changedKeys } from "@/lib/editor/tag-looks";
import type { TagRecord } from "@/lib/tags/record";
import { readTag, readTags, tagsMap } from "@/lib/tags/documents";

/**
 * The tags document as a Map, new on every change (the server writes it; clients only read). Only the
 * changed records are read again. The change reaches React as a transition: what lists every tag (the
 * panel, the filters, the review queue) renders after the browser has painted, a slice at a time, while
 * the tag's own look in the text changes at once (use-tag-looks.ts).
 */
export function useTags(doc: Y.Doc | null): Map<string, TagRecord> {
  const [tags, setTags] = useState<Map<string, TagRecord>>(new Map());
  useEffect(() => {
    if (!doc) return;
    const map = tagsMap(doc);
    let current = new Map<string, TagRecord>();
    const show = (next: Map<string, TagRecord>) => {
      current = next;
      startTransition(() => setTags(next));
    };
    const update = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
      const next = new Map(current);
      for (const id of changedKeys(map, events)) {
        const record = readTag(doc, id);
        if (record) next.set(id, record);
        else next.delete(id);
      }
      show(next);
    };
    show(readTags(doc));
    map.observeDeep(update);
    return () => map.unobserveDeep(update);
  }, [doc]);
  return tags;
}
