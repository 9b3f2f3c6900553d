/**
 * The `conll-columns` format, every tag in a column of its own: one token per line, BIO tags,
 * tab-separated, tokens and sentences from lib/text/tokens.ts (the same ones the agreement measures
 * count). The `conll` format (conll.ts) is the plain CoNLL-2003 layout with one label column; this one
 * loses no tag, for readers that take a column list. Each document is:
 *
 *   -DOCSTART-	O	O	…         (one O per tag column, as CoNLL-2003 pads it)
 *   # article: <id>
 *   # columns: token actor claim claim-2 figure quote
 *   <blank line>
 *   one line per token: the token, then one column per entry of `# columns` after "token"
 *   a blank line after each sentence
 *
 * Columns: one per label in LABELS, always; when tags of one label overlap (nested actors, two
 * claims sharing words), that label gets extra columns `<label>-2`, `<label>-3`… so that every tag appears
 * whole in one column. Tags go to columns greedily by first token (the longer first, so an enclosing tag
 * stays in the main column), each in the first column where it overlaps nothing; that uses as few columns as
 * the deepest overlap needs. A stream cannot look ahead, so the number of columns is per document and
 * stated by its `# columns:` line. Comment lines start with "# " (hash, space); a token line never holds a
 * space (tokens contain no whitespace), so a "#" token ("#\tO…") is never mistaken for one.
 *
 * A tag covers every token it overlaps: one starting or ending inside a token marks the whole token. A tag
 * that spans sentences continues with I- after the blank line (a quote of several sentences stays one
 * tag); a tag that covers no token cannot be written and is left out.
 */
import { OffsetIndex } from "@/lib/tags/offsets";
import { LABELS } from "@/lib/vocabulary";
import type { ExportArticle } from "@/lib/export/shape";
import { sentences, tokenize, type TokenSpan } from "@/lib/text/tokens";
import type { FormatWriter } from "./types";

const OUTSIDE = 0;
const BEGIN = 1;
const INSIDE = 2;

/** Tokens [first, last) that a UTF-16 span overlaps; tokens are sorted and disjoint, so ends ascend too. */
export function coveredTokens(tokens: readonly TokenSpan[], start: number, end: number): [number, number] {
  const lowerBound = (below: (token: TokenSpan) => boolean) => {
    let low = 0;
    let high = tokens.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (below(tokens[middle]!)) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  const first = lowerBound((token) => token.end <= start);
  const last = lowerBound((token) => token.start < end);
  return [first, Math.max(first, last)];
}

/** Token runs split into layers where no two runs of a layer share a token. */
export function assignLayers(runs: readonly [number, number][]): [number, number][][] {
  const order = [...runs].sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const layers: [number, number][][] = [];
  const layerEnds: number[] = [];
  for (const run of order) {
    let layer = layerEnds.findIndex((end) => end <= run[0]);
    if (layer < 0) {
      layer = layers.length;
      layers.push([]);
      layerEnds.push(0);
    }
    layers[layer]!.push(run);
    layerEnds[layer] = run[1];
  }
  return layers;
}

type Column = { name: string; marks: Uint8Array };

function tagColumns(article: ExportArticle, tokens: readonly TokenSpan[]): Column[] {
  const index = new OffsetIndex(article.text);
  const columns: Column[] = [];
  for (const label of LABELS) {
    const runs: [number, number][] = [];
    for (const tag of article.tags) {
      if (tag.label !== label) continue;
      const run = coveredTokens(tokens, index.toUtf16(tag.start), index.toUtf16(tag.end));
      if (run[0] < run[1]) runs.push(run);
    }
    const layers = assignLayers(runs);
    for (let layer = 0; layer < Math.max(1, layers.length); layer++) {
      const marks = new Uint8Array(tokens.length);
      for (const [first, last] of layers[layer] ?? []) {
        marks[first] = BEGIN;
        marks.fill(INSIDE, first + 1, last);
      }
      columns.push({ name: layer === 0 ? label : `${label}-${layer + 1}`, marks });
    }
  }
  return columns;
}

const TAG_TEXT = ["O", "B-", "I-"];

export function conllDocument(article: ExportArticle): string {
  const tokens = tokenize(article.text);
  const columns = tagColumns(article, tokens);
  const labels = columns.map((column) => column.name.replace(/-\d+$/, ""));
  const lines = [
    `-DOCSTART-${"\tO".repeat(columns.length)}`,
    `# article: ${article.id}`,
    `# columns: token ${columns.map((column) => column.name).join(" ")}`,
    "",
  ];
  // sentences() hands back the tokens themselves, in order, each once: a running index finds their marks.
  let token = 0;
  for (const sentence of sentences(article.text, tokens)) {
    for (const span of sentence) {
      let line = article.text.slice(span.start, span.end);
      for (let column = 0; column < columns.length; column++) {
        const mark = columns[column]!.marks[token]!;
        line += mark === OUTSIDE ? "\tO" : `\t${TAG_TEXT[mark]}${labels[column]}`;
      }
      lines.push(line);
      token++;
    }
    lines.push("");
  }
  return `${lines.join("\n")}\n`;
}

export function createConllColumnsWriter(): FormatWriter {
  return {
    format: "conll-columns",
    contentType: "text/plain; charset=utf-8",
    extension: "conll",
    offsetUnit: null,
    begin: () => "",
    article: (article) => conllDocument(article),
    end: () => "",
  };
}
