/**
 * A small dataset with the traps every format must survive: curly quotes, an em dash, an emoji outside the
 * Basic Multilingual Plane and a ZWJ sequence before the entities (so code points and UTF-16 disagree), a
 * quote with its speaker, two adjacent entities of one label (IOB1's B-), a discontinuous span, attributes,
 * a note and a prediction.
 */
import type { NeutralDataset } from "./model";

/** The code-point offsets of a quote's first occurrence after `from` (a UTF-16 position). */
function at(text: string, quote: string, from = 0): { start: number; end: number } {
  const index = text.indexOf(quote, from);
  if (index < 0) throw new Error(`the sample has no ${quote}`);
  const start = Array.from(text.slice(0, index)).length;
  return { start, end: start + Array.from(quote).length };
}

const first = "Mayor Ana Ruiz 🚒 said: “We will rebuild — every 👩‍👩‍👧 home.”\nCity Hall confirmed 12 million euros.";
const second = "Workers on the Paris Lyon line 🇫🇷 reported strikes. Unions said “no deal” on Friday.";

function fragment(text: string, quote: string): [number, number] {
  const { start, end } = at(text, quote);
  return [start, end];
}

export function sampleDataset(): NeutralDataset {
  return {
    documents: [
      {
        id: "rebuild",
        title: "Mayor promises to rebuild",
        text: first,
        entities: [
          { id: "e1", label: "PER", ...at(first, "Ana Ruiz"), attributes: { kind: "person" }, note: "the mayor" },
          { id: "e2", label: "QUOTE", ...at(first, "“We will rebuild — every 👩‍👩‍👧 home.”"), attributes: { direct: true } },
          { id: "e3", label: "ORG", ...at(first, "City Hall") },
          {
            id: "e4",
            label: "FIGURE",
            ...at(first, "12 million euros"),
            fragments: [fragment(first, "12"), fragment(first, "million euros")],
            attributes: { unit: "euros" },
          },
        ],
        relations: [{ from: "e2", to: "e1", type: "speaker" }],
      },
      {
        id: "strikes",
        text: second,
        entities: [
          { id: "e1", label: "LOC", ...at(second, "Paris") },
          { id: "e2", label: "LOC", ...at(second, "Lyon") },
          { id: "e3", label: "ORG", ...at(second, "Unions"), prediction: true, score: 0.87 },
          { id: "e4", label: "QUOTE", ...at(second, "“no deal”") },
        ],
        relations: [],
      },
    ],
  };
}
