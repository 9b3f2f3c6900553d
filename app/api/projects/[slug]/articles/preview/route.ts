import { draftFromSource, previewDraft } from "@/lib/articles/draft";
import { itemFromInput } from "@/lib/articles/import-files";
import { importItemSchema } from "@/lib/articles/import-schema";
import { authorizeProject, unwrapAccess } from "@/lib/auth/project-access";
import { authenticateRequest } from "@/lib/auth/session-gate";
import { AppError } from "@/lib/errors";
import { apiRoute, json } from "@/lib/http/api-handler";
import { readJson } from "@/lib/http/body";
import { parseOrThrow } from "@/lib/http/parse";

/** What importing this body would store (detected metadata, paragraphs, furniture), without storing it. */
export const POST = apiRoute<{ slug: string }>(async (request, { params }) => {
  const actor = await authenticateRequest(request);
  unwrapAccess(await authorizeProject(actor, (await params).slug, "articles:import"));
  const { keepArtifacts, strip, ...input } = parseOrThrow(importItemSchema, await readJson(request));
  const item = itemFromInput("preview", input);
  const draft = await draftFromSource(item.kind, item.source).catch((error: Error) => {
    throw new AppError("bad_request", `could not read the source: ${error.message}`, "html");
  });
  return json({ preview: previewDraft(draft, { metadata: item.input, keepArtifacts, strip }) });
});
