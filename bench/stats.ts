/** Summaries the editor benchmarks print: nearest-rank percentiles, so that p95 of 20 samples is a real sample. */

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

export const median = (values: number[]) => percentile(values, 50);

export const summary = (values: number[], unit = "ms") =>
  values.length
    ? `p50 ${percentile(values, 50).toFixed(1)} ${unit}, p95 ${percentile(values, 95).toFixed(1)} ${unit}, max ${Math.max(...values).toFixed(1)} ${unit} (n=${values.length})`
    : "no samples";

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A comma-separated list of counts from the command line ("0,500,2000"); an empty one when absent. */
export const counts = (value: string | undefined): number[] =>
  value
    ? value
        .split(",")
        .filter(Boolean)
        .map((part) => Number(part.replaceAll("_", "")))
    : [];
