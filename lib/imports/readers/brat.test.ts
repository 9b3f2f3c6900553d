import { readFileSync } from "node:fs";
import path from "node:path";
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { sampleDataset } from "@/lib/testing/foreign-writers/sample";
import { writeBrat, writeBratZip } from "@/lib/testing/foreign-writers";
import type { ForeignDocument } from "@/lib/imports/foreign-document";
import { readBrat } from "./brat";

const fixture = (name: string) => ({ name, bytes: readFileSync(path.join(import.meta.dirname, "fixtures/brat", name)) });
const slice = (document: ForeignDocument, start = 0, end = 0) => Array.from(document.text).slice(start, end).join("");

describe("readBrat, on an independent writer's pairs", () => {
  const dataset = sampleDataset();

  it("reads every entity on its words in code points, with relations, attributes and notes", () => {
    const { documents, problems } = readBrat(writeBrat(dataset));
    expect(documents.map((document) => document.label)).toEqual(["rebuild", "strikes"]);
    const [rebuild] = documents;
    expect(rebuild!.text).toBe(dataset.documents[0]!.text);
    expect(rebuild!.unit).toBe("codepoint");
    for (const span of rebuild!.spans) expect(slice(rebuild!, span.start, span.end)).toBe(span.quote);
    expect(rebuild!.spans.map((span) => [span.label, span.quote])).toEqual([
      ["PER", "Ana Ruiz"],
      ["QUOTE", "“We will rebuild — every 👩‍👩‍👧 home.”"],
      ["ORG", "City Hall"],
      ["FIGURE", "12 million euros"],
    ]);
    expect(rebuild!.spans[0]).toMatchObject({ attributes: { kind: "person" }, note: "the mayor" });
    expect(rebuild!.spans[1]!.attributes).toEqual({ direct: true });
    expect(rebuild!.links).toEqual([{ from: "T2", to: "T1", type: "speaker" }]);
    // The writer's one discontinuous span is reported, not silently reshaped.
    expect(problems).toEqual([{ label: "rebuild.ann line 7", error: expect.stringContaining("discontinuous") }]);
  });

  it("reads the same from a zip, ignoring annotation.conf", () => {
    const { documents, problems } = readBrat([writeBratZip(dataset)]);
    expect(documents.map((document) => document.label)).toEqual(["collection.zip/collection/rebuild", "collection.zip/collection/strikes"]);
    expect(documents[1]!.spans.map((span) => span.quote)).toEqual(["Paris", "Lyon", "Unions", "“no deal”"]);
    expect(problems.filter((problem) => !problem.error.includes("discontinuous"))).toEqual([]);
  });
});

describe("readBrat, on a hand-written .ann", () => {
  const { documents, problems } = readBrat([fixture("minister.txt"), fixture("minister.ann")]);
  const [document] = documents;
  const span = (id: string) => document!.spans.find((candidate) => candidate.id === id)!;

  it("reads text-bound spans whose offsets give their text", () => {
    expect(span("T1")).toMatchObject({ label: "Person", start: 0, end: 20, quote: "Minister Zoë Álvarez" });
    expect(slice(document!, span("T2").start, span("T2").end)).toBe("“We will not back down”");
    expect(span("T3").attributes).toEqual({ value: 1219 });
    expect(span("T1").note).toBe("Finance minister since 2024");
    expect(span("T1").attributes).toEqual({ kind: "person" });
    expect(span("T2").attributes).toEqual({ direct: true });
  });

  it("keeps the text column as the quote when offsets in another unit do not give it", () => {
    // 82–89 counts the ballot box emoji as three UTF-16 units; in code points "Critics" is at 81–88.
    expect(span("T4")).toMatchObject({ quote: "Critics", start: 82, end: 89 });
    expect(slice(document!, 82, 89)).not.toBe("Critics");
  });

  it("reports what it cannot import, by line", () => {
    expect(problems).toEqual([
      { label: "minister.ann line 5", error: expect.stringContaining("discontinuous span (9 12;13 20)") },
      { label: "minister.ann line 12", error: expect.stringContaining("an event") },
      { label: "minister.ann line 13", error: expect.stringContaining("a normalization") },
      { label: "minister.ann line 14", error: expect.stringContaining("an equivalence") },
      { label: "minister.ann line 16", error: expect.stringContaining("T9") },
      { label: "minister.ann", error: expect.stringContaining('attribute "Negation" (on 1 tag) is not one of Margin\'s') },
    ]);
    expect(document!.links).toEqual([{ from: "T2", to: "T1", type: "speaker" }]);
  });
});

describe("readBrat refuses, with the file's name", () => {
  const file = (name: string, text: string) => ({ name, bytes: Buffer.from(text, "utf8") });

  it("a lone .ann or .txt, and a file that is neither", () => {
    const { documents, problems } = readBrat([file("a.ann", "T1\tX 0 1\ta\n"), file("b.txt", "b"), file("c.json", "{}")]);
    expect(documents).toEqual([]);
    expect(problems).toEqual([
      { label: "c.json", error: expect.stringContaining("not a brat file") },
      { label: "a.ann", error: expect.stringContaining("has no a.txt") },
      { label: "b.txt", error: expect.stringContaining("has no b.ann") },
    ]);
  });

  it("a .ann of garbage, with one problem", () => {
    const { problems } = readBrat([file("g.txt", "text"), file("g.ann", "hello world\nthis is not brat\n")]);
    expect(problems).toEqual([{ label: "g.ann", error: expect.stringContaining("is not brat standoff") }]);
  });

  it("offsets outside the text, reversed offsets and malformed lines", () => {
    const { documents, problems } = readBrat([
      file("o.txt", "short"),
      file("o.ann", "T1\tX 0 99\t\nT2\tX 4 2\tx\nT3\tX zero 2\tsh\nT4\tX 0 5\tshort\n"),
    ]);
    expect(documents[0]!.spans.map((span) => span.id)).toEqual(["T4"]);
    expect(problems.map((problem) => problem.label)).toEqual(["o.ann line 1", "o.ann line 2", "o.ann line 3"]);
  });

  it("text that is not UTF-8", () => {
    const { problems } = readBrat([{ name: "l.txt", bytes: Buffer.from([0x63, 0x61, 0x66, 0xe9]) }, file("l.ann", "")]);
    expect(problems).toEqual([{ label: "l.txt", error: expect.stringContaining("not UTF-8") }]);
  });

  it("a zip whose entries leave the archive", () => {
    const zip = zipSync({ "../evil.txt": Buffer.from("x"), "../evil.ann": Buffer.from("") });
    const { documents, problems } = readBrat([{ name: "evil.zip", bytes: Buffer.from(zip) }]);
    expect(documents).toEqual([]);
    expect(problems).toEqual([{ label: "evil.zip", error: expect.stringContaining("outside the archive") }]);
  });

  it("a zip that unpacks to more than the limit", () => {
    const big = new Uint8Array(101 * 1024 * 1024);
    const zip = zipSync({ "big.txt": big, "big.ann": new Uint8Array() }, { level: 9 });
    const { documents, problems } = readBrat([{ name: "bomb.zip", bytes: Buffer.from(zip) }]);
    expect(documents).toEqual([]);
    expect(problems).toEqual([{ label: "bomb.zip", error: expect.stringContaining("more than 100 MB") }]);
  });

  it("a file that is not a zip but named like one", () => {
    const { problems } = readBrat([file("fake.zip", "not a zip")]);
    expect(problems).toEqual([{ label: "fake.zip", error: expect.stringContaining("not a readable zip") }]);
  });
});
