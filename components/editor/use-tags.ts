"use client";

import { useEffect, useState } from "react";
import type * as Y from "yjs";
import type { TagRecord } from "@/lib/tags/record";
import { readTags, tagsMap } from "@/lib/tags/documents";

/** The tags document as a Map that re-renders on every change (the server writes it; clients only read). */
export function useTags(doc: Y.Doc | null): Map<string, TagRecord> {
  const [tags, setTags] = useState<Map<string, TagRecord>>(new Map());
  useEffect(() => {
    if (!doc) return;
    const map = tagsMap(doc);
    const update = () => setTags(readTags(doc));
    update();
    map.observeDeep(update);
    return () => map.unobserveDeep(update);
  }, [doc]);
  return tags;
}
