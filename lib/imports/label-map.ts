/**
 * The label map: from another tool's labels ("PER", "Person", "ORG") to Margin's four, or to `skip`.
 * Written `PER=actor,ORG=actor,QUOTE=quote,X=skip` on the command line and in the API's query; the UI
 * builds the same string from its form. Labels match case-insensitively, and Margin's own label names map
 * to themselves unless the map says otherwise. A label the map leaves out is unmapped: the import refuses
 * the whole file with the list (nothing written), or, when asked to skip unmapped labels, reports each tag
 * it leaves out. Never a silent drop.
 */
import { LABELS, type Label } from "@/lib/vocabulary";
import type { ForeignDocument } from "./foreign-document";

export const LABEL_TARGETS = [...LABELS, "skip"] as const;
export type LabelTarget = Label | "skip";

export type LabelMap = ReadonlyMap<string, LabelTarget>;

const key = (label: string) => label.trim().toLowerCase();

/** Parses `PER=actor,ORG=actor,X=skip`; an empty string is the empty map. */
export function parseLabelMap(value: string): { ok: true; map: LabelMap } | { ok: false; message: string } {
  const map = new Map<string, LabelTarget>();
  for (const pair of value.split(",")) {
    if (!pair.trim()) continue;
    const at = pair.lastIndexOf("=");
    const [from, to] = at < 0 ? [pair, ""] : [pair.slice(0, at), pair.slice(at + 1)];
    if (!from.trim()) return { ok: false, message: `"${pair.trim()}" names no label before "="` };
    const target = key(to) as LabelTarget;
    if (!(LABEL_TARGETS as readonly string[]).includes(target))
      return { ok: false, message: `"${pair.trim()}": map each label to one of ${LABEL_TARGETS.join(", ")}, as in PER=actor` };
    const previous = map.get(key(from));
    if (previous && previous !== target)
      return { ok: false, message: `label "${from.trim()}" is mapped twice (to ${previous} and ${target})` };
    map.set(key(from), target);
  }
  return { ok: true, map };
}

/** Where `label` goes: the map's word for it, else Margin's own label of that name, else undefined (unmapped). */
export function targetOf(map: LabelMap, label: string): LabelTarget | undefined {
  const mapped = map.get(key(label));
  if (mapped) return mapped;
  return (LABELS as readonly string[]).includes(key(label)) ? (key(label) as Label) : undefined;
}

/** A label of the files and how many spans carry it; labels differing in case only count as one. */
export type LabelCount = { label: string; count: number; target?: LabelTarget };

/** The labels of these documents' spans (predictions only when they will be imported), most used first. */
export function countLabels(documents: Iterable<ForeignDocument>, map: LabelMap, options: { predictions: boolean }): LabelCount[] {
  const counts = new Map<string, LabelCount>();
  for (const document of documents)
    for (const span of document.spans) {
      if (span.prediction && !options.predictions) continue;
      const entry = counts.get(key(span.label));
      if (entry) entry.count++;
      else counts.set(key(span.label), { label: span.label, count: 1, target: targetOf(map, span.label) });
    }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

/** "PER (12), ORG (3)": the unmapped labels as a refusal lists them. */
export function describeLabels(labels: LabelCount[]): string {
  return labels.map((entry) => `${entry.label} (${entry.count})`).join(", ");
}
