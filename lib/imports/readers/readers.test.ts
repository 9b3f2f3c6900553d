/**
 * The JSON readers against files written by hand from each tool's documentation (Label Studio's "Label
 * Studio JSON format of annotated tasks", doccano's JSONL exports of both project kinds, Prodigy's
 * annotation interfaces), plus format detection.
 */
import { describe, expect, it } from "vitest";
import type { ForeignFile } from "@/lib/imports/foreign-document";
import { readDoccano } from "./doccano";
import { detectFormat } from "./index";
import { readLabelStudio } from "./labelstudio";
import { readSpacy } from "./spacy";

const file = (name: string, content: unknown): ForeignFile => ({
  name,
  bytes: Buffer.from(typeof content === "string" ? content : JSON.stringify(content)),
});
const jsonl = (name: string, lines: unknown[]) => file(name, lines.map((line) => JSON.stringify(line)).join("\n") + "\n");

const LS_TEXT = "“We won,” said Ana Ruiz 🗳️ — the clerk of Acme Corp.";

const LABEL_STUDIO_EXPORT = [
  {
    id: 17,
    data: { text: LS_TEXT, title: "The count", url: "https://courier.example/count" },
    annotations: [
      {
        id: 1001,
        completed_by: { email: "ana@example.com" },
        was_cancelled: false,
        result: [
          {
            id: "q1",
            from_name: "label",
            to_name: "text",
            type: "labels",
            value: { start: 0, end: 9, text: "“We won,”", labels: ["QUOTE"] },
          },
          {
            id: "p1",
            from_name: "label",
            to_name: "text",
            type: "labels",
            value: { start: 15, end: 23, text: "Ana Ruiz", labels: ["PER"] },
          },
          { id: "p1", from_name: "canonicalName", to_name: "text", type: "textarea", value: { text: ["Ana Ruiz"] } },
          { id: "p1", from_name: "sentiment", to_name: "text", type: "choices", value: { choices: ["positive"] } },
          {
            id: "o1",
            from_name: "label",
            to_name: "text",
            type: "labels",
            value: { start: 42, end: 51, text: "Acme Corp", labels: ["ORG"] },
          },
          { from_id: "p1", to_id: "q1", type: "relation", direction: "left", labels: ["said_by"] },
        ],
      },
      { id: 1002, completed_by: 3, was_cancelled: true, result: [] },
    ],
    predictions: [
      {
        model_version: "ner-v2",
        score: 0.8,
        result: [
          { id: "x", from_name: "label", to_name: "text", type: "labels", value: { start: 15, end: 18, text: "Ana", labels: ["PER"] } },
        ],
      },
    ],
  },
  { id: 18, data: { body: "A task whose text is under another key." }, annotations: [] },
  { id: 19, nothing: true },
];

describe("readLabelStudio", () => {
  const { documents, problems } = readLabelStudio(file("project-1.json", LABEL_STUDIO_EXPORT));

  it("reads each task's text (data.text, else its longest string), metadata, regions and predictions", () => {
    expect(documents.map((document) => document.text)).toEqual([LS_TEXT, "A task whose text is under another key."]);
    const [task] = documents;
    expect(task!.label).toBe("project-1.json#1 (task 17)");
    expect(task!.unit).toBe("codepoint");
    expect(task!.metadata).toEqual({ title: "The count", url: "https://courier.example/count" });
    expect(
      task!.spans.map(({ id, label, start, end, quote, author, prediction }) => ({ id, label, start, end, quote, author, prediction })),
    ).toEqual([
      { id: "a1:q1", label: "QUOTE", start: 0, end: 9, quote: "“We won,”", author: "ana@example.com", prediction: undefined },
      { id: "a1:p1", label: "PER", start: 15, end: 23, quote: "Ana Ruiz", author: "ana@example.com", prediction: undefined },
      { id: "a1:o1", label: "ORG", start: 42, end: 51, quote: "Acme Corp", author: "ana@example.com", prediction: undefined },
      { id: "p1:x", label: "PER", start: 15, end: 18, quote: "Ana", author: "ner-v2", prediction: true },
    ]);
    expect(task!.spans[1]!.attributes).toEqual({ canonicalName: "Ana Ruiz" });
  });

  it("turns a left relation round, so that links run from the quote to its speaker", () => {
    expect(documents[0]!.links).toEqual([{ from: "a1:q1", to: "a1:p1", type: "said_by" }]);
  });

  it("reports cancelled annotations, results it has no place for, and items that are not tasks", () => {
    expect(problems).toEqual([
      { label: "project-1.json#1 (task 17)", error: "annotation 1002 was cancelled (skipped) in Label Studio: not imported" },
      { label: "project-1.json#1 (task 17)", error: '1 choices "sentiment" result not imported (Margin has no place for them)' },
      { label: "project-1.json#3", error: "not a Label Studio task: expected an object with `data` (and `annotations`)" },
    ]);
  });
});

describe("readDoccano", () => {
  it("reads sequence labelling lines (label or labels) and relation extraction lines, with metadata", () => {
    const { documents, problems } = readDoccano(
      jsonl("doccano.jsonl", [
        {
          id: 1,
          text: "Ana Ruiz met Acme Corp. 😀",
          label: [
            [0, 8, "PER"],
            [13, 22, "ORG"],
          ],
          title: "Meeting",
        },
        { id: 2, text: "Li Wei spoke.", labels: [[0, 6, "PER"]], url: "https://news.example/li" },
        {
          id: 3,
          text: "Li Wei said taxes rise.",
          entities: [
            { id: 10, label: "PER", start_offset: 0, end_offset: 6 },
            { id: 11, label: "CLAIM", start_offset: 12, end_offset: 22 },
          ],
          relations: [{ id: 5, from_id: 11, to_id: 10, type: "source" }],
        },
        { id: 4, text: "A review.", label: ["positive"] },
      ]),
    );
    expect(documents.map((document) => [document.label, document.spans.map((span) => [span.label, span.start, span.end])])).toEqual([
      [
        "doccano.jsonl:1 (id 1)",
        [
          ["PER", 0, 8],
          ["ORG", 13, 22],
        ],
      ],
      ["doccano.jsonl:2 (id 2)", [["PER", 0, 6]]],
      [
        "doccano.jsonl:3 (id 3)",
        [
          ["PER", 0, 6],
          ["CLAIM", 12, 22],
        ],
      ],
      ["doccano.jsonl:4 (id 4)", []],
    ]);
    // doccano's view counts JavaScript string positions (doccano#2290).
    expect(documents.map((document) => document.unit)).toEqual(["utf16", "utf16", "utf16", "utf16"]);
    expect(documents[0]!.metadata).toEqual({ title: "Meeting" });
    expect(documents[1]!.metadata).toEqual({ url: "https://news.example/li" });
    expect(documents[2]!.links).toEqual([{ from: "11", to: "10", type: "source" }]);
    expect(problems).toEqual([{ label: "doccano.jsonl:4 (id 4)", error: "1 document category not imported (text classification)" }]);
  });

  it("reports a line that is not JSON and goes on with the next", () => {
    const { documents, problems } = readDoccano(
      file("broken.jsonl", '{"text": "One.", "label": []}\n{oops\n{"text": "Two.", "label": []}\n'),
    );
    expect(documents.map((document) => document.text)).toEqual(["One.", "Two."]);
    expect(problems).toEqual([{ label: "broken.jsonl:2", error: "not valid JSON (a JSON Lines file holds one JSON object per line)" }]);
  });
});

describe("readSpacy", () => {
  it("reads spans and meta, skips rejected and ignored Prodigy answers with a problem, and links relations", () => {
    const { documents, problems } = readSpacy(
      jsonl("prodigy.jsonl", [
        {
          text: "Ana Ruiz said “yes”.",
          tokens: [{ text: "Ana", start: 0, end: 3, id: 0 }],
          spans: [
            { start: 0, end: 8, label: "PERSON", token_start: 0, token_end: 1 },
            { start: 14, end: 19, label: "QUOTE", token_start: 3, token_end: 5 },
          ],
          relations: [
            {
              head: 3,
              child: 0,
              label: "speaker",
              head_span: { start: 14, end: 19, label: "QUOTE" },
              child_span: { start: 0, end: 8, label: "PERSON" },
            },
          ],
          meta: { id: "n1", title: "Yes" },
          answer: "accept",
        },
        { text: "Rejected.", spans: [], answer: "reject" },
        { text: "Ignored.", spans: [], answer: "ignore" },
      ]),
    );
    expect(documents).toHaveLength(1);
    expect(documents[0]!.metadata.title).toBe("Yes");
    expect(documents[0]!.spans.map((span) => [span.id, span.label, span.start, span.end])).toEqual([
      ["1", "PERSON", 0, 8],
      ["2", "QUOTE", 14, 19],
    ]);
    expect(documents[0]!.links).toEqual([{ from: "2", to: "1", type: "speaker" }]);
    expect(problems).toEqual([
      { label: "prodigy.jsonl:2", error: 'answered "reject" in Prodigy: skipped' },
      { label: "prodigy.jsonl:3", error: 'answered "ignore" in Prodigy: skipped' },
    ]);
  });
});

describe("detectFormat", () => {
  it("tells the formats apart by extension and by their first item", () => {
    expect(detectFormat([file("project.json", LABEL_STUDIO_EXPORT)])).toBe("labelstudio");
    expect(detectFormat([jsonl("a.jsonl", [{ text: "x", label: [[0, 1, "A"]] }])])).toBe("doccano");
    expect(detectFormat([jsonl("a.jsonl", [{ text: "x", entities: [], relations: [] }])])).toBe("doccano");
    expect(detectFormat([jsonl("a.jsonl", [{ text: "x", spans: [] }])])).toBe("spacy");
    expect(detectFormat([file("a.jsonld", "{}")])).toBe("w3c");
    expect(detectFormat([file("a.json", { "@context": "http://www.w3.org/ns/anno.jsonld", type: "Annotation" })])).toBe("w3c");
    expect(detectFormat([file("a.txt", "x"), file("a.ann", "T1\tPER 0 1\tx")])).toBe("brat");
    expect(detectFormat([file("a.zip", "")])).toBe("brat");
    expect(detectFormat([file("train.conll", "EU B-ORG")])).toBe("conll");
    expect(detectFormat([jsonl("a.jsonl", [{ text: "Not labelled yet." }])])).toBe("doccano");
    expect(detectFormat([file("notes.json", { hello: "world" })])).toBeNull();
  });
});
