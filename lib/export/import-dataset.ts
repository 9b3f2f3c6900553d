/**
 * `import --format margin-json`: a Margin dataset (the `json` export, or jsonl lines with a known unit)
 * into a project, reproducing its articles, tags, attributes and relations. Each article goes through the
 * ordinary import (importArticle, text kept exactly: furniture detection off) after a dry run proves its
 * canonical text comes out unchanged, since every offset counts into it; then its tags are written with
 * new ids (links remapped), before any live document exists. A dataset is a claim, not a credential:
 * - people are matched by email among the project's members only (anyone else becomes the importer), so
 *   an import cannot put outsiders' names on tags nor learn which emails have accounts;
 * - decisions and statuses are kept only when the importer may make them (an owner, or the operator's
 *   CLI): otherwise every tag arrives pending and the article not yet in review, and what the dataset
 *   claimed (its authors, status and decisions) goes into each tag's history as an "imported" event,
 *   which every import writes (a decision by Margin itself stays Margin's);
 * then
 * the live documents are built from these rows and stored, so that the first person to open a heavily
 * tagged article does not wait for it (about 0.4 s for 5,000 tags). An article fails alone, and a failure
 * writes nothing of it.
 * A duplicate (same text already in the project) is reported and skipped, as other imports do.
 * Another tool's annotated files (lib/imports) come through the same per-article path (ArticleImporter),
 * turned into this shape first.
 * However many articles a dataset holds, the import keeps counts and a bounded list of results, and gives
 * way to other requests as it goes (a million empty articles once held the server for half a minute).
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { OffsetIndex, type OffsetUnit } from "@/lib/tags/offsets";
import { ATTRIBUTE_SCHEMAS, LINK_ATTRIBUTES } from "@/lib/tags/schema";
import { draftFromSource, finalizeDraft } from "@/lib/articles/draft";
import { metadataSchema } from "@/lib/articles/import-schema";
import { importArticle, type ImportResult } from "@/lib/articles/mutations";
import type { ProjectAccess } from "@/lib/auth/context";
import { seedDocuments } from "@/lib/tags/mutations";
import { AppError } from "@/lib/errors";
import { clusterAround, describeCodePoints } from "@/lib/text/graphemes";
import { firstUnstorable, unstorableMessage } from "@/lib/text/storable";
import { MARGIN_REVIEWER } from "./build";
import { memberIdsByEmail } from "./data";
import { datasetArticleSchema, datasetHeaderSchema, type DatasetArticle } from "./dataset-schema";
import { deleteImportedArticle, insertImportedTags, type ImportedEventRow, type ImportedReviewRow, type ImportedTagRow } from "./mutations";
import { can } from "@/lib/auth/permissions";
import { pauseEvery } from "@/lib/event-loop";
import { ImportedActorLinks } from "./import-actor-links";
import type { StreamedJsonBody } from "@/lib/http/body";

export type DatasetImportResult = ImportResult & { tags?: number };

/**
 * What an import answers: every article counted, and results listed up to a bound (the first ones, then
 * the first failures after them, which are what a person reads the list for); `more` were not listed.
 */
export type DatasetImportReport = {
  counts: Record<DatasetImportResult["status"], number>;
  tags: number;
  results: DatasetImportResult[];
  more: number;
};

/** Results an HTTP import lists in full: the first ones, and as many failures after them. */
export const LISTED_RESULTS = 100;

class Report {
  readonly report: DatasetImportReport = { counts: { imported: 0, duplicate: 0, failed: 0 }, tags: 0, results: [], more: 0 };
  private failuresAfter = 0;
  constructor(private readonly listed: number) {}

  add(result: DatasetImportResult): void {
    const { report } = this;
    report.counts[result.status]++;
    report.tags += result.tags ?? 0;
    if (report.results.length < this.listed) report.results.push(result);
    else if (result.status === "failed" && this.failuresAfter < this.listed) {
      report.results.push(result);
      this.failuresAfter++;
    } else report.more++;
  }
}

type Checked = { article: DatasetArticle; spans: { start: number; end: number }[] };

function describeIssue(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0]!;
  return `${issue.path.length ? `${issue.path.join(".")}: ` : ""}${issue.message}`;
}

/** The document's unit and articles, or a 400 when it is not a Margin dataset at all. */
export function readDatasetDocument(value: unknown): { offsetUnit: OffsetUnit; articles: unknown[] } {
  const parsed = datasetHeaderSchema.safeParse(value);
  if (!parsed.success) throw new AppError("bad_request", describeIssue(parsed.error), "file");
  return parsed.data;
}

/**
 * What can be checked without the database: text it can store (a NUL in a note would fail the tags' write,
 * the HTTP route refuses it with the whole body), shape, offsets inside the text, covered words, attributes.
 */
function checkArticle(raw: unknown, unit: OffsetUnit): { ok: true; value: Checked } | { ok: false; error: string } {
  const unstorable = firstUnstorable(raw);
  if (unstorable !== null) return { ok: false, error: unstorableMessage(unstorable) };
  const parsed = datasetArticleSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: describeIssue(parsed.error) };
  const article = parsed.data;
  const index = new OffsetIndex(article.text);
  const spans: Checked["spans"] = [];
  for (const tag of article.tags) {
    let start: number, end: number;
    try {
      start = index.convert(tag.start, unit, "codepoint");
      end = index.convert(tag.end, unit, "codepoint");
    } catch (error) {
      return { ok: false, error: `tag ${tag.id}: ${(error as Error).message}` };
    }
    if (start >= end || end > index.codePointLength)
      return { ok: false, error: `tag ${tag.id}: ${tag.start}-${tag.end} is not a span of the text` };
    const covered = article.text.slice(index.toUtf16(start), index.toUtf16(end));
    if (covered !== tag.text)
      return { ok: false, error: `tag ${tag.id}: the text at ${tag.start}-${tag.end} (${unit}) is "${covered}", not "${tag.text}"` };
    // Half an emoji or a letter without its accent: the API and the editor refuse such a span too.
    for (const [name, at] of [
      ["start", tag.start],
      ["end", tag.end],
    ] as const) {
      const cluster = clusterAround(article.text, index.toUtf16(name === "start" ? start : end));
      if (cluster)
        return {
          ok: false,
          error: `tag ${tag.id}: ${name} ${at} (${unit}) splits the character "${cluster.text}" (${describeCodePoints(cluster.text)})`,
        };
    }
    const attributes = ATTRIBUTE_SCHEMAS[tag.label].safeParse(tag.attributes);
    if (!attributes.success) return { ok: false, error: `tag ${tag.id}: attributes: ${describeIssue(attributes.error)}` };
    spans.push({ start, end });
  }
  return { ok: true, value: { article, spans } };
}

/** The dry run of the ordinary import: refuses an article whose text the import would change. */
async function prepare(label: string, article: DatasetArticle) {
  const metadata = metadataSchema.safeParse({
    title: article.title,
    byline: article.byline,
    source: article.source,
    url: article.url,
    publishedAt: article.publishedAt,
    language: article.language,
  });
  if (!metadata.success) return { ok: false as const, error: describeIssue(metadata.error) };
  const prepared = finalizeDraft(await draftFromSource("text", article.text, { verbatim: true }), {
    metadata: metadata.data,
    keepArtifacts: true,
  });
  if (!prepared.ok) return { ok: false as const, error: prepared.message };
  if (prepared.value.text !== article.text)
    return {
      ok: false as const,
      error: "its text is not in Margin's canonical form (the import would change it, and every offset with it)",
    };
  return {
    ok: true as const,
    item: { label, kind: "text" as const, source: article.text, verbatim: true, input: { ...metadata.data, keepArtifacts: true } },
  };
}

/** Emails remembered between articles; past this the memory starts again (a dataset may name millions). */
const REMEMBERED_PEOPLE = 10_000;

class People {
  private readonly ids = new Map<string, string | null>();
  constructor(
    private readonly access: ProjectAccess,
    private readonly fallbackUserId: string,
  ) {}

  async load(article: DatasetArticle): Promise<void> {
    const emails = article.tags
      .flatMap((tag) => [...tag.authors, ...tag.reviews.map((review) => review.reviewer)].map((person) => person.email.toLowerCase()))
      .filter((email) => !this.ids.has(email));
    if (!emails.length) return;
    if (this.ids.size + emails.length > REMEMBERED_PEOPLE) this.ids.clear();
    const found = await memberIdsByEmail(this.access, emails);
    for (const email of emails) this.ids.set(email, found.get(email) ?? null);
  }

  author(email: string): string {
    return this.ids.get(email.toLowerCase()) ?? this.fallbackUserId;
  }

  reviewer(person: { id: string; email: string }): string | null {
    if (person.id === MARGIN_REVIEWER.id && person.email === MARGIN_REVIEWER.email) return null;
    return this.author(person.email);
  }
}

/**
 * How an import treats what the dataset claims: whether its decisions stand, who is importing, the source
 * named in each tag's history, the article's origin, and what else a tag's history records (another
 * tool's import: the file's own id and label for the tag).
 */
type ImportPolicy = {
  keepDecisions: boolean;
  importerId: string | null;
  source: string;
  origin: string;
  history?: ReadonlyMap<string, Record<string, unknown>>;
  /** The project's actor records, which imported actor tags are linked to. */
  actors?: ImportedActorLinks;
};

function rowsOf(
  articleId: string,
  { article, spans }: Checked,
  people: People,
  policy: ImportPolicy,
): { tags: ImportedTagRow[]; reviews: ImportedReviewRow[]; events: ImportedEventRow[] } {
  const newIds = new Map(article.tags.map((tag) => [tag.id, randomUUID()]));
  const tags = article.tags.map((tag, position): ImportedTagRow => {
    const attributes: Record<string, unknown> = { ...tag.attributes };
    const link = LINK_ATTRIBUTES[tag.label];
    if (link && typeof attributes[link] === "string") {
      // A link to a tag the dataset does not hold (filtered out of the export) cannot be remapped: dropped.
      const target = newIds.get(attributes[link] as string);
      if (target) attributes[link] = target;
      else delete attributes[link];
    }
    const annotatorIds = [...new Set(tag.authors.map((author) => people.author(author.email)))];
    return {
      id: newIds.get(tag.id)!,
      articleId,
      label: tag.label,
      ...spans[position]!,
      text: tag.text,
      authorId: annotatorIds[0]!,
      annotatorIds,
      status: policy.keepDecisions ? tag.status : "pending",
      attributes,
      note: tag.note,
      createdAt: new Date(tag.createdAt),
      updatedAt: new Date(tag.updatedAt),
    };
  });
  const reviews = (policy.keepDecisions ? article.tags : []).flatMap((tag) =>
    tag.reviews.map((review): ImportedReviewRow => ({
      annotationId: newIds.get(tag.id)!,
      articleId,
      reviewerId: people.reviewer(review.reviewer),
      decision: review.decision,
      comment: review.comment,
      createdAt: new Date(review.at),
    })),
  );
  const now = new Date();
  const events = article.tags.map((tag): ImportedEventRow => ({
    annotationId: newIds.get(tag.id)!,
    articleId,
    actorId: policy.importerId,
    createdAt: now,
    data: {
      from: policy.source,
      id: tag.id,
      authors: tag.authors.map((author) => author.email),
      status: tag.status,
      reviews: tag.reviews.map((review) => ({
        reviewer: review.reviewer.email,
        decision: review.decision,
        at: review.at,
        comment: review.comment,
      })),
      decisionsKept: policy.keepDecisions,
      ...policy.history?.get(tag.id),
    },
  }));
  return { tags, reviews, events };
}

/** An article's status as imported: the dataset's when its decisions stand, else where its tags put it. */
function statusOf(article: DatasetArticle, policy: ImportPolicy): DatasetArticle["status"] {
  if (policy.keepDecisions) return article.status;
  return article.tags.length ? "in_progress" : "new";
}

/**
 * The one per-article path of every import that brings tags: a Margin dataset's articles and the
 * documents of another tool's file (lib/imports), each checked, stored and counted alone. `fallbackUserId`
 * stands for people without an account: the importing user, or for the operator's CLI the project's first
 * owner. `listed` bounds the results listed (the CLI, which prints a line per article, lists them all).
 */
export class ArticleImporter {
  private readonly people: People;
  private readonly policy: ImportPolicy;
  private readonly counted: Report;

  constructor(
    private readonly access: ProjectAccess<"articles:import">,
    fallbackUserId: string,
    options: { source: string; origin: string; listed?: number },
  ) {
    this.people = new People(access, fallbackUserId);
    // Decisions stand only when the importer may decide (owners; the operator's CLI acts as an owner).
    this.policy = {
      keepDecisions: can(access.role, "annotations:review"),
      importerId: access.userId,
      source: options.source,
      origin: options.origin,
      actors: new ImportedActorLinks(access.projectId, access.userId),
    };
    this.counted = new Report(options.listed ?? LISTED_RESULTS);
  }

  get report(): DatasetImportReport {
    return this.counted.report;
  }

  /** Counts an article that failed before it reached this path (another tool's document with no text). */
  fail(label: string, error: string): DatasetImportResult {
    const result: DatasetImportResult = { label, status: "failed", error };
    this.counted.add(result);
    return result;
  }

  /**
   * Imports one article in the dataset's shape (`raw`, checked here; offsets in `unit`), counts its result
   * and answers it. `history` adds to each tag's "imported" event, by the tag's id in `raw`.
   */
  async add(
    label: string,
    raw: unknown,
    unit: OffsetUnit,
    history?: ReadonlyMap<string, Record<string, unknown>>,
  ): Promise<DatasetImportResult> {
    const result = await importOne(this.access, label, raw, unit, this.people, history ? { ...this.policy, history } : this.policy);
    this.counted.add(result);
    return result;
  }
}

/** Imports `articles` (in `unit`) one by one: see ArticleImporter. */
export async function importDataset(
  access: ProjectAccess<"articles:import">,
  source: { name: string; offsetUnit: OffsetUnit; articles: Iterable<unknown> | AsyncIterable<unknown> },
  fallbackUserId: string,
  { listed = LISTED_RESULTS }: { listed?: number } = {},
): Promise<DatasetImportReport> {
  const importer = new ArticleImporter(access, fallbackUserId, { source: source.name, origin: `margin-json:${source.name}`, listed });
  // An article that fails its checks takes microseconds and awaits nothing: without pauses, a dataset of
  // them would hold the event loop for the whole import.
  const pause = pauseEvery(10);
  let position = 0;
  for await (const raw of source.articles) {
    await pause();
    await importer.add(`${source.name}#${++position}`, raw, source.offsetUnit);
  }
  return importer.report;
}

async function importOne(
  access: ProjectAccess<"articles:import">,
  label: string,
  raw: unknown,
  unit: OffsetUnit,
  people: People,
  policy: ImportPolicy,
): Promise<DatasetImportResult> {
  const checked = checkArticle(raw, unit);
  if (!checked.ok) return { label, status: "failed", error: checked.error };
  const prepared = await prepare(label, checked.value.article);
  if (!prepared.ok) return { label, status: "failed", error: prepared.error };
  const imported = await importArticle(access, prepared.item, policy.origin);
  if (imported.status !== "imported") return imported;
  await people.load(checked.value.article);
  const rows = rowsOf(imported.id, checked.value, people, policy);
  try {
    await policy.actors?.link(rows.tags);
    await insertImportedTags(imported.id, statusOf(checked.value.article, policy), rows.tags, rows.reviews, rows.events);
  } catch (error) {
    console.error(`[import] ${label}: tags refused`, error);
    await deleteImportedArticle(imported.id);
    return { label, status: "failed", error: "the database refused this article's tags; the error was logged" };
  }
  // Not a failure of the import when it fails: the first opening builds the documents from the same rows.
  if (rows.tags.length)
    await seedDocuments(imported.id).catch((error: unknown) => console.error(`[import] ${label}: live documents not built now`, error));
  return { ...imported, tags: rows.tags.length };
}

/**
 * A dataset sent over HTTP (`body`, read as it arrives; `name` labels the results): checked whole to be a
 * Margin dataset, then imported article by article with the importing user standing in for people without
 * an account.
 */
export async function importDatasetDocument(
  access: ProjectAccess<"articles:import">,
  document: { name: string; body: StreamedJsonBody },
): Promise<DatasetImportReport> {
  return document.body.open(async ({ head, items }) => {
    const { offsetUnit } = readDatasetDocument(head);
    return importDataset(access, { name: document.name, offsetUnit, articles: items() }, access.userId!);
  });
}
