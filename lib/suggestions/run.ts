/**
 * Running suggesters on an article: the built-ins in process (lib/suggestions/builtin) and the project's
 * external backend when it has one, with the context the blind rule allows (scope.ts), their answers
 * stored in code points in place of the same suggesters' earlier ones. A suggester that fails is reported
 * by name and the others' answers are kept: suggestions help, they never block anyone's work.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import type { ArticleAccess, ProjectAccess } from "@/lib/auth/context";
import { AppError } from "@/lib/errors";
import type { OffsetUnit } from "@/lib/tags/offsets";
import { listSuggestions } from "./api";
import { BUILTIN_SUGGESTERS, suggestAll, type SuggestionFrom } from "./builtin";
import { EXTERNAL_SUGGESTER, suggestWithBackend } from "./backend";
import { readArticleText, readBackendConfig, readSuggestContext } from "./data";
import { storeRun } from "./mutations";
import { contextTagsOf, suggestionScope, type SuggestionScope } from "./scope";
import { toRows } from "./stored";

/** Every suggester a run may name: the built-ins, and "external" (the project's backend). */
export const SUGGESTER_NAMES = [...BUILTIN_SUGGESTERS.map((suggester) => suggester.name), EXTERNAL_SUGGESTER] as const;

export type RunError = { suggester: string; message: string };
export type RunOutcome = { stored: number; errors: RunError[] };

/** The names asked for, or a 400 naming the unknown ones and what there is. */
export function checkSuggesterNames(names: readonly string[] | undefined): readonly string[] | undefined {
  if (names === undefined) return undefined;
  const unknown = names.filter((name) => !(SUGGESTER_NAMES as readonly string[]).includes(name));
  if (unknown.length)
    throw new AppError("bad_request", `unknown suggester ${unknown.join(", ")}: there are ${SUGGESTER_NAMES.join(", ")}`, "suggesters");
  return names;
}

/**
 * Runs suggesters on one article of the caller's project, for the set the caller's runs write (scope.ts).
 * `names`: only those (checkSuggesterNames); all by default, the external one only when configured.
 */
export async function runOnArticle(
  access: ProjectAccess<"annotations:create">,
  articleId: string,
  names?: readonly string[],
): Promise<RunOutcome> {
  return unsafeRunOnArticle(access.projectId, articleId, suggestionScope(access), checkSuggesterNames(names));
}

/** Runs on the caller's article, then answers what they are offered there (the API's POST). */
export async function runSuggestions(access: ArticleAccess<"annotations:create">, names: readonly string[] | undefined, unit: OffsetUnit) {
  const { errors } = await runOnArticle(access, access.articleId, names);
  return { suggestions: await listSuggestions(access, unit), errors };
}

/** Unchecked: the caller has decided that this scope may run on this project's article (an import, a gate). */
export async function unsafeRunOnArticle(
  projectId: string,
  articleId: string,
  scope: SuggestionScope,
  names?: readonly string[],
  options: { external?: boolean } = {},
): Promise<RunOutcome> {
  const text = await readArticleText(projectId, articleId);
  if (text === null) throw new AppError("not_found", `No article "${articleId}"`);
  const context = await readSuggestContext(projectId, articleId, text, contextTagsOf(scope));
  const builtins = BUILTIN_SUGGESTERS.filter((suggester) => !names || names.includes(suggester.name));
  const errors: RunError[] = [];
  const answered: SuggestionFrom[] = [];
  const ran: string[] = [];
  if (builtins.length) {
    try {
      answered.push(...suggestAll(text, context, builtins));
      ran.push(...builtins.map((suggester) => suggester.name));
    } catch (error) {
      console.error("[suggestions] a built-in suggester failed", error);
      errors.push({ suggester: builtins.map((suggester) => suggester.name).join(", "), message: messageOf(error) });
    }
  }
  const wantsExternal = (options.external ?? true) && (!names || names.includes(EXTERNAL_SUGGESTER));
  const backend = wantsExternal ? await readBackendConfig(projectId) : null;
  if (names?.includes(EXTERNAL_SUGGESTER) && !backend)
    errors.push({ suggester: EXTERNAL_SUGGESTER, message: "this project has no external suggester configured" });
  if (backend) {
    try {
      answered.push(...(await suggestWithBackend(backend, text, context)));
      ran.push(EXTERNAL_SUGGESTER);
    } catch (error) {
      errors.push({ suggester: EXTERNAL_SUGGESTER, message: messageOf(error) });
    }
  }
  const tagIds = new Set((context.actorTags ?? []).map((tag) => tag.id));
  const { rows, refused } = toRows(text, answered, tagIds, () => randomUUID());
  for (const suggester of new Set(refused.map((suggestion) => suggestion.suggester)))
    errors.push({ suggester, message: "some suggestions did not match the text at their offsets and were left out" });
  // Only what ran replaces earlier rows: a failing backend leaves its last answer in place.
  if (ran.length) await storeRun(articleId, scope.forUserId, ran, rows);
  return { stored: ran.length ? rows.length : 0, errors };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
