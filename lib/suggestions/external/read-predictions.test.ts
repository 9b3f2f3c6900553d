import { describe, expect, it } from "vitest";
import { mapBackendLabel } from "./label-map";
import { DEFAULT_SCORE, readPredictions } from "./read-predictions";

// Curly quotes, an em dash, a flag (two code points), a ZWJ sequence and an astral emoji before most spans,
// so that code points and UTF-16 units disagree by several places.
const TEXT =
  "“We will not wait,” said Amara Okafor 🇳🇬 — the minister — on Tuesday. The Harbour Authority 🚢 moved 4.5 million tonnes, up 12%.\n\n" +
  "Okafor’s office 👩‍💻 said €3 billion was spent.";
const BACKEND = "the suggestion backend at http://test";

/** A Label Studio region for the `nth` occurrence of `words`, offsets in code points as Python counts them. */
function region(label: string, words: string, extra: Record<string, unknown> = {}, nth = 1) {
  let at = -1;
  for (let n = 0; n < nth; n++) at = TEXT.indexOf(words, at + 1);
  const start = [...TEXT.slice(0, at)].length;
  return {
    type: "labels",
    from_name: "label",
    to_name: "text",
    value: { start, end: start + [...words].length, text: words, labels: [label] },
    ...extra,
  };
}

const read = (body: unknown) => readPredictions(body, TEXT, BACKEND);

describe("mapBackendLabel", () => {
  it("maps Margin's own names in any case and the common NER labels, and nothing else", () => {
    expect(mapBackendLabel("Quote")).toEqual({ label: "quote" });
    expect(mapBackendLabel(" CLAIM ")).toEqual({ label: "claim" });
    expect(mapBackendLabel("PERSON")).toEqual({ label: "actor", kind: "person" });
    expect(mapBackendLabel("per")).toEqual({ label: "actor", kind: "person" });
    expect(mapBackendLabel("ORG")).toEqual({ label: "actor", kind: "organization" });
    expect(mapBackendLabel("NORP")).toEqual({ label: "actor", kind: "group" });
    expect(mapBackendLabel("GPE")).toEqual({ label: "actor", kind: "government" });
    for (const name of ["MONEY", "PERCENT", "QUANTITY", "CARDINAL"]) expect(mapBackendLabel(name)).toEqual({ label: "figure" });
    for (const name of ["DATE", "LOC", "MISC", "ORDINAL", ""]) expect(mapBackendLabel(name)).toBeNull();
  });
});

describe("readPredictions", () => {
  it("reads a 1.x answer: exact UTF-16 offsets past emoji, labels mapped, region scores over the prediction's", () => {
    const answer = read({
      results: [
        {
          model_version: "en_core_web_sm",
          score: 0.7,
          result: [
            region("Quote", "“We will not wait,”", { score: 0.95 }),
            region("PERSON", "Amara Okafor", { score: 0.9 }),
            region("ORG", "The Harbour Authority"),
            region("QUANTITY", "4.5 million tonnes"),
            region("PERCENT", "12%"),
            region("MONEY", "€3 billion", { score: 0.8 }),
            region("DATE", "Tuesday"),
          ],
        },
      ],
    });
    expect(answer.model).toBe("en_core_web_sm");
    expect(answer.suggestions.map(({ label, text, score, attributes }) => ({ label, text, score, attributes }))).toEqual([
      { label: "quote", text: "“We will not wait,”", score: 0.95, attributes: {} },
      { label: "actor", text: "Amara Okafor", score: 0.9, attributes: { kind: "person" } },
      { label: "actor", text: "The Harbour Authority", score: 0.7, attributes: { kind: "organization" } },
      { label: "figure", text: "4.5 million tonnes", score: 0.7, attributes: {} },
      { label: "figure", text: "12%", score: 0.7, attributes: {} },
      { label: "figure", text: "€3 billion", score: 0.8, attributes: {} },
    ]);
    for (const suggestion of answer.suggestions) {
      expect(TEXT.slice(suggestion.start, suggestion.end)).toBe(suggestion.text);
      expect(suggestion.key).toBe(`${suggestion.label}:${suggestion.start}-${suggestion.end}`);
    }
    // The code-point offset the backend sent is not the UTF-16 one past the flag and the ship.
    const money = answer.suggestions.find((suggestion) => suggestion.text === "€3 billion")!;
    expect(money.start).toBe(TEXT.indexOf("€3 billion"));
    expect(answer.problems).toEqual(["1 span with labels Margin does not use were left out: DATE (1)"]);
  });

  it("reads an older backend's bare list, with the default score when none is given", () => {
    const answer = read([{ result: [region("PERSON", "Okafor", {}, 2)] }]);
    expect(answer).toEqual({
      model: "unknown",
      problems: [],
      suggestions: [
        {
          key: expect.any(String),
          label: "actor",
          start: TEXT.lastIndexOf("Okafor"),
          end: TEXT.lastIndexOf("Okafor") + 6,
          text: "Okafor",
          score: DEFAULT_SCORE,
          attributes: { kind: "person" },
        },
      ],
    });
  });

  it("reads several predictions per task (lists in the list) and keeps the surer of two equal spans", () => {
    const answer = read({
      results: [
        [
          { result: [region("ORG", "The Harbour Authority", { score: 0.4 })] },
          { result: [region("org", "The Harbour Authority", { score: 0.6 })] },
        ],
      ],
      model_version: 7,
    });
    expect(answer.model).toBe("7");
    expect(answer.suggestions).toHaveLength(1);
    expect(answer.suggestions[0]!.score).toBe(0.6);
  });

  it("places spans whose offsets are off by their words, and leaves out what cannot be placed, saying why", () => {
    const shifted = region("PERSON", "Amara Okafor");
    shifted.value.start += 3;
    shifted.value.end += 3;
    const utf16 = region("PERCENT", "12%");
    utf16.value.start = TEXT.indexOf("12%");
    utf16.value.end = TEXT.indexOf("12%") + 3;
    const nowhere = region("PERSON", "Amara Okafor");
    nowhere.value.text = "Chidi Obi";
    const noWords = region("MONEY", "€3 billion", {});
    delete (noWords.value as { text?: string }).text;
    const outside = { type: "labels", value: { start: 10_000, end: 10_010, labels: ["PERSON"] } };
    const halfEmoji = {
      type: "labels",
      value: {
        start: [...TEXT.slice(0, TEXT.indexOf("👩"))].length,
        end: [...TEXT.slice(0, TEXT.indexOf("👩"))].length + 1,
        labels: ["ORG"],
      },
    };
    const answer = read({ results: [{ result: [shifted, utf16, nowhere, noWords, outside, halfEmoji] }] });
    expect(answer.suggestions.map(({ text }) => text)).toEqual(["Amara Okafor", "12%", "€3 billion"]);
    for (const suggestion of answer.suggestions) expect(TEXT.slice(suggestion.start, suggestion.end)).toBe(suggestion.text);
    expect(answer.problems).toEqual([
      expect.stringMatching(/^"Chidi Obi" \(\d+-\d+\) is not in the article's text$/),
      expect.stringMatching(/^10000-10010 is outside the article's text \(\d+ characters\)$/),
      expect.stringMatching(/^"👩" \(\d+-\d+\) cuts a character in two$/),
    ]);
  });

  it("drops spaces at a span's edges", () => {
    const padded = region("ORG", " The Harbour Authority ");
    const answer = read({ results: [{ result: [padded] }] });
    expect(answer.suggestions.map(({ text }) => text)).toEqual(["The Harbour Authority"]);
  });

  it("turns relations into the quote's speaker, and carries Margin's attributes from meta.margin", () => {
    const answer = read({
      results: [
        {
          result: [
            region("Quote", "“We will not wait,”", { id: "q1", meta: { margin: { direct: true, kind: "nonsense" } } }),
            region("Actor", "Amara Okafor", { id: "a1", meta: { margin: { kind: "person", canonicalName: "Amara Okafor" } } }),
            region("Figure", "12%", { id: "f1", meta: { margin: { value: 12, unit: "%", approximate: false } } }),
            { type: "relation", from_id: "q1", to_id: "a1", direction: "right", labels: ["speaker"] },
            { type: "relation", from_id: "f1", to_id: "a1", direction: "right", labels: [] },
          ],
        },
      ],
    });
    const [quote, actor, figure] = answer.suggestions;
    expect(quote!.attributes).toEqual({ direct: true, speakerKey: actor!.key });
    expect(actor!.attributes).toEqual({ kind: "person", canonicalName: "Amara Okafor" });
    expect(figure!.attributes).toEqual({ value: 12, unit: "%", approximate: false });
    expect(answer.problems).toEqual(["relations that do not join a quote or claim to an actor were left out"]);
  });

  it("clamps scores outside 0 to 1 and says so; other region types are left out and said", () => {
    const answer = read({
      results: [{ score: 3, result: [region("PERSON", "Amara Okafor"), { type: "choices", value: { choices: ["x"] } }] }],
    });
    expect(answer.suggestions[0]!.score).toBe(1);
    expect(answer.problems).toEqual([
      "scores outside 0 to 1 were clamped into it",
      "regions of type choices are not spans with a label and were left out",
    ]);
  });

  it("answers no suggestions for an empty answer, and throws for JSON that is no prediction answer", () => {
    expect(read({ results: [] })).toEqual({ suggestions: [], model: "unknown", problems: [] });
    expect(() => read({ detail: "model not loaded" })).toThrow(
      'the suggestion backend at http://test answered JSON that is not a Label Studio prediction answer (no "results" list; it has: detail)',
    );
    expect(() => read("OK")).toThrow(/it has: string/);
  });
});
