import Link from "next/link";
import type { Label } from "@/lib/vocabulary";
import type { AgreementReport } from "@/lib/review/agreement-report";
import { agreementHref, formatFigure, labelName, METRIC_NAMES, perLabelMetric, type AgreementParams } from "./agreement-params";

type Pair = AgreementReport["pairs"][number];

/**
 * For each pair, one horizontal bar per label of its per-label figure, drawn with plain divs: the width
 * follows the value (red below zero), the value is printed beside it, and each bar opens the
 * disagreements of that label.
 */
export function LabelChart({
  slug,
  params,
  pairs,
  labels,
  names,
}: {
  slug: string;
  params: AgreementParams;
  pairs: Pair[];
  labels: Label[];
  names: Map<string, string>;
}) {
  const metric = perLabelMetric(params.metric);
  const metricName = METRIC_NAMES[metric];
  return (
    <div className="flex flex-col gap-4">
      {params.metric === "alpha" && (
        <p className="text-sm text-stone-600">Alpha is computed over all labels together; per label, the chart shows kappa.</p>
      )}
      <ul className="grid gap-4 sm:grid-cols-2" aria-label={`${metricName} per label, by pair`}>
        {pairs.map((pair) => {
          const [a, b] = [names.get(pair.a.id), names.get(pair.b.id)];
          return (
            <li key={`${pair.a.id} ${pair.b.id}`} className="rounded-lg border border-stone-200 bg-white p-4">
              <h3 className="mb-3 text-sm font-medium">
                {a} and {b}
              </h3>
              <ul className="flex flex-col gap-1.5">
                {labels.map((label) => {
                  const value = pair.perLabel[label]?.[metric] ?? null;
                  const width = value === null ? 0 : Math.min(1, Math.abs(value)) * 100;
                  const open = params.pair?.label === label && params.pair.a === pair.a.id && params.pair.b === pair.b.id;
                  return (
                    <li key={label}>
                      <Link
                        href={agreementHref(slug, params, { pair: { a: pair.a.id, b: pair.b.id, label } })}
                        aria-current={open ? "true" : undefined}
                        className={`grid grid-cols-[4.5rem_1fr_2.75rem] items-center gap-2 rounded px-1 text-xs hover:bg-stone-50 ${open ? "bg-sky-50 ring-1 ring-accent" : ""}`}
                      >
                        {/* Named by what it shows, then what it opens (WCAG's label in name): no aria-label. */}
                        <span>{labelName(label)}</span>{" "}
                        <span className="h-3 rounded-sm bg-stone-100" aria-hidden="true">
                          <span
                            className={`block h-3 rounded-sm ${value !== null && value < 0 ? "bg-red-700" : "bg-accent"}`}
                            style={{ width: `${width}%` }}
                          />
                        </span>{" "}
                        <span className="text-right tabular-nums">{formatFigure(value)}</span>
                        <span className="sr-only">
                          {" "}
                          ({metricName}): disagreements of {a} and {b} on {labelName(label)} tags
                        </span>
                      </Link>
                    </li>
                  );
                })}
              </ul>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
