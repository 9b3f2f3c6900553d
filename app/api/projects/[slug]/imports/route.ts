import { maxFileBytes } from "@/lib/articles/import-files";
import { importFile } from "@/lib/articles/mutations";
import { authorizeProject, unwrapAccess } from "@/lib/auth/project-access";
import { authenticateRequest } from "@/lib/auth/session-gate";
import { AppError } from "@/lib/errors";
import { apiRoute, json } from "@/lib/http/api-handler";
import { limitedBody } from "@/lib/http/body";

const MAX_FILES = 50;

/**
 * Imports uploaded files (multipart/form-data, field `file`, repeatable; `keepArtifacts=true` to keep page
 * furniture). Always 200 with one result per article: imported, duplicate or failed with its reason.
 */
export const POST = apiRoute<{ slug: string }>(async (request, { params }) => {
  const actor = await authenticateRequest(request);
  const access = unwrapAccess(await authorizeProject(actor, (await params).slug, "articles:import"));
  if (!(request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    throw new AppError("bad_request", "Send files as multipart/form-data in the field `file`", "file");
  }
  // Every file may be at most the import limit: refuse a larger body while it arrives, not after.
  const maxBody = MAX_FILES * maxFileBytes() + 1024 * 1024;
  if (Number(request.headers.get("content-length") ?? 0) > maxBody)
    throw new AppError("bad_request", `Upload at most ${MAX_FILES} files of ${maxFileBytes() / 1024 / 1024} MB at once`, "file");
  const body = limitedBody(request, maxBody, "file");
  const limited = new Request(request.url, { method: "POST", headers: request.headers, body: body.stream, duplex: "half" } as RequestInit);
  const form = await limited.formData().catch(() => {
    throw body.tooLarge() ?? new AppError("bad_request", "The body is not valid multipart/form-data", "file");
  });
  const files = form.getAll("file").filter((value): value is File => typeof value !== "string");
  if (files.length === 0) throw new AppError("bad_request", "Attach at least one file in the field `file`", "file");
  if (files.length > MAX_FILES) throw new AppError("bad_request", `Upload at most ${MAX_FILES} files at once`, "file");
  const keepArtifacts = form.get("keepArtifacts") === "true";
  const results = [];
  for (const file of files) {
    results.push(
      ...(await importFile(access, { name: file.name, bytes: Buffer.from(await file.arrayBuffer()) }, { origin: "upload", keepArtifacts })),
    );
  }
  return json({ results });
});
