/**
 * `margin suggest` and `margin suggestions`: the suggesters run by the operator, over a project or one
 * article, and an article's suggestions listed. The operator is no member: their runs write the shared
 * set (lib/suggestions/scope.ts), in a blind project from gold only. Accepting and dismissing in bulk, for a
 * member, go through the running server (suggestion-decisions.ts): a tag is made in the article's live
 * documents, which only the server holds.
 */
import { z } from "zod";
import { unsafeOperatorProjectAccess } from "@/lib/auth/project-access";
import { AppError } from "@/lib/errors";
import { slugSchema } from "@/lib/projects/schema";
import { listArticleSuggestions } from "@/lib/suggestions/api";
import { CommandFailure, UsageError, type CommandOutput, type OptionSpec, type OptionValues } from "./command-types";
import { decideSuggestions } from "./suggestion-decisions";

type Values = OptionValues;

async function operatorAccess(values: Values) {
  const slug = slugSchema.safeParse(values.project);
  if (!slug.success) throw new UsageError(`--project: ${slug.error.issues[0]!.message}`);
  const access = await unsafeOperatorProjectAccess(slug.data, "annotations:create");
  if (!access) throw new CommandFailure(`no project with slug ${slug.data}`);
  return access;
}

/** AppErrors (an unknown suggester, an article not in the project) are the command's failure, said plainly. */
async function plainly<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError) throw new CommandFailure(error.message);
    throw error;
  }
}

export const SUGGEST_OPTIONS: OptionSpec = {
  project: { type: "string", description: "project slug", required: true },
  article: { type: "string", description: "only this article (its id); every article of the project by default" },
  suggester: {
    type: "string",
    description:
      "only these suggesters, comma-separated: builtin:known-actors, builtin:actors, builtin:figures, builtin:quotes, builtin:claims, external",
  },
};

export async function runSuggest(
  values: Values,
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<CommandOutput> {
  const access = await operatorAccess(values);
  const suggesters =
    typeof values.suggester === "string"
      ? values.suggester
          .split(",")
          .map((name) => name.trim())
          .filter(Boolean)
      : undefined;
  const articles = typeof values.article === "string" ? [values.article] : undefined;
  let last = performance.now();
  // Loaded when asked for: the suggesters bring an NLP library every other command can do without.
  const { runProject } = await import("@/lib/suggestions/project-run");
  const report = await plainly(() =>
    runProject(access, { suggesters, articles }, (done, total) => {
      if (performance.now() - last < 2000 && done < total && done % 100 !== 0) return;
      last = performance.now();
      write(`${done.toLocaleString("en")} of ${total.toLocaleString("en")} articles`);
    }),
  );
  const problems = report.problems.flatMap(({ article, errors }) =>
    errors.map((error) => `${article}: ${error.suggester}: ${error.message}`),
  );
  return {
    stdout: [JSON.stringify(report)],
    stderr: [...problems, `${report.suggestions.toLocaleString("en")} suggestions on ${report.articles.toLocaleString("en")} articles`],
    exitCode: problems.length ? 1 : 0,
  };
}

export const SUGGESTIONS_OPTIONS: OptionSpec = {
  project: { type: "string", description: "project slug", required: true },
  article: { type: "string", description: "the article's id", required: true },
  list: { type: "boolean", description: "print the suggestions offered on it, one JSON object a line (the default)" },
  "offset-unit": { type: "string", description: "codepoint (default) or utf16" },
  "accept-above": {
    type: "string",
    description: "accept, as the member --as, every suggestion of --label scoring at least this, through the running server (--server)",
  },
  "dismiss-below": {
    type: "string",
    description: "dismiss, for the member --as, every suggestion of --label scoring below this (--server)",
  },
  label: { type: "string", description: "with --accept-above / --dismiss-below: actor, claim, figure or quote" },
  as: { type: "string", description: "with --accept-above / --dismiss-below: the email of the member who decides" },
  server: {
    type: "string",
    description: "with --accept-above / --dismiss-below: the running Margin (http://localhost:3000), whose live documents take the tags",
  },
};

export async function listSuggestionsCommand(values: Values): Promise<CommandOutput> {
  if (values["accept-above"] !== undefined && values["dismiss-below"] !== undefined)
    throw new UsageError("give --accept-above or --dismiss-below, not both");
  if (values["accept-above"] !== undefined || values["dismiss-below"] !== undefined) {
    if (typeof values.article !== "string") throw new UsageError("--article: required");
    await operatorAccess(values);
    return decideSuggestions(values);
  }
  const unit = z.enum(["codepoint", "utf16"]).safeParse(values["offset-unit"] ?? "codepoint");
  if (!unit.success) throw new UsageError("--offset-unit: must be codepoint or utf16");
  if (typeof values.article !== "string") throw new UsageError("--article: required");
  const access = await operatorAccess(values);
  const suggestions = await plainly(() => listArticleSuggestions(access, values.article as string, unit.data));
  return { stdout: suggestions.map((suggestion) => JSON.stringify(suggestion)), stderr: [`${suggestions.length} suggestions`] };
}
