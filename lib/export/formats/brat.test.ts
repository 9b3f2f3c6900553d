import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { ACTOR_KINDS } from "@/lib/vocabulary";
import type { ExportArticle } from "@/lib/export/shape";
import { exportHeader, fixtureArticles, runExportBytes, tagOver } from "./fixtures";
import { annDocument } from "./brat-standoff";

type TLine = { id: string; label: string; fragments: [number, number][]; text: string };

/**
 * A reader of brat's standoff written from its specification (brat.nlplab.org/standoff.html), not from
 * the writer: tab-separated fields, T lines `id\ttype start end[;start end]*\ttext`, R lines `id\ttype
 * Arg1:T Arg2:T`, A lines `id\tname T[ value]`, # lines `id\tAnnotatorNotes T\ttext`.
 */
function readAnn(ann: string) {
  const t: TLine[] = [];
  const r: { type: string; arg1: string; arg2: string }[] = [];
  const a: { name: string; target: string; value: string | null }[] = [];
  const notes: { target: string; text: string }[] = [];
  expect(ann === "" || ann.endsWith("\n")).toBe(true);
  for (const line of ann.split("\n").slice(0, -1)) {
    const fields = line.split("\t");
    const [id, middle] = fields;
    if (id!.startsWith("T")) {
      expect(fields, line).toHaveLength(3);
      const [label, ...rest] = middle!.split(" ");
      const fragments = rest
        .join(" ")
        .split(";")
        .map((pair) => pair.split(" ").map(Number) as [number, number]);
      t.push({ id: id!, label: label!, fragments, text: fields[2]! });
    } else if (id!.startsWith("R")) {
      expect(fields, line).toHaveLength(2);
      const match = /^(\w+) Arg1:(T\d+) Arg2:(T\d+)$/.exec(middle!);
      expect(match, line).not.toBeNull();
      r.push({ type: match![1]!, arg1: match![2]!, arg2: match![3]! });
    } else if (id!.startsWith("A")) {
      expect(fields, line).toHaveLength(2);
      const [name, target, value, ...more] = middle!.split(" ");
      expect(more).toEqual([]);
      a.push({ name: name!, target: target!, value: value ?? null });
    } else if (id!.startsWith("#")) {
      expect(fields, line).toHaveLength(3);
      const [type, target] = middle!.split(" ");
      expect(type).toBe("AnnotatorNotes");
      notes.push({ target: target!, text: fields[2]! });
    } else throw new Error(`unknown line ${line}`);
  }
  return { t, r, a, notes };
}

/** Checks every T line against the text as Python would slice it (code points), fragments joined by a space. */
function expectOffsetsMatch(text: string, lines: TLine[]) {
  const points = [...text];
  for (const line of lines) {
    for (const [start, end] of line.fragments) {
      expect(start).toBeLessThan(end);
      expect(points.slice(start, end).join(""), line.id).not.toMatch(/[\n\r\t]/);
    }
    expect(line.fragments.map(([start, end]) => points.slice(start, end).join("")).join(" ")).toBe(line.text);
  }
}

const filesOf = (articles: ExportArticle[]) => unzipSync(runExportBytes("brat", exportHeader("utf16"), articles));

describe("brat writer", () => {
  it("zips a collection: the configuration, and per article its exact text and its standoff", () => {
    const files = filesOf(fixtureArticles());
    for (const item of fixtureArticles()) {
      const text = strFromU8(files[`budget-watch/${item.id}.txt`]!);
      expect(text).toBe(item.text);
      const { t } = readAnn(strFromU8(files[`budget-watch/${item.id}.ann`]!));
      expect(t.map((line) => line.label)).toEqual(item.tags.map((tag) => tag.label));
      expectOffsetsMatch(text, t);
    }
    const conf = strFromU8(files["budget-watch/annotation.conf"]!);
    expect(conf).toContain("[entities]\nactor\nclaim\nfigure\nquote\n");
    expect(conf).toContain("speaker\tArg1:quote, Arg2:actor\nsource\tArg1:claim, Arg2:actor\n");
    expect(conf).toContain(`kind\tArg:actor, Value:${ACTOR_KINDS.join("|")}\n`);
    expect(strFromU8(files["budget-watch/visual.conf"]!)).toMatch(/^\[labels\]\nactor \| Actor\n/);
  });

  it("writes links as relations, attributes and notes, for the news article", () => {
    const news = fixtureArticles()[0]!;
    const { t, r, a, notes } = readAnn(annDocument(news));
    const idOf = (tagId: string) => `T${news.tags.findIndex((tag) => tag.id === tagId) + 1}`;
    expect(r).toEqual([
      { type: "source", arg1: idOf("c1"), arg2: idOf("a1") },
      { type: "speaker", arg1: idOf("q1"), arg2: idOf("a1") },
    ]);
    expect(a.filter((line) => line.name !== "status")).toEqual([
      { name: "direct", target: idOf("q1"), value: null },
      { name: "kind", target: idOf("a1"), value: "person" },
      { name: "kind", target: idOf("a2"), value: "person" },
      { name: "approximate", target: idOf("f2"), value: null },
      { name: "kind", target: idOf("a3"), value: "person" },
    ]);
    expect(a.filter((line) => line.name === "status")).toHaveLength(t.length);
    expect(a.find((line) => line.name === "status" && line.target === idOf("f2"))!.value).toBe("rejected");
    expect(notes).toEqual([
      { target: idOf("a1"), text: "canonical name: Zoë Álvarez" },
      { target: idOf("a1"), text: "actor record: rec-alvarez (Zoë Álvarez)" },
      { target: idOf("f1"), text: "value: 1219" },
      { target: idOf("f1"), text: "unit: voters" },
      { target: idOf("f2"), text: "value: 4.5" },
      { target: idOf("f2"), text: 'Converted, "roughly" see: budget table, p. 4' },
      { target: idOf("a3"), text: "canonical name: Luc Dupont" },
      { target: idOf("a3"), text: "actor record: rec-dupont (Luc Dupont)" },
    ]);
  });

  it("cuts a tag over paragraph breaks into fragments, counted in code points after emoji", () => {
    const text = "🗳️ “First paragraph — with 👍🏽 emoji.\n\nSecond one,\nthird line” ended.";
    const item: ExportArticle = {
      ...fixtureArticles()[1]!,
      id: "art-multi",
      text,
      tags: [
        tagOver(text, "“First paragraph — with 👍🏽 emoji.\n\nSecond one,\nthird line”", { id: "q", label: "quote" }),
        tagOver(text, "emoji", { id: "x", label: "actor" }),
      ],
    };
    const { t } = readAnn(annDocument(item));
    expectOffsetsMatch(text, t);
    expect(t[0]).toEqual({
      id: "T1",
      label: "quote",
      fragments: [
        [3, 36],
        [38, 49],
        [50, 61],
      ],
      text: "“First paragraph — with 👍🏽 emoji. Second one, third line”",
    });
    // Python: text.index("“") == 3, text.index("emoji") == 30 (the ballot box is two code points).
    expect(t[1]!.fragments).toEqual([[30, 35]]);
  });

  it("writes an article without tags as an empty .ann, and the zip ends with its directory", () => {
    const files = filesOf([fixtureArticles()[1]!]);
    expect(strFromU8(files["budget-watch/art-empty.ann"]!)).toBe("");
    const bytes = runExportBytes("brat", exportHeader("codepoint"), []);
    // An empty collection is still a zip: its end-of-central-directory record is the last 22 bytes.
    expect(Buffer.from(bytes.subarray(-22, -18)).toString("hex")).toBe("504b0506");
  });
});
