import { describe, expect, it } from "vitest";
import type { Label } from "@/lib/vocabulary";
import type { ExportArticle } from "@/lib/export/shape";
import { tokenize } from "@/lib/text/tokens";
import { assignLayers, conllDocument, coveredTokens } from "./conll-columns";
import { exportHeader, fixtureArticles, newsArticle, runExport, tagOver } from "./fixtures";

const TEXT = "Zoë Álvarez said: “Budget cuts hurt.” Mr. Dupont agreed 👍🏽.\n\nNew line here.";

function smallArticle(): ExportArticle {
  const tag = (exact: string, id: string, label: Label) => tagOver(TEXT, exact, { id, label });
  return {
    id: "art-small",
    title: "Small",
    byline: null,
    source: null,
    url: null,
    publishedAt: null,
    language: "en",
    status: "done",
    text: TEXT,
    tags: [
      tag("Zoë Álvarez", "a1", "actor"),
      tag("Álvarez", "a2", "actor"),
      tag("“Budget cuts hurt.”", "q1", "quote"),
      tag("Budget cuts hurt", "c1", "claim"),
      // Starts and ends inside tokens: marks "Budget" and "cuts" whole.
      tag("dget cu", "f1", "figure"),
      tag("cuts hurt.", "c2", "claim"),
      tag("Dupont", "a3", "actor"),
      // Runs across a paragraph (and so a sentence) break.
      tag("agreed 👍🏽.\n\nNew line", "q2", "quote"),
    ].sort((a, b) => a.start - b.start || a.end - b.end),
    relations: [],
  };
}

const row = (...cells: string[]) => cells.join("\t");
const O = "O";

describe("conll-columns writer", () => {
  it("writes BIO columns per label, extra columns for overlapping tags of one label, sentences apart", () => {
    expect(conllDocument(smallArticle())).toBe(
      [
        row("-DOCSTART-", O, O, O, O, O, O),
        "# article: art-small",
        "# columns: token actor actor-2 claim claim-2 figure quote",
        "",
        row("Zoë", "B-actor", O, O, O, O, O),
        row("Álvarez", "I-actor", "B-actor", O, O, O, O),
        row("said", O, O, O, O, O, O),
        row(":", O, O, O, O, O, O),
        row("“", O, O, O, O, O, "B-quote"),
        row("Budget", O, O, "B-claim", O, "B-figure", "I-quote"),
        row("cuts", O, O, "I-claim", "B-claim", "I-figure", "I-quote"),
        row("hurt", O, O, "I-claim", "I-claim", O, "I-quote"),
        row(".", O, O, O, "I-claim", O, "I-quote"),
        row("”", O, O, O, O, O, "I-quote"),
        "",
        row("Mr", O, O, O, O, O, O),
        row(".", O, O, O, O, O, O),
        row("Dupont", "B-actor", O, O, O, O, O),
        row("agreed", O, O, O, O, O, "B-quote"),
        row("👍🏽", O, O, O, O, O, "I-quote"),
        row(".", O, O, O, O, O, "I-quote"),
        "",
        row("New", O, O, O, O, O, "I-quote"),
        row("line", O, O, O, O, O, "I-quote"),
        row("here", O, O, O, O, O, O),
        row(".", O, O, O, O, O, O),
        "",
        "",
      ].join("\n"),
    );
  });

  it("puts every tag whole in one column of its label, for the emoji-laden fixture", () => {
    const item = newsArticle();
    const lines = conllDocument(item).split("\n");
    const columns = lines
      .find((line) => line.startsWith("# columns: "))!
      .slice("# columns: token ".length)
      .split(" ");
    expect(columns).toEqual(["actor", "actor-2", "claim", "claim-2", "figure", "quote"]);
    const tokenLines = lines.filter((line) => line !== "" && !line.startsWith("# ") && !line.startsWith("-DOCSTART-"));
    const tokens = tokenize(item.text);
    expect(tokenLines.map((line) => line.split("\t")[0])).toEqual(tokens.map((token) => item.text.slice(token.start, token.end)));
    // Every run of B-/I- in every column, as "column:first-last".
    const runs = new Set<string>();
    columns.forEach((column, index) => {
      let open = -1;
      const cells = tokenLines.map((line) => line.split("\t")[index + 1]!);
      cells.forEach((cell, token) => {
        if (cell.startsWith("B-") || (cell.startsWith("I-") && open < 0)) open = token;
        if (open >= 0 && !cells[token + 1]?.startsWith("I-")) {
          runs.add(`${column.replace(/-\d$/, "")}:${open}-${token + 1}`);
          open = -1;
        }
      });
    });
    for (const tag of item.tags) {
      const start = [...item.text].slice(0, tag.start).join("").length;
      const [first, last] = coveredTokens(tokens, start, start + tag.text.length);
      expect(runs, tag.id).toContain(`${tag.label}:${first}-${last}`);
    }
  });

  it("assigns overlapping runs to as few layers as the deepest overlap needs, outer runs first", () => {
    expect(
      assignLayers([
        [2, 4],
        [0, 5],
        [4, 6],
        [1, 2],
      ]),
    ).toEqual([
      [[0, 5]],
      [
        [1, 2],
        [2, 4],
        [4, 6],
      ],
    ]);
    expect(
      assignLayers([
        [0, 2],
        [2, 4],
      ]),
    ).toEqual([
      [
        [0, 2],
        [2, 4],
      ],
    ]);
    expect(assignLayers([])).toEqual([]);
  });

  it("finds the tokens a span touches, however little", () => {
    const tokens = tokenize("ab cd ef");
    expect(coveredTokens(tokens, 1, 4)).toEqual([0, 2]);
    expect(coveredTokens(tokens, 2, 3)).toEqual([1, 1]);
    expect(coveredTokens(tokens, 0, 8)).toEqual([0, 3]);
  });

  it("starts every document with -DOCSTART- and its columns, even without tags", () => {
    const out = runExport("conll-columns", exportHeader("utf16"), fixtureArticles());
    expect(out.split("\n").filter((line) => line.startsWith("-DOCSTART-"))).toEqual([
      row("-DOCSTART-", O, O, O, O, O, O),
      row("-DOCSTART-", O, O, O, O),
      row("-DOCSTART-", O, O, O, O),
    ]);
    expect(out).toContain("# article: art-empty\n# columns: token actor claim figure quote\n\nNo\tO\tO\tO\tO\n");
    expect(out).toBe(runExport("conll-columns", exportHeader("codepoint"), fixtureArticles()));
  });
});
