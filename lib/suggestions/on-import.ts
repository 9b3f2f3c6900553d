/**
 * The project setting `suggestOnImport`: the built-in suggesters run on each article as it is imported,
 * for the shared set (lib/suggestions/scope.ts: in a blind project from gold only). Offline and in
 * process, so it costs milliseconds per article; the external backend is left to an explicit run, so that
 * a slow or failing backend never slows an import. Installed by the processes that import (the server, the
 * CLI) into lib/articles/after-import.ts.
 */
import "server-only";
import { setAfterImport } from "@/lib/articles/after-import";
import { readSuggestOnImport } from "./data";
import { unsafeRunOnArticle } from "./run";

export async function unsafeSuggestOnImport(projectId: string, articleId: string): Promise<void> {
  const settings = await readSuggestOnImport(projectId);
  if (!settings?.suggestOnImport) return;
  const { errors } = await unsafeRunOnArticle(
    projectId,
    articleId,
    { userId: null, blind: settings.blindAnnotation, forUserId: null },
    undefined,
    {
      external: false,
    },
  );
  for (const error of errors) console.error(`[suggestions] on import of ${articleId}, ${error.suggester}: ${error.message}`);
}

export function installSuggestOnImport(): void {
  setAfterImport(unsafeSuggestOnImport);
}
