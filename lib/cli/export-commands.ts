/**
 * `margin export` (the dataset to stdout, streamed: constant memory whatever its size) and the dataset
 * side of `margin import --format margin-json`. Options mirror the HTTP API's query parameters in
 * kebab case and go through the same zod schemas, so a bad value is refused the same way (exit 2).
 */
import fs from "node:fs";
import readline from "node:readline";
import type { ProjectAccess } from "@/lib/auth/context";
import { unsafeOperatorProjectAccess } from "@/lib/auth/project-access";
import { AppError } from "@/lib/errors";
import { unsafeFirstOwnerId, unsafeUserIdsByEmail } from "@/lib/export/data";
import { startArticleExport, startProjectExport } from "@/lib/export/export";
import { importDataset, readDatasetDocument, type DatasetImportResult } from "@/lib/export/import-dataset";
import { articleExportQuerySchema, OFFSET_UNITS, projectExportQuerySchema } from "@/lib/export/schema-filters";
import { describeResult } from "./import-files";
import { CommandFailure, UsageError, type CommandOutput, type OptionSpec, type OptionValues } from "./command-types";

export const EXPORT_OPTIONS: OptionSpec = {
  project: { type: "string", description: "project slug", required: true },
  format: {
    type: "string",
    description:
      "json (default), jsonl, csv, w3c, conll (CoNLL-2003), conll-columns, spacy, labelstudio, doccano, brat (a zip: redirect stdout to a .zip file), actors-json, actors-csv (the actor records), quotes-jsonl, quotes-csv, claims-jsonl or claims-csv (who said what)",
  },
  status: { type: "string", description: "tags: all (default), accepted (or gold), pending or rejected" },
  labels: { type: "string", description: "tags of these labels only, comma-separated: actor,claim,figure,quote" },
  annotators: { type: "string", description: "tags made by these users, comma-separated ids or emails" },
  articles: { type: "string", description: "these articles only, comma-separated ids" },
  "updated-since": { type: "string", description: "articles changed (or whose tags changed) since this ISO 8601 date or date-time" },
  "article-status": { type: "string", description: "articles in these states only, comma-separated: new,in_progress,in_review,done" },
  "offset-unit": { type: "string", description: "codepoint (default, Python) or utf16 (JavaScript)" },
  suggestions: {
    type: "string",
    description:
      "include: each article also carries its suggestions, apart from its tags (json, jsonl; labelstudio as predictions); default exclude",
  },
  article: { type: "string", description: "export this one article of the project (tag filters apply; article filters do not)" },
};

const CAMEL: Record<string, string> = { "updated-since": "updatedSince", "article-status": "articleStatus", "offset-unit": "offsetUnit" };
const KEBAB = Object.fromEntries(Object.entries(CAMEL).map(([kebab, camel]) => [camel, kebab]));

function optionError(error: AppError): UsageError {
  const field = error.field ? `--${KEBAB[error.field] ?? error.field}` : "";
  const message = error.field && error.message.startsWith(`${error.field}: `) ? error.message.slice(error.field.length + 2) : error.message;
  return new UsageError(field ? `${field}: ${message}` : message);
}

/** The options as the API's query, validated by the API's schema. */
function queryOf(values: OptionValues, article: boolean) {
  const query: Record<string, string> = {};
  for (const [name, value] of Object.entries(values))
    if (typeof value === "string" && name !== "project" && name !== "article") query[CAMEL[name] ?? name] = value;
  const parsed = (article ? articleExportQuerySchema : projectExportQuerySchema).safeParse(query);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const name = String(issue.path[0] ?? "input");
  throw new UsageError(`--${KEBAB[name] ?? name}: ${issue.message}`);
}

export async function runExport(values: OptionValues): Promise<CommandOutput> {
  const slug = values.project as string;
  const access = await unsafeOperatorProjectAccess(slug, "project:read");
  if (!access) throw new CommandFailure(`no project with slug ${slug}`);
  const articleId = typeof values.article === "string" ? values.article : undefined;
  const query = queryOf(values, articleId !== undefined);
  try {
    const started = articleId ? await startArticleExport(access, articleId, query) : await startProjectExport(access, query);
    const summary = started.done.then(
      (result) =>
        `exported ${result.articles} articles, ${result.tags} tags (${result.bytes} bytes, ${started.writer.format}); dataset version ${result.datasetVersion}`,
    );
    // Read by the entry point once the stream ended; a cancelled export's rejection must not go unhandled.
    summary.catch(() => {});
    return { stream: { body: started.stream, summary } };
  } catch (error) {
    if (error instanceof AppError && error.code === "bad_request")
      throw articleId && error.field === "articles" ? new CommandFailure(`no article ${articleId} in project ${slug}`) : optionError(error);
    throw error;
  }
}

async function* jsonlLines(file: string): AsyncGenerator<unknown> {
  const lines = readline.createInterface({ input: fs.createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
  let number = 0;
  for await (const line of lines) {
    number++;
    if (!line.trim()) continue;
    try {
      yield JSON.parse(line);
    } catch {
      // A broken line still takes its place, so that the results' numbering matches the file's lines.
      yield { invalidJsonLine: number };
    }
  }
}

/** Who stands in for authors without an account: `--as <email>`, else the project's first owner. */
export async function standInUser(access: ProjectAccess, as: string | undefined): Promise<string> {
  const fallback = as ? (await unsafeUserIdsByEmail([as])).get(as.toLowerCase()) : await unsafeFirstOwnerId(access);
  if (!fallback)
    throw new CommandFailure(
      as ? `no user with email ${as}` : `project ${access.slug} has no owner to stand in for unknown authors; give --as <email>`,
    );
  return fallback;
}

/**
 * `import --format margin-json <files>`: `.json` files are json exports (read whole); `.jsonl` files are
 * jsonl exports, streamed line by line, whose unit `--offset-unit` gives (they carry none).
 */
export async function importDatasetFiles(
  access: ProjectAccess<"articles:import">,
  files: string[],
  options: { as?: string; offsetUnit?: string },
): Promise<CommandOutput> {
  const fallback = await standInUser(access, options.as);
  const unit = options.offsetUnit ?? "codepoint";
  if (!(OFFSET_UNITS as readonly string[]).includes(unit)) throw new UsageError(`--offset-unit: must be one of ${OFFSET_UNITS.join(", ")}`);
  const results: DatasetImportResult[] = [];
  // One line per article is printed: every result is listed.
  const all = { listed: Infinity };
  for (const file of files) {
    if (!fs.existsSync(file)) {
      results.push({ label: file, status: "failed", error: "no such file" });
      continue;
    }
    try {
      if (file.toLowerCase().endsWith(".jsonl")) {
        const articles = jsonlLines(file);
        results.push(
          ...(await importDataset(access, { name: file, offsetUnit: unit as "codepoint" | "utf16", articles }, fallback, all)).results,
        );
      } else {
        let value: unknown;
        try {
          value = JSON.parse(fs.readFileSync(file, "utf8"));
        } catch {
          throw new AppError("bad_request", "not valid JSON: export the dataset with --format json (or give a .jsonl export)");
        }
        results.push(...(await importDataset(access, { name: file, ...readDatasetDocument(value) }, fallback, all)).results);
      }
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      results.push({ label: file, status: "failed", error: error.message });
    }
  }
  const count = (status: string) => results.filter((result) => result.status === status).length;
  const tags = results.reduce((sum, result) => sum + (result.tags ?? 0), 0);
  const lines = results.map((result) => `${describeResult(result)}${result.tags !== undefined ? ` with ${result.tags} tags` : ""}`);
  return {
    stdout: [
      ...lines,
      `${files.length} ${files.length === 1 ? "file" : "files"}, ${results.length} articles: ${count("imported")} imported (${tags} tags), ${count("duplicate")} duplicate, ${count("failed")} failed`,
    ],
    exitCode: count("failed") ? 1 : 0,
  };
}
