/**
 * `npm run eval:suggestions`: how good each built-in suggester is against the hand-annotated gold set
 * (bench/gold/articles, annotated by bench/gold/guidelines.md). Per suggester and label: gold and suggested
 * counts, precision, recall and F1 both exact (same start and end) and overlap (greedy one-to-one matching,
 * lib/suggestions/evaluation.ts), the accuracy of quotes' speakers and claims' sources, of quotes' `direct`,
 * and of figures' value, unit and approximate on exactly matched figures.
 *
 * Every suggester is measured alone, and "builtin:all" measures suggestAll: their answers made one, as the
 * editor shows them. Options: --suggester <name> (one of them; default all), --json (machine-readable), --gold-actors (give
 * each suggester the gold actor tags as the article's existing actors, to measure links apart from actor
 * finding; suggestAll then leaves out actors already tagged, so read only the link columns).
 */
import { parseArgs } from "node:util";
import { BUILTIN_SUGGESTERS, suggestAll } from "@/lib/suggestions/builtin";
import { evaluateSuggester, type LabelReport, type SuggesterReport } from "@/lib/suggestions/evaluation";
import type { Suggester } from "@/lib/suggestions/suggester";
import { LABELS } from "@/lib/vocabulary";
import { loadGoldSet } from "./gold/load";

const { values } = parseArgs({
  options: {
    suggester: { type: "string" },
    json: { type: "boolean", default: false },
    "gold-actors": { type: "boolean", default: false },
  },
});

// What the editor shows: every built-in suggester's answer made one by suggestAll (duplicates merged, links resolved).
const combined: Suggester = {
  name: "builtin:all",
  version: BUILTIN_SUGGESTERS.map((each) => `${each.name}@${each.version}`).join(" "),
  labels: LABELS,
  suggest: (text, context) => suggestAll(text, context),
};
const everyone = [...BUILTIN_SUGGESTERS, combined];
const suggesters = everyone.filter((suggester) => !values.suggester || suggester.name === values.suggester);
if (!suggesters.length) {
  console.error(`No suggester named "${values.suggester}"; there are: ${everyone.map((each) => each.name).join(", ")}`);
  process.exit(2);
}

const articles = loadGoldSet();
// A suggester's links may name other built-in suggesters' keys (the quotes suggester names the actors one's).
const linkTargets = (text: string, context: Parameters<typeof suggestAll>[1]) => suggestAll(text, context);
const reports = suggesters.map((suggester) => evaluateSuggester(suggester, articles, { goldActors: values["gold-actors"], linkTargets }));

if (values.json) {
  console.log(
    JSON.stringify({ articles: articles.length, goldTags: articles.reduce((sum, each) => sum + each.tags.length, 0), reports }, null, 2),
  );
} else {
  console.log(
    `Gold set: ${articles.length} articles, ${articles.reduce((sum, each) => sum + each.tags.length, 0)} tags${values["gold-actors"] ? " (gold actors given)" : ""}\n`,
  );
  for (const report of reports) printReport(report);
}

function printReport(report: SuggesterReport) {
  console.log(`${report.suggester} ${report.version}`);
  const rows = report.labels.length > 1 ? [...report.labels, report.all] : report.labels;
  console.log(
    table(
      ["label", "gold", "sugg", "exact P", "R", "F1", "overlap P", "R", "F1", "link", "same actor", "direct", "value", "unit", "approx"],
      rows.map((row) => [row.label, String(row.gold), String(row.suggested), ...scores(row), ...attributes(row)]),
    ),
  );
  if (report.badOffsets) console.log(`  ${report.badOffsets} suggestions whose text is not text.slice(start, end)`);
  for (const failure of report.failures) console.log(`  failed on ${failure.article}: ${failure.message}`);
  console.log();
}

function number(value: number | null): string {
  return value === null ? "–" : value.toFixed(3);
}

function scores(row: LabelReport): string[] {
  return [row.exact, row.overlap].flatMap((each) => [each.precision, each.recall, each.f1].map(number));
}

function attributes(row: LabelReport): string[] {
  return [
    row.linkAccuracy,
    row.linkSameActorAccuracy,
    row.directAccuracy,
    row.valueAccuracy,
    row.unitAccuracy,
    row.approximateAccuracy,
  ].map(number);
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) =>
    "  " + cells.map((cell, column) => (column ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join("  ");
  return [line(header), ...rows.map(line)].join("\n");
}
