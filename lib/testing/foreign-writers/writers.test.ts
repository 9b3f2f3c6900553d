import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { sampleDataset } from "./sample";
import { sliceCodePoints, tokenize, writeBrat, writeBratZip, writeConll, writeDoccano, writeLabelStudio, writeProdigy, writeW3c } from ".";

const dataset = sampleDataset();
const [rebuild, strikes] = dataset.documents;
const text = (bytes: Buffer) => bytes.toString("utf8");
const lines = (bytes: Buffer) => text(bytes).trimEnd().split("\n");
// What Python would give for text[start:end]: code points.
const pySlice = (source: string, start: number, end: number) => Array.from(source).slice(start, end).join("");

describe("the sample dataset", () => {
  it("puts each entity on its words", () => {
    expect(sliceCodePoints(rebuild!.text, rebuild!.entities[1]!.start, rebuild!.entities[1]!.end)).toBe(
      "“We will rebuild — every 👩‍👩‍👧 home.”",
    );
    expect(sliceCodePoints(strikes!.text, strikes!.entities[1]!.start, strikes!.entities[1]!.end)).toBe("Lyon");
  });
});

describe("tokenize", () => {
  it("keeps grapheme clusters whole, splits punctuation and entity edges, and records offsets in code points", () => {
    const tokens = tokenize("Hi 👩‍👩‍👧, “no”", [5]);
    expect(tokens.map((token) => token.text)).toEqual(["Hi", "👩‍👩‍👧", ",", "“", "no", "”"]);
    for (const token of tokens) expect(pySlice("Hi 👩‍👩‍👧, “no”", token.start, token.end)).toBe(token.text);
    expect(tokens.map((token) => token.ws)).toEqual([true, false, true, false, false, false]);
    expect(tokenize("abcdef", [2, 4]).map((token) => token.text)).toEqual(["ab", "cd", "ef"]);
  });
});

describe("writeBrat", () => {
  it("writes .txt/.ann pairs whose T lines slice to their text, with R, A and AnnotatorNotes lines", () => {
    const files = writeBrat(dataset);
    expect(files.map((file) => file.name)).toEqual(["rebuild.txt", "rebuild.ann", "strikes.txt", "strikes.ann"]);
    expect(text(files[0]!.bytes)).toBe(rebuild!.text);
    const ann = lines(files[1]!.bytes);
    for (const line of ann.filter((l) => l.startsWith("T"))) {
      const [, typeAndOffsets, covered] = line.split("\t");
      const pieces = typeAndOffsets!.split(" ").slice(1).join(" ").split(";");
      const expected = pieces.map((piece) => {
        const [start, end] = piece.split(" ").map(Number);
        return pySlice(rebuild!.text, start!, end!).replace(/\n/g, " ");
      });
      expect(covered).toBe(expected.join(" "));
    }
    expect(ann.find((l) => l.startsWith("T4"))).toMatch(/^T4\tFIGURE \d+ \d+;\d+ \d+\t12 million euros$/);
    expect(ann).toContain("R1\tspeaker Arg1:T2 Arg2:T1");
    expect(ann).toContain("A1\tkind T1 person");
    expect(ann).toContain("A2\tdirect T2");
    expect(ann).toContain("#1\tAnnotatorNotes T1\tthe mayor");
  });

  it("zips the pairs in a folder with an annotation.conf", () => {
    const zip = writeBratZip(dataset);
    const entries = unzipSync(zip.bytes);
    expect(Object.keys(entries).sort()).toEqual([
      "collection/annotation.conf",
      "collection/rebuild.ann",
      "collection/rebuild.txt",
      "collection/strikes.ann",
      "collection/strikes.txt",
    ]);
    expect(strFromU8(entries["collection/rebuild.txt"]!)).toBe(rebuild!.text);
  });
});

describe("writeConll", () => {
  it("writes four space-separated columns, -DOCSTART- per document and IOB2 tags on whole tokens", () => {
    const rows = lines(writeConll(dataset).bytes);
    expect(rows.filter((row) => row.startsWith("-DOCSTART-"))).toHaveLength(2);
    for (const row of rows.filter((r) => r !== "")) expect(row.split(" ")).toHaveLength(4);
    const tagged = rows.filter((row) => row !== "" && !row.startsWith("-DOCSTART-")).map((row) => [row.split(" ")[0], row.split(" ")[3]]);
    expect(tagged).toContainEqual(["Ana", "B-PER"]);
    expect(tagged).toContainEqual(["Ruiz", "I-PER"]);
    expect(tagged).toContainEqual(["👩‍👩‍👧", "I-QUOTE"]);
    expect(tagged).toContainEqual(["Lyon", "B-LOC"]);
    // No sentence opens with an I- tag in IOB2.
    rows.forEach((row, index) => {
      if (row !== "" && rows[index - 1] === "") expect(row.split(" ")[3]).not.toMatch(/^I-/);
    });
  });

  it("in IOB1 marks B- only where an entity follows one of the same label", () => {
    const rows = lines(writeConll(dataset, { scheme: "iob1" }).bytes).map((row) => row.split(" "));
    expect(rows.find((row) => row[0] === "Paris")?.[3]).toBe("I-LOC");
    expect(rows.find((row) => row[0] === "Lyon")?.[3]).toBe("B-LOC");
    expect(rows.find((row) => row[0] === "Ana")?.[3]).toBe("I-PER");
  });

  it("writes token<TAB>tag rows when asked", () => {
    const rows = lines(writeConll(dataset, { tabs: true }).bytes).filter((row) => row !== "" && !row.startsWith("-DOCSTART-"));
    for (const row of rows) expect(row.split("\t")).toHaveLength(2);
  });
});

describe("writeLabelStudio", () => {
  it("writes tasks whose label results slice to their text in code points, with relations and predictions", () => {
    type Result = { type: string; value?: { start: number; end: number; text: string }; from_id?: string };
    const tasks = JSON.parse(text(writeLabelStudio(dataset).bytes)) as {
      data: { text: string };
      annotations: { result: Result[] }[];
      predictions: { result: Result[] }[];
    }[];
    expect(tasks).toHaveLength(2);
    for (const task of tasks)
      for (const result of [...task.annotations.flatMap((a) => a.result), ...task.predictions.flatMap((p) => p.result)])
        if (result.type === "labels") expect(pySlice(task.data.text, result.value!.start, result.value!.end)).toBe(result.value!.text);
    expect(tasks[0]!.annotations[0]!.result.filter((r) => r.type === "relation")).toEqual([
      { from_id: "e2", to_id: "e1", type: "relation", direction: "right", labels: ["speaker"] },
    ]);
    expect(tasks[1]!.predictions[0]!.result).toHaveLength(1);
  });
});

describe("writeDoccano", () => {
  it("writes [start, end, label] in UTF-16 code units, as doccano's browser counts", () => {
    const rows = lines(writeDoccano(dataset).bytes).map((line) => JSON.parse(line) as { text: string; label: [number, number, string][] });
    expect(rows).toHaveLength(2);
    const quote = rows[0]!.label.find((label) => label[2] === "QUOTE")!;
    expect(rows[0]!.text.slice(quote[0], quote[1])).toBe("“We will rebuild — every 👩‍👩‍👧 home.”");
    const org = rows[0]!.label.find((label) => label[2] === "ORG")!;
    expect(org[0]).toBe(rows[0]!.text.indexOf("City Hall"));
  });

  it("writes entities and relations with integer ids in the relation variant", () => {
    const row = JSON.parse(lines(writeDoccano(dataset, "relation").bytes)[0]!) as {
      text: string;
      entities: { id: number; label: string; start_offset: number; end_offset: number }[];
      relations: { from_id: number; to_id: number; type: string }[];
    };
    for (const entity of row.entities) expect(Number.isInteger(entity.id)).toBe(true);
    const [relation] = row.relations;
    const from = row.entities.find((entity) => entity.id === relation!.from_id)!;
    expect(row.text.slice(from.start_offset, from.end_offset)).toMatch(/^“We will/);
    expect(relation!.type).toBe("speaker");
  });
});

describe("writeProdigy", () => {
  it("writes tokens and spans whose offsets and token indexes agree", () => {
    const tasks = lines(writeProdigy(dataset).bytes).map(
      (line) =>
        JSON.parse(line) as {
          text: string;
          tokens: { text: string; start: number; end: number; id: number }[];
          spans: { start: number; end: number; token_start: number; token_end: number }[];
          relations?: { head: number; child: number; label: string }[];
          answer: string;
        },
    );
    for (const task of tasks) {
      expect(task.answer).toBe("accept");
      for (const token of task.tokens) expect(pySlice(task.text, token.start, token.end)).toBe(token.text);
      for (const span of task.spans) {
        expect(task.tokens[span.token_start]!.start).toBe(span.start);
        expect(task.tokens[span.token_end]!.end).toBe(span.end);
      }
    }
    expect(tasks[0]!.relations).toEqual([expect.objectContaining({ label: "speaker" })]);
  });
});

describe("writeW3c", () => {
  type Selector = { type: string; exact?: string; start?: number; end?: number };
  const selectorsOf = (target: { selector: Selector[] }) => target.selector;

  it("writes an AnnotationCollection whose positions (code points) and quotes agree, with the texts beside it", () => {
    const [json, ...texts] = writeW3c(dataset);
    expect(texts.map((file) => file.name)).toEqual(["rebuild.txt", "strikes.txt"]);
    const collection = JSON.parse(text(json!.bytes)) as {
      type: string;
      first: {
        items: { motivation: string; body: { purpose: string; value: string }[]; target: { source: string; selector: Selector[] } }[];
      };
    };
    expect(collection.type).toBe("AnnotationCollection");
    const tags = collection.first.items.filter((item) => item.motivation === "tagging");
    expect(tags).toHaveLength(8);
    for (const item of tags) {
      const source = item.target.source.endsWith("rebuild") ? rebuild!.text : strikes!.text;
      const quote = selectorsOf(item.target).find((s) => s.type === "TextQuoteSelector")!;
      const position = selectorsOf(item.target).find((s) => s.type === "TextPositionSelector")!;
      expect(pySlice(source, position.start!, position.end!)).toBe(quote.exact);
    }
    expect(collection.first.items.filter((item) => item.motivation === "linking")).toHaveLength(1);
  });

  it("writes Hypothesis rows with tags and UTF-16 positions", () => {
    const [json] = writeW3c(dataset, "hypothesis");
    const result = JSON.parse(text(json!.bytes)) as {
      total: number;
      rows: { uri: string; tags: string[]; target: { selector: Selector[] }[] }[];
    };
    expect(result.total).toBe(8);
    const quote = result.rows.find((row) => row.tags[0] === "QUOTE" && row.uri.endsWith("rebuild"))!;
    const position = quote.target[0]!.selector.find((s) => s.type === "TextPositionSelector")!;
    expect(rebuild!.text.slice(position.start, position.end)).toBe("“We will rebuild — every 👩‍👩‍👧 home.”");
  });

  it("writes Recogito's bare array with tagging and commenting bodies", () => {
    const [json] = writeW3c(dataset, "recogito");
    const items = JSON.parse(text(json!.bytes)) as { id: string; body: { purpose: string; value: string }[] }[];
    expect(Array.isArray(items)).toBe(true);
    expect(items.find((item) => item.id === "#rebuild-e1")?.body.map((body) => body.purpose)).toEqual(["tagging", "commenting"]);
  });
});
