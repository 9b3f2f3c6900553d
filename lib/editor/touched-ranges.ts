/**
 * The ranges of a document that this editor's own transactions touched (text replaced or marks changed),
 * in the final document's positions. Remote changes (applied by y-tiptap) are left out: plugins that tidy
 * after local edits must not rewrite what colleagues sent.
 */
import type { Transaction } from "@tiptap/pm/state";
import { AddMarkStep, RemoveMarkStep } from "@tiptap/pm/transform";
import { ySyncPluginKey } from "@tiptap/y-tiptap";

export type Range = { from: number; to: number };

export function touchedRanges(transactions: readonly Transaction[], size: number): Range[] {
  const ranges: Range[] = [];
  transactions.forEach((tr, index) => {
    if (!tr.docChanged || tr.getMeta(ySyncPluginKey)) return;
    const later = transactions.slice(index + 1);
    const toFinal = (pos: number, bias: -1 | 1, step: number) =>
      later.reduce((at, next) => next.mapping.map(at, bias), tr.mapping.slice(step + 1).map(pos, bias));
    tr.steps.forEach((step, at) => {
      const local: Range[] = [];
      // Mark steps move nothing, so their map is empty: their own range is what they touched.
      if (step instanceof AddMarkStep || step instanceof RemoveMarkStep) local.push({ from: step.from, to: step.to });
      else tr.mapping.maps[at]!.forEach((_oldStart, _oldEnd, newStart, newEnd) => local.push({ from: newStart, to: newEnd }));
      for (const range of local)
        ranges.push({ from: Math.max(0, toFinal(range.from, -1, at)), to: Math.min(size, toFinal(range.to, 1, at)) });
    });
  });
  return ranges;
}
