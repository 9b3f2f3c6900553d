/**
 * The HTTP side of an annotated import: the uploaded files read, previewed or refused (400s, before
 * anything is written), then imported while the answer streams: a progress line at most every 250 ms, so
 * that a 50 MB file shows something moving, and the report as the last line. An unexpected failure
 * mid-way is logged and ends the stream with an error line (the articles imported so far stay: each is
 * whole).
 */
import "server-only";
import type { ProjectAccess } from "@/lib/auth/context";
import { json } from "@/lib/http/api-handler";
import { previewOf, readAnnotatedFiles, refuseUnmapped, type AnnotatedImportOptions } from "./annotated-files";
import type { ForeignFile } from "./foreign-document";
import { importAnnotated } from "./import-annotated";

const PROGRESS_EVERY_MS = 250;

export async function annotatedImportResponse(
  access: ProjectAccess<"articles:import">,
  uploads: File[],
  query: AnnotatedImportOptions & { preview: boolean },
): Promise<Response> {
  const files: ForeignFile[] = await Promise.all(
    uploads.map(async (file) => ({ name: file.name, bytes: Buffer.from(await file.arrayBuffer()) })),
  );
  const read = readAnnotatedFiles(files, query);
  if (query.preview) return json(previewOf(read));
  refuseUnmapped(read, query);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const line = (value: unknown) => controller.enqueue(encoder.encode(`${JSON.stringify(value)}\n`));
      let last = 0;
      line({ progress: { done: 0, total: read.documents.length } });
      try {
        const report = await importAnnotated(access, read, query, {
          fallbackUserId: access.userId!,
          onProgress(done, total) {
            if (performance.now() - last < PROGRESS_EVERY_MS && done < total) return;
            last = performance.now();
            line({ progress: { done, total } });
          },
        });
        line({ report });
      } catch (error) {
        console.error("[import] annotated import failed", error);
        line({
          error: {
            code: "internal",
            message: "The import stopped on an unexpected error (logged); the articles listed as imported so far are stored",
          },
        });
      }
      controller.close();
    },
  });
  return new Response(body, { headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store" } });
}
