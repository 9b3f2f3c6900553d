/**
 * The HTTP side of a project-wide run: refusals (an unknown suggester, articles not in the project) are
 * 400s before anything runs; then the answer streams NDJSON, a progress line at most every 250 ms and the
 * report as the last line, as an annotated import does (lib/imports/annotated-response.ts). An unexpected
 * failure mid-way is logged and ends the stream with an error line; the articles done so far keep their
 * suggestions.
 */
import "server-only";
import type { ProjectAccess } from "@/lib/auth/context";
import { checkArticles, runProject } from "./project-run";
import { checkSuggesterNames } from "./run";

const PROGRESS_EVERY_MS = 250;

export async function projectRunResponse(
  access: ProjectAccess<"annotations:create">,
  input: { suggesters?: string[]; articles?: string[] },
): Promise<Response> {
  checkSuggesterNames(input.suggesters);
  await checkArticles(access, input.articles);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const line = (value: unknown) => controller.enqueue(encoder.encode(`${JSON.stringify(value)}\n`));
      let last = 0;
      try {
        const report = await runProject(access, input, (done, total) => {
          if (performance.now() - last < PROGRESS_EVERY_MS && done < total) return;
          last = performance.now();
          line({ progress: { done, total } });
        });
        line({ report });
      } catch (error) {
        console.error("[suggestions] a project-wide run failed", error);
        line({
          error: {
            code: "internal",
            message: "The run stopped on an unexpected error (logged); the articles done so far keep their suggestions",
          },
        });
      }
      controller.close();
    },
  });
  return new Response(body, { headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store" } });
}
