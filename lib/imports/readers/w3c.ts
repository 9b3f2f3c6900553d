/**
 * W3C Web Annotation JSON-LD (https://www.w3.org/TR/annotation-model/): a single Annotation, an array of
 * them (Recogito), an AnnotationCollection (its embedded `first` page's `items`) or AnnotationPage
 * (`items`), or Hypothesis's API search result (`{ rows: [...] }`).
 *
 * Each annotation with a tagging label becomes a span: the label is a TextualBody whose purpose is
 * "tagging" or "classifying" (one span per such body), or each of a Hypothesis row's `tags`. A "commenting"
 * body (or a Hypothesis row's `text`) is the note; an "identifying" TextualBody naming someone (not a URI)
 * is the actor's canonical name; Margin's own `margin:attributes` extension gives the attributes it holds in
 * Margin's names. Its place: the target's TextQuoteSelector (exact, prefix, suffix) and TextPositionSelector
 * (start, end). Positions are code points as the model says, except Hypothesis's, which its browser client
 * counts in UTF-16 code units: a Hypothesis file is read with unit "utf16". Either way the anchoring step
 * places a span by its quote when the positions do not give it.
 * Links: an annotation with motivation "linking" joins two annotations, either Margin's way (target the
 * linking annotation, a SpecificResource body with purpose "linking" the linked one) or Recogito's (two
 * targets); its tagging body names the relation.
 *
 * The text: annotations never carry the document's text, so it comes as companion files. Annotations are
 * grouped by their target's `source`; a source's text is the companion `X.txt` where X is the source's last
 * segment (after the last "/" or ":", without an extension and decoded), so `urn:margin:article:abc` reads
 * `abc.txt` and `https://news.example/2025/story.html` reads `story.txt`. When one source and one companion
 * are left unmatched, they go together (a Recogito export with its text under any name). A source with no
 * text is reported with the file name it needs, and its annotations are not imported.
 */
import {
  MARGIN_ATTRIBUTES,
  type ForeignDocument,
  type ForeignFile,
  type ForeignLink,
  type ForeignProblem,
  type ForeignReadResult,
  type ForeignSpan,
} from "@/lib/imports/foreign-document";
import { isObject } from "./json-items";

type Json = Record<string, unknown>;
type Parsed = { annotations: Json[]; hypothesis: boolean } | { error: string };

const EXPECTED =
  "expected W3C Web Annotation JSON-LD: an Annotation, an array of them, an AnnotationCollection or AnnotationPage, or Hypothesis's { rows }";

const asList = (value: unknown): unknown[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);
const types = (value: Json): string[] => asList(value.type ?? value["@type"]).filter((type): type is string => typeof type === "string");
const idOf = (value: unknown): string | null =>
  typeof value === "string"
    ? value
    : isObject(value) && typeof (value.id ?? value["@id"]) === "string"
      ? ((value.id ?? value["@id"]) as string)
      : null;

function parse(bytes: Buffer): Parsed {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString("utf8").replace(/^\uFEFF/, ""));
  } catch (error) {
    return { error: `is not JSON (${error instanceof Error ? error.message : String(error)}); ${EXPECTED}` };
  }
  if (Array.isArray(json)) return { annotations: json.filter(isObject), hypothesis: false };
  if (!isObject(json)) return { error: EXPECTED };
  if (Array.isArray(json.rows)) return { annotations: json.rows.filter(isObject), hypothesis: true };
  if (types(json).includes("AnnotationCollection")) {
    if (!isObject(json.first))
      return { error: "is an AnnotationCollection whose pages are not embedded (`first` is a link); export it with its items" };
    return { annotations: asList(json.first.items).filter(isObject), hypothesis: false };
  }
  if (Array.isArray(json.items)) return { annotations: json.items.filter(isObject), hypothesis: false };
  if (types(json).includes("Annotation")) return { annotations: [json], hypothesis: false };
  return { error: EXPECTED };
}

/** The last segment of a source URI, without an extension: the base name of its companion text. */
export function companionName(source: string): string {
  const bare = source.replace(/[?#].*$/, "").replace(/\/+$/, "");
  const last = bare.slice(Math.max(bare.lastIndexOf("/"), bare.lastIndexOf(":")) + 1);
  let decoded = last;
  try {
    decoded = decodeURIComponent(last);
  } catch {
    // A malformed escape: the segment as written.
  }
  return decoded.replace(/\.[A-Za-z0-9]{1,5}$/, "");
}

function author(annotation: Json): string | undefined {
  if (typeof annotation.user === "string") return annotation.user;
  const creators = [
    ...asList(annotation.creator),
    ...asList(annotation.body).flatMap((body) => (isObject(body) ? asList(body.creator) : [])),
  ];
  for (const creator of creators) {
    if (typeof creator === "string") return creator;
    if (!isObject(creator)) continue;
    const email = asList(creator.email)[0];
    if (typeof email === "string") return email.replace(/^mailto:/, "");
    if (typeof creator.name === "string") return creator.name;
    if (typeof creator.id === "string") return creator.id;
  }
  return undefined;
}

type Target = { source: string; selectors: Json[] };

function target(annotation: Json): Target | null {
  for (const candidate of asList(annotation.target)) {
    if (!isObject(candidate)) continue;
    const source = idOf(candidate.source) ?? "";
    const selectors = asList(candidate.selector).filter(isObject);
    if (selectors.length) return { source, selectors };
  }
  return null;
}

type Read = { source: string; spans: ForeignSpan[]; title?: string };

function readAnnotation(annotation: Json, index: number, hypothesis: boolean, label: string, problems: ForeignProblem[]): Read | null {
  const id = idOf(annotation) ?? `#${index + 1}`;
  const where = `${label} annotation ${id}`;
  const bodies = asList(annotation.body).filter(isObject);
  const purposeOf = (body: Json) => asList(body.purpose).filter((purpose) => typeof purpose === "string");
  const valueOf = (body: Json) => (typeof body.value === "string" ? body.value : null);
  const labels = hypothesis
    ? asList(annotation.tags).filter((tag): tag is string => typeof tag === "string" && tag.trim() !== "")
    : bodies.filter((body) => purposeOf(body).some((p) => p === "tagging" || p === "classifying")).flatMap((body) => valueOf(body) ?? []);
  if (labels.length === 0) {
    problems.push({
      label: where,
      error: hypothesis ? "has no tags to use as its label; not imported" : "has no tagging body to use as its label; not imported",
    });
    return null;
  }
  const place = target(annotation);
  if (!place) {
    problems.push({ label: where, error: "has no TextQuoteSelector or TextPositionSelector in its target; not imported" });
    return null;
  }
  const quote = place.selectors.find((selector) => types(selector).includes("TextQuoteSelector"));
  const position = place.selectors.find((selector) => types(selector).includes("TextPositionSelector"));
  const span: Omit<ForeignSpan, "id" | "label"> = {};
  if (quote && typeof quote.exact === "string") {
    span.quote = quote.exact;
    if (typeof quote.prefix === "string") span.prefix = quote.prefix;
    if (typeof quote.suffix === "string") span.suffix = quote.suffix;
  }
  if (position) {
    const { start, end } = position;
    if (Number.isInteger(start) && Number.isInteger(end) && (start as number) >= 0 && (start as number) <= (end as number)) {
      span.start = start as number;
      span.end = end as number;
    } else
      problems.push({
        label: where,
        error: `TextPositionSelector ${String(start)}–${String(end)} is not a range${span.quote ? "; placed by its quote" : ""}`,
      });
  }
  if (span.start === undefined && span.quote === undefined) {
    problems.push({ label: where, error: "has neither a usable TextQuoteSelector nor TextPositionSelector; not imported" });
    return null;
  }
  const notes = hypothesis
    ? [annotation.text].filter((text): text is string => typeof text === "string" && text.trim() !== "")
    : bodies.filter((body) => purposeOf(body).includes("commenting")).flatMap((body) => valueOf(body) ?? []);
  if (notes.length) span.note = notes.join("\n");
  const attributes: Record<string, unknown> = {};
  const identifying = bodies.find((body) => purposeOf(body).includes("identifying") && valueOf(body) !== null);
  const name = identifying ? valueOf(identifying)! : null;
  // Only a plain name: an identifying body that is a URI (a Wikidata item) names no one readable.
  if (name && !/^[a-z][a-z0-9+.-]*:\S*$/i.test(name)) attributes.canonicalName = name;
  const margin = annotation["margin:attributes"];
  if (isObject(margin)) for (const key of MARGIN_ATTRIBUTES) if (key in margin) attributes[key] = margin[key];
  if (Object.keys(attributes).length) span.attributes = attributes;
  const by = author(annotation);
  if (by) span.author = by;
  const title = isObject(annotation.document) ? asList(annotation.document.title).find((t) => typeof t === "string") : undefined;
  return {
    source: place.source,
    spans: labels.map((value, position) => ({ id: position === 0 ? id : `${id}#${position + 1}`, label: value, ...span })),
    ...(typeof title === "string" ? { title } : {}),
  };
}

function readLink(annotation: Json): { from: string | null; to: string | null; type: string } {
  const bodies = asList(annotation.body).filter(isObject);
  const targets = asList(annotation.target).map(idOf);
  const linked = bodies.find((body) => types(body).includes("SpecificResource") || asList(body.purpose).includes("linking"));
  const tagging = bodies.find((body) => asList(body.purpose).includes("tagging") && typeof body.value === "string");
  return {
    from: targets[0] ?? null,
    to: targets.length > 1 ? (targets[1] ?? null) : linked ? (idOf(linked.source) ?? idOf(linked)) : null,
    type: tagging ? (tagging.value as string) : "link",
  };
}

function decode(file: ForeignFile, problems: ForeignProblem[]): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(file.bytes);
  } catch {
    problems.push({ label: file.name, error: "is not UTF-8 text" });
    return null;
  }
}

export function readW3c(file: ForeignFile, companions: ForeignFile[] = []): ForeignReadResult {
  const parsed = parse(file.bytes);
  if ("error" in parsed) return { documents: [], problems: [{ label: file.name, error: parsed.error }] };
  const problems: ForeignProblem[] = [];
  const groups = new Map<string, { spans: ForeignSpan[]; links: ForeignLink[]; title?: string }>();
  const sourceOfSpan = new Map<string, string>();
  const links: { annotation: Json; index: number }[] = [];
  parsed.annotations.forEach((annotation, index) => {
    if (asList(annotation.motivation).includes("linking")) return links.push({ annotation, index });
    const read = readAnnotation(annotation, index, parsed.hypothesis, file.name, problems);
    if (!read) return;
    const group = groups.get(read.source) ?? { spans: [] as ForeignSpan[], links: [] as ForeignLink[] };
    group.spans.push(...read.spans);
    group.title ??= read.title;
    groups.set(read.source, group);
    for (const span of read.spans) sourceOfSpan.set(span.id, read.source);
  });
  for (const { annotation, index } of links) {
    const { from, to, type } = readLink(annotation);
    const source = from ? sourceOfSpan.get(from) : undefined;
    if (!from || !to || source === undefined || sourceOfSpan.get(to) !== source) {
      problems.push({
        label: `${file.name} annotation ${idOf(annotation) ?? `#${index + 1}`}`,
        error: `a link (${type}) whose ends are not two tagging annotations of one document in this file; not imported`,
      });
      continue;
    }
    groups.get(source)!.links.push({ from, to, type });
  }

  // Each source's text: the companion named after it, then a lone source with a lone companion.
  const byName = new Map(companions.map((companion) => [companion.name.replace(/^.*[\\/]/, "").replace(/\.txt$/i, ""), companion]));
  const texts = new Map<string, ForeignFile>();
  for (const source of groups.keys()) {
    const companion = byName.get(companionName(source));
    if (companion) texts.set(source, companion);
  }
  const unmatchedSources = [...groups.keys()].filter((source) => !texts.has(source));
  const used = new Set(texts.values());
  const unusedCompanions = companions.filter((companion) => !used.has(companion));
  if (unmatchedSources.length === 1 && unusedCompanions.length === 1) texts.set(unmatchedSources[0]!, unusedCompanions[0]!);

  const documents: ForeignDocument[] = [];
  for (const [source, group] of groups) {
    const companion = texts.get(source);
    if (!companion) {
      const wanted = source ? `${companionName(source)}.txt` : "a .txt beside it";
      problems.push({
        label: `${file.name} ${source || "(no source)"}`,
        error: `W3C annotations do not carry their document's text: give it as ${wanted}; its ${group.spans.length} annotations were not imported`,
      });
      continue;
    }
    const text = decode(companion, problems);
    if (text === null) continue;
    documents.push({
      label: `${file.name} ${source || companion.name}`,
      text,
      unit: parsed.hypothesis ? "utf16" : "codepoint",
      metadata: { ...(group.title ? { title: group.title } : {}), ...(/^https?:\/\//.test(source) ? { url: source } : {}) },
      spans: group.spans,
      links: group.links,
    });
  }
  if (parsed.annotations.length === 0) problems.push({ label: file.name, error: `holds no annotations; ${EXPECTED}` });
  return { documents, problems };
}
