import Link from "next/link";
import type { AgreementReport } from "@/lib/review/agreement-report";
import { agreementHref, formatFigure, METRIC_NAMES, type AgreementParams } from "./agreement-params";

type Pair = AgreementReport["pairs"][number];

/**
 * A cell's tint: stronger with the value (blue for agreement, red below zero, where kappa and alpha mean
 * worse than chance). Capped so that dark text stays readable (contrast above 4.5:1); the number is
 * always printed, so the tint is never the only cue.
 */
export function figureTint(value: number | null): string | undefined {
  if (value === null) return undefined;
  const strength = Math.min(1, Math.abs(value));
  return value >= 0
    ? `rgba(15, 92, 140, ${(0.06 + 0.6 * strength).toFixed(3)})`
    : `rgba(185, 28, 28, ${(0.08 + 0.45 * strength).toFixed(3)})`;
}

/** Annotators as rows and columns; each cell the pair's figure, linking to their disagreements. */
export function AgreementMatrix({
  slug,
  params,
  pairs,
  people,
  names,
}: {
  slug: string;
  params: AgreementParams;
  pairs: Pair[];
  people: string[];
  names: Map<string, string>;
}) {
  const byPair = new Map(
    pairs.flatMap((pair) => [[`${pair.a.id} ${pair.b.id}`, pair] as const, [`${pair.b.id} ${pair.a.id}`, pair] as const]),
  );
  const metricName = METRIC_NAMES[params.metric];
  return (
    <div className="w-fit max-w-full overflow-x-auto rounded-lg border border-stone-200 bg-white">
      <table className="text-sm">
        <caption className="sr-only">
          {metricName} between each pair of annotators; each figure links to the pair&apos;s disagreements
        </caption>
        <thead>
          <tr>
            <td className="p-2" />
            {people.map((id) => (
              <th key={id} scope="col" className="max-w-32 p-2 text-left align-bottom text-xs font-medium text-stone-700">
                {names.get(id)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {people.map((row) => (
            <tr key={row}>
              <th scope="row" className="max-w-40 p-2 text-left text-xs font-medium text-stone-700">
                {names.get(row)}
              </th>
              {people.map((column) => {
                if (row === column)
                  return <td key={column} className="min-w-20 border border-stone-100 bg-stone-100" aria-label="same annotator" />;
                const pair = byPair.get(`${row} ${column}`);
                if (!pair) {
                  return (
                    <td key={column} className="min-w-20 border border-stone-100 p-2 text-center text-stone-400">
                      <span aria-hidden="true">—</span>
                      <span className="sr-only">no article in common</span>
                    </td>
                  );
                }
                const value = pair[params.metric];
                const open = params.pair?.a === row && params.pair.b === column && !params.pair.label;
                return (
                  <td key={column} className="min-w-20 border border-stone-100 p-0 text-center" style={{ background: figureTint(value) }}>
                    <Link
                      href={agreementHref(slug, params, { pair: { a: row, b: column } })}
                      aria-current={open ? "true" : undefined}
                      className={`block p-2 font-medium tabular-nums hover:underline ${open ? "outline-2 -outline-offset-2 outline-ink" : ""}`}
                      title={`${pair.articles} articles, ${pair.tokens.toLocaleString("en")} tokens`}
                    >
                      {formatFigure(value)}
                      <span className="sr-only">
                        : disagreements of {names.get(row)} and {names.get(column)}
                      </span>
                    </Link>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
