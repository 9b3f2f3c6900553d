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
 *
 * The gold set is split in two halves, so that the suggesters' rules can be worked out on one and measured on
 * the other: the development half (articles 01-05), whose errors may be read to improve the suggesters, and
 * the held-out half (06-10), of which only the pooled figures are ever printed. Without options both halves
 * are printed, each on its own; --split dev|held-out prints one, --articles 01,04 (numbers or names) picks
 * articles by hand.
 */
import { parseArgs } from "node:util";
import { BUILTIN_SUGGESTERS, suggestAll } from "@/lib/suggestions/builtin";
import { evaluateSuggester, type LabelReport, type SuggesterReport } from "@/lib/suggestions/evaluation";
import type { Suggester } from "@/lib/suggestions/suggester";
import { LABELS } from "@/lib/vocabulary";
import { loadGoldSet } from "./gold/load";
import type { GoldArticle } from "@/lib/suggestions/gold-markup";

const { values } = parseArgs({
  options: {
    suggester: { type: "string" },
    json: { type: "boolean", default: false },
    "gold-actors": { type: "boolean", default: false },
    split: { type: "string" },
    articles: { type: "string" },
  },
});

const SPLITS = {
  dev: ["01", "02", "03", "04", "05"],
  "held-out": ["06", "07", "08", "09", "10"],
} as const;
type SplitName = keyof typeof SPLITS;
const isSplit = (name: string): name is SplitName => name in SPLITS;

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

const gold = loadGoldSet();
// An article is named by its number ("04") or its file name ("04-floods").
const picks = (names: readonly string[]) =>
  gold.filter((article) => names.some((name) => article.id === name || article.id.startsWith(`${name}-`)));

let parts: { name: string; articles: GoldArticle[] }[];
if (values.articles !== undefined) {
  const names = values.articles
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !picks([name]).length);
  if (!names.length || unknown.length) {
    console.error(
      `No gold article named ${unknown.map((name) => `"${name}"`).join(", ") || "in --articles"}; there are: ${gold.map((each) => each.id).join(", ")}`,
    );
    process.exit(2);
  }
  parts = [{ name: `articles ${names.join(",")}`, articles: picks(names) }];
} else if (values.split !== undefined) {
  if (!isSplit(values.split)) {
    console.error(`No split named "${values.split}"; there are: ${Object.keys(SPLITS).join(", ")}`);
    process.exit(2);
  }
  parts = [{ name: values.split, articles: picks(SPLITS[values.split]) }];
} else {
  parts = Object.entries(SPLITS).map(([name, names]) => ({ name, articles: picks(names) }));
}

// A suggester's links may name other built-in suggesters' keys (the quotes suggester names the actors one's).
const linkTargets = (text: string, context: Parameters<typeof suggestAll>[1]) => suggestAll(text, context);
const results = parts.map((part) => ({
  ...part,
  reports: suggesters.map((suggester) => evaluateSuggester(suggester, part.articles, { goldActors: values["gold-actors"], linkTargets })),
}));
const tagCount = (articles: readonly GoldArticle[]) => articles.reduce((sum, each) => sum + each.tags.length, 0);

if (values.json) {
  console.log(
    JSON.stringify(
      results.map(({ name, articles, reports }) => ({ split: name, articles: articles.length, goldTags: tagCount(articles), reports })),
      null,
      2,
    ),
  );
} else {
  for (const { name, articles, reports } of results) {
    console.log(
      `Gold set, ${name}: ${articles.length} articles (${articles.map((each) => each.id.slice(0, 2)).join(", ")}), ${tagCount(articles)} tags${values["gold-actors"] ? " (gold actors given)" : ""}\n`,
    );
    for (const report of reports) printReport(report);
  }
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
