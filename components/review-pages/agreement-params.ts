/**
 * The agreement page's URL: filters (article, labels), the figure shown (metric) and the open list of
 * disagreements (a, b, label). Parsed leniently: a hand-edited or stale link shows the unfiltered figures
 * with a note saying what was ignored, never an error page.
 */
import { type Label, LABELS } from "@/lib/vocabulary";
import { LABEL_STYLES } from "@/lib/tags/label-styles";
import { agreementQuerySchema, disagreementQuerySchema } from "@/lib/review/agreement-query";

export const METRICS = ["kappa", "alpha", "f1Exact", "f1Overlap"] as const;
export type Metric = (typeof METRICS)[number];
export const METRIC_NAMES: Record<Metric, string> = { kappa: "Kappa", alpha: "Alpha", f1Exact: "F1 exact", f1Overlap: "F1 overlap" };
/** Alpha is computed over all labels at once only: per label, the page shows kappa instead. */
export const perLabelMetric = (metric: Metric) => (metric === "alpha" ? "kappa" : metric);

export type AgreementParams = {
  article?: string;
  labels?: Label[];
  metric: Metric;
  /** The pair whose disagreements are listed; `a` is the row of the matrix cell clicked. */
  pair?: { a: string; b: string; label?: Label };
  /** What was ignored, in words, for the note. */
  problems: string[];
};

type Raw = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;

export function parseAgreementParams(raw: Raw): AgreementParams {
  const problems: string[] = [];
  // Label checkboxes arrive as repeated parameters, links carry one comma-separated list: both are accepted.
  const labels = Array.isArray(raw.labels) ? raw.labels.join(",") : raw.labels;
  const filters = agreementQuerySchema.safeParse({ article: first(raw.article), labels: labels || undefined });
  if (!filters.success) problems.push(filters.error.issues[0]!.message);
  const { article, labels: labelList } = filters.success ? filters.data : {};

  const metricParam = first(raw.metric);
  const metric = METRICS.find((name) => name === metricParam) ?? "kappa";
  if (metricParam && metric !== metricParam) problems.push(`metric must be one of ${METRICS.join(", ")}`);

  let pair: AgreementParams["pair"];
  if (raw.a !== undefined || raw.b !== undefined) {
    const parsed = disagreementQuerySchema.pick({ a: true, b: true }).safeParse({ a: first(raw.a), b: first(raw.b) });
    if (parsed.success && parsed.data.a !== parsed.data.b) {
      const labelParam = first(raw.label);
      const label = LABELS.find((name) => name === labelParam);
      if (labelParam && !label) problems.push(`label must be one of ${LABELS.join(", ")}`);
      pair = { a: parsed.data.a, b: parsed.data.b, label };
    } else {
      problems.push(parsed.success ? "a and b must be two different annotators" : parsed.error.issues[0]!.message);
    }
  }
  return { article, labels: labelList, metric, pair, problems };
}

/** The page's URL with some parts changed (`pair: undefined` closes the disagreements). */
export function agreementHref(
  slug: string,
  params: AgreementParams,
  changes: Partial<Pick<AgreementParams, "metric" | "pair">> = {},
): string {
  const next = { ...params, ...changes };
  const query = new URLSearchParams();
  if (next.article) query.set("article", next.article);
  if (next.labels) query.set("labels", next.labels.join(","));
  if (next.metric !== "kappa") query.set("metric", next.metric);
  if (next.pair) {
    query.set("a", next.pair.a);
    query.set("b", next.pair.b);
    if (next.pair.label) query.set("label", next.pair.label);
  }
  const search = query.size ? `?${query}` : "";
  return `/projects/${slug}/agreement${search}${next.pair ? "#disagreements" : ""}`;
}

/** Two decimals, or "n/a" where a figure cannot be computed (e.g. neither annotator used the label). */
export function formatFigure(value: number | null | undefined): string {
  return value === null || value === undefined ? "n/a" : value.toFixed(2);
}

export const labelName = (label: Label) => LABEL_STYLES[label].name;

type Person = { id: string; name: string | null; email: string };

/** How to name each annotator: their name, with the email when two share a name (tests, common names). */
export function personNames(people: Person[]): Map<string, string> {
  const counts = new Map<string, number>();
  for (const person of people) if (person.name) counts.set(person.name, (counts.get(person.name) ?? 0) + 1);
  return new Map(
    people.map((person) => [
      person.id,
      !person.name ? person.email || person.id : counts.get(person.name)! > 1 ? `${person.name} (${person.email})` : person.name,
    ]),
  );
}
