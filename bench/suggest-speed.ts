/**
 * Speed of the built-in suggesters (issue 17): `suggestAll` over generated ~8,000-character news-style
 * articles, composed from this file's own sentence templates (not the gold set), printing articles per
 * second and the process's peak resident memory. `npm run bench:suggest -- 1000` for the 1,000.
 */
import { performance } from "node:perf_hooks";
import { suggestAll } from "@/lib/suggestions/builtin";
import { rng } from "./news-text";

const PEOPLE = ["Nadia Okafor", "Paul Brennan", "Elena Varga", "Tomás Ruiz", "Mei Lin Chou", "Aarav Mehta", "Ingrid Solberg"];
const BODIES = [
  "the Harbour Authority",
  "the Interior Ministry",
  "Nordline Ferries Ltd.",
  "the Green Party",
  "the city council",
  "the Kremlin",
];
const GROUPS = ["officials", "local residents", "analysts", "police", "union members"];
const FIGURES = [
  "1,219 ballots",
  "€3.4bn",
  "52 million euros",
  "more than 200 residents",
  "37%",
  "3.5 per cent",
  "about 3 km",
  "nearly 40,000",
  "$1.2 billion",
  "a dozen boats",
];
const TEMPLATES: ((pick: <T>(list: T[]) => T) => string)[] = [
  (pick) => `“We cannot accept ${pick(FIGURES)} — not this year,” said ${pick(PEOPLE)}.`,
  (pick) => `${pick(PEOPLE)} said that ${pick(BODIES)} would spend ${pick(FIGURES)} on the harbour.`,
  (pick) => `According to ${pick(BODIES)}, ${pick(FIGURES)} were affected by the storm 🌊.`,
  (pick) => `The ferries stopped in 2024 after ${pick(FIGURES)} were lost, ${pick(GROUPS)} said.`,
  (pick) => `${pick(PEOPLE)} told reporters the plan, due on Oct. 14 at 9 a.m., was “fair and final”.`,
  (pick) => `“It’s too late,” she added. “The river rose by ${pick(FIGURES)} overnight.”`,
  (pick) => `Critics argued that the so-called “reform” would cost ${pick(FIGURES)}, a third of the budget.`,
  (pick) => `${pick(BODIES).replace(/^the/, "The")} denied the report on page 12 of its statement.`,
];

function article(random: () => number, target: number): string {
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const paragraphs = ["Harbour Strike Enters Its Second Week"];
  let length = paragraphs[0]!.length;
  while (length < target) {
    const paragraph = Array.from({ length: 2 + Math.floor(random() * 3) }, () => pick(TEMPLATES)(pick)).join(" ");
    paragraphs.push(paragraph);
    length += paragraph.length + 2;
  }
  return paragraphs.join("\n\n");
}

const count = Number(process.argv[2] ?? 200);
const random = rng(17);
const articles = Array.from({ length: count }, () => article(random, 8000));
const characters = articles.reduce((sum, text) => sum + text.length, 0);

const warmUp = performance.now();
suggestAll(articles[0]!);
const firstMs = performance.now() - warmUp;

let suggestions = 0;
const times: number[] = [];
const started = performance.now();
for (const text of articles) {
  const from = performance.now();
  suggestions += suggestAll(text).length;
  times.push(performance.now() - from);
}
const seconds = (performance.now() - started) / 1000;
times.sort((a, b) => a - b);
const peakMb = process.resourceUsage().maxRSS / 1024;

console.log(`suggestAll over ${count} articles of ~${Math.round(characters / count)} characters (built-in suggesters)`);
console.log(`  first call (loads compromise's lexicon): ${firstMs.toFixed(0)} ms`);
console.log(
  `  ${(count / seconds).toFixed(1)} articles/s, median ${times[times.length >> 1]!.toFixed(0)} ms, p95 ${times[Math.floor(times.length * 0.95)]!.toFixed(0)} ms per article`,
);
console.log(`  ${(suggestions / count).toFixed(0)} suggestions per article, peak RSS ${peakMb.toFixed(0)} MB`);
