/**
 * Running the suggesters over a project (every article, or those named), one article at a time, for the
 * API's streamed answer and the CLI alike. An article whose suggesters fail is reported and the run goes
 * on; an unknown suggester or an article not in the project is refused before anything runs.
 */
import "server-only";
import type { ProjectAccess } from "@/lib/auth/context";
import { AppError } from "@/lib/errors";
import { listProjectArticleIds } from "./data";
import { checkSuggesterNames, runOnArticle, type RunError } from "./run";

export type ProjectRunReport = {
  articles: number;
  suggestions: number;
  /** Articles on which a suggester failed (the others' suggestions are stored). */
  problems: { article: string; errors: RunError[] }[];
};

/** The articles a run goes through, or a 400 naming those of the list that are not in the project. */
export async function checkArticles(access: ProjectAccess, articles: readonly string[] | undefined): Promise<string[]> {
  const ids = await listProjectArticleIds(access.projectId, articles);
  if (articles) {
    const found = new Set(ids);
    const missing = [...new Set(articles)].filter((id) => !found.has(id));
    if (missing.length) throw new AppError("bad_request", `not articles of this project: ${missing.slice(0, 20).join(", ")}`, "articles");
  }
  return ids;
}

export async function runProject(
  access: ProjectAccess<"annotations:create">,
  input: { suggesters?: readonly string[]; articles?: readonly string[] },
  onProgress: (done: number, total: number, article: string) => void = () => {},
): Promise<ProjectRunReport> {
  const names = checkSuggesterNames(input.suggesters);
  const ids = await checkArticles(access, input.articles);
  const report: ProjectRunReport = { articles: 0, suggestions: 0, problems: [] };
  for (const [index, id] of ids.entries()) {
    try {
      const outcome = await runOnArticle(access, id, names);
      report.suggestions += outcome.stored;
      if (outcome.errors.length) report.problems.push({ article: id, errors: outcome.errors });
    } catch (error) {
      // Deleted while the run went through the project: nothing to suggest on any more.
      if (!(error instanceof AppError && error.code === "not_found")) throw error;
      report.problems.push({ article: id, errors: [{ suggester: "*", message: "the article was deleted during the run" }] });
    }
    report.articles++;
    onProgress(index + 1, ids.length, id);
  }
  return report;
}
