/**
 * The `conll` format, in CoNLL-2003's layout, which whitespace readers (the Hugging Face `conll2003`
 * loader, seqeval, spaCy's `convert`, flair's ColumnCorpus) take as it is:
 *
 *   -DOCSTART- -X- -X- O
 *   <blank line>
 *   token -X- -X- TAG        one line per token, four space-separated fields on every line of the file
 *   <blank line>             after each sentence
 *
 * The two middle columns are CoNLL-2003's part-of-speech and chunk columns, which Margin does not have:
 * they hold the same `-X-` placeholder as the -DOCSTART- line. There are no comment lines, and a document
 * is known only by its order in the export (the jsonl export of the same filters lists the same articles in
 * the same order). Tokens and sentences are lib/text/tokens.ts's (the agreement measures count the same),
 * and a token never holds whitespace, so a line always splits into exactly four fields.
 *
 * One label column holds the article's OUTERMOST tags, whoever made them. Each tag covers the tokens it
 * overlaps (one starting or ending inside a token marks the whole token; one covering no token is left
 * out). The tags are ordered by first token, then by last token descending (the longer first), then by
 * label in the vocabulary's order, then by id; a tag is in the column when it shares no token with any
 * tag before it in that order (kept or not). So a tag nested in a longer one, or overlapping one that
 * starts earlier, is not in the column, nor is a tag nested in such a one; of two tags on the same tokens
 * the label first in the vocabulary stays. The column's tags never share a token. Every tag is kept, in a
 * column of its own, by the `conll-columns` format.
 *
 * Tags are BIO (IOB2): `B-actor` on a tag's first token, `I-actor` on the rest. A sentence never opens with
 * I-: a tag that runs across a sentence break starts again with B- in the next sentence.
 */
import { OffsetIndex } from "@/lib/tags/offsets";
import { LABELS } from "@/lib/vocabulary";
import type { ExportArticle } from "@/lib/export/shape";
import { sentences, tokenize, type TokenSpan } from "@/lib/text/tokens";
import { coveredTokens } from "./conll-columns";
import type { FormatWriter } from "./types";

export const DOCSTART = "-DOCSTART- -X- -X- O";
/** CoNLL-2003's part-of-speech and chunk columns, which Margin does not fill. */
const PLACEHOLDERS = " -X- -X- ";

type Run = { first: number; last: number; label: string; id: string };

/** The outermost tags' token runs, in order, disjoint (see the header for the rule). */
export function outermostRuns(article: ExportArticle, tokens: readonly TokenSpan[]): Run[] {
  const index = new OffsetIndex(article.text);
  const runs: Run[] = [];
  for (const tag of article.tags) {
    const [first, last] = coveredTokens(tokens, index.toUtf16(tag.start), index.toUtf16(tag.end));
    if (first < last) runs.push({ first, last, label: tag.label, id: tag.id });
  }
  const rank = (label: string) => LABELS.indexOf(label as (typeof LABELS)[number]);
  runs.sort((a, b) => a.first - b.first || b.last - a.last || rank(a.label) - rank(b.label) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const kept: Run[] = [];
  // Runs come by first token, so a run shares a token with an earlier one exactly when it starts before
  // the furthest end seen so far.
  let reach = 0;
  for (const run of runs) {
    if (run.first >= reach) kept.push(run);
    reach = Math.max(reach, run.last);
  }
  return kept;
}

export function conll2003Document(article: ExportArticle): string {
  const tokens = tokenize(article.text);
  // The label each token carries (null: outside every kept tag) and where each kept tag starts.
  const labels: (string | null)[] = new Array<string | null>(tokens.length).fill(null);
  const starts = new Uint8Array(tokens.length);
  for (const run of outermostRuns(article, tokens)) {
    labels.fill(run.label, run.first, run.last);
    starts[run.first] = 1;
  }
  const lines = [DOCSTART, ""];
  // sentences() hands back the tokens themselves, in order, each once: a running index finds their labels.
  let token = 0;
  for (const sentence of sentences(article.text, tokens)) {
    sentence.forEach((span, position) => {
      const label = labels[token];
      const tag = label === null ? "O" : `${starts[token] || position === 0 ? "B" : "I"}-${label}`;
      lines.push(`${article.text.slice(span.start, span.end)}${PLACEHOLDERS}${tag}`);
      token++;
    });
    lines.push("");
  }
  return `${lines.join("\n")}\n`;
}

export function createConllWriter(): FormatWriter {
  return {
    format: "conll",
    contentType: "text/plain; charset=utf-8",
    extension: "conll",
    offsetUnit: null,
    begin: () => "",
    article: (article) => conll2003Document(article),
    end: () => "",
  };
}
