import type { Label } from "@/lib/vocabulary";
import type { SuggesterComparison } from "@/lib/review/agreement-report";
import { formatFigure, labelName, personNames } from "./agreement-params";

/**
 * "Suggesters vs annotators": one row per suggester and annotator, F1 per label and over all labels, each as
 * exact / overlap, the annotator's tags being the reference (lib/review/suggester-agreement.ts).
 */
export function SuggesterTable({ rows, labels }: { rows: SuggesterComparison; labels: Label[] }) {
  const names = personNames(rows.map((row) => row.annotator));
  const cell = "px-2 py-1 text-right tabular-nums";
  const figure = (scores: SuggesterComparison[number]["all"] | undefined) =>
    scores ? `${formatFigure(scores.exact.f1)} / ${formatFigure(scores.overlap.f1)}` : "n/a";
  return (
    <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white">
      <table className="w-full text-sm" aria-label="F1 of each suggester against each annotator">
        <thead className="bg-stone-50 text-left text-stone-600">
          <tr>
            <th className="px-2 py-1 font-medium">Suggester</th>
            <th className="px-2 py-1 font-medium">Annotator</th>
            <th className="px-2 py-1 text-right font-medium">Articles</th>
            {labels.map((label) => (
              <th key={label} className="px-2 py-1 text-right font-medium">
                {labelName(label)}
              </th>
            ))}
            <th className="px-2 py-1 text-right font-medium">All labels</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.model} ${row.annotator.id}`} className="border-t border-stone-100">
              <td className="px-2 py-1 font-mono text-xs">{row.model}</td>
              <td className="px-2 py-1">{names.get(row.annotator.id)}</td>
              <td className={cell}>{row.articles}</td>
              {labels.map((label) => (
                <td key={label} className={cell}>
                  {figure(row.labels[label])}
                </td>
              ))}
              <td className={cell}>{figure(row.all)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
