/**
 * `npm run bench:recogito`: Recogito's text annotator on the article of bench/editor.ts (same text, same
 * tags), from navigation to its highlights painted; bench/editor.ts runs the same comparison after its own
 * figures. Needs no build and no database; installs the package on first use (bench/recogito-annotator.ts).
 * Options: --chars N --tags N --runs N --renderers SPANS,CSS_HIGHLIGHTS.
 */
import { parseArgs } from "node:util";
import { measureRecogito } from "./recogito-annotator";
import { benchText, charsFor, tagSpans } from "./tagged-text";

const { values } = parseArgs({
  options: {
    chars: { type: "string", default: "100000" },
    tags: { type: "string", default: "5000" },
    runs: { type: "string", default: "5" },
    renderers: { type: "string", default: "SPANS,CSS_HIGHLIGHTS" },
  },
});

async function main() {
  const tags = Number(values.tags);
  const { text, random } = benchText(1, charsFor(tags, Number(values.chars)));
  const spans = tagSpans(text, tags, random);
  console.log(`article: ${text.length.toLocaleString("en")} characters, ${tags.toLocaleString("en")} tags`);
  for (const line of await measureRecogito({ text, spans, runs: Number(values.runs), renderers: values.renderers.split(",") }))
    console.log(line);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
