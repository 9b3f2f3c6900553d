/**
 * The HTTP side of a project-wide run: refusals (an unknown suggester, articles not in the project) are
 * 400s before anything runs; then the answer streams its progress and report (lib/http/progress-stream.ts);
 * the articles done before an unexpected failure keep their suggestions.
 */
import "server-only";
import type { ProjectAccess } from "@/lib/auth/context";
import { progressStream } from "@/lib/http/progress-stream";
import { checkArticles, runProject } from "./project-run";
import { checkSuggesterNames } from "./run";

export async function projectRunResponse(
  access: ProjectAccess<"annotations:create">,
  input: { suggesters?: string[]; articles?: string[] },
): Promise<Response> {
  checkSuggesterNames(input.suggesters);
  await checkArticles(access, input.articles);
  return progressStream((progress) => runProject(access, input, progress), {
    log: "[suggestions] a project-wide run failed",
    message: "The run stopped on an unexpected error (logged); the articles done so far keep their suggestions",
  });
}
