/**
 * The editor's compare mode: where two annotators disagree on the open article, from its live tags. The
 * same measure the Agreement page counts (disagreements.ts), over the same tags: every placed tag of the
 * two, whatever its review status (agreement is about what annotators did, not what was kept), of the
 * labels chosen. Pure: it reads the tags document's records and where each tag lies.
 */
import type { Label } from "@/lib/vocabulary";
import { annotatorsOf, type TagRecord } from "@/lib/tags/record";
import type { Span } from "@/lib/tags/projection";
import { findDisagreements, type Disagreement } from "./disagreements";

export type Comparison = { disagreements: Disagreement[]; agreed: number };

export function compareLayers(
  tags: Map<string, TagRecord>,
  spans: Map<string, Span>,
  pair: { a: string; b: string },
  labels: ReadonlySet<Label>,
): Comparison {
  const placed = [...tags]
    .filter(([id, tag]) => spans.has(id) && labels.has(tag.label))
    .map(([id, tag]) => ({
      id,
      label: tag.label,
      start: spans.get(id)!.start,
      end: spans.get(id)!.end,
      annotators: annotatorsOf(tag).map((person) => person.id),
    }));
  const disagreements = findDisagreements({ id: "live", text: "", annotators: [pair.a, pair.b], tags: placed }, pair.a, pair.b, [
    ...labels,
  ]);
  // Agreements: a gold tag both made, or an identical tag each made (matched one to one).
  let agreed = 0;
  const onlyA = new Map<string, number>();
  const onlyB = new Map<string, number>();
  for (const tag of placed) {
    const key = `${tag.label}:${tag.start}:${tag.end}`;
    const byA = tag.annotators.includes(pair.a);
    const byB = tag.annotators.includes(pair.b);
    if (byA && byB) agreed++;
    else if (byA) onlyA.set(key, (onlyA.get(key) ?? 0) + 1);
    else if (byB) onlyB.set(key, (onlyB.get(key) ?? 0) + 1);
  }
  for (const [key, count] of onlyA) agreed += Math.min(count, onlyB.get(key) ?? 0);
  return { disagreements, agreed };
}
