/**
 * The HTTP side of an annotated import: the uploaded files read, previewed or refused (400s, before
 * anything is written), then imported while the answer streams its progress and report
 * (lib/http/progress-stream.ts); the articles imported before an unexpected failure stay (each is whole).
 */
import "server-only";
import type { ProjectAccess } from "@/lib/auth/context";
import { json } from "@/lib/http/api-handler";
import { progressStream } from "@/lib/http/progress-stream";
import { previewOf, readAnnotatedFiles, refuseUnmapped, type AnnotatedImportOptions } from "./annotated-files";
import type { ForeignFile } from "./foreign-document";
import { importAnnotated } from "./import-annotated";

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
  return progressStream(
    (onProgress) => importAnnotated(access, read, query, { fallbackUserId: access.userId!, onProgress }),
    {
      log: "[import] annotated import failed",
      message: "The import stopped on an unexpected error (logged); the articles listed as imported so far are stored",
    },
    { total: read.documents.length },
  );
}
