import { authorizeProject, unwrapAccess } from "@/lib/auth/project-access";
import { authenticateRequest } from "@/lib/auth/session-gate";
import { createSnapshot, listProjectSnapshots } from "@/lib/export/snapshots";
import { apiRoute, json } from "@/lib/http/api-handler";
import { readJson } from "@/lib/http/body";
import { parseOrThrow } from "@/lib/http/parse";
import { createSnapshotSchema } from "./contract";

/** The project's saved snapshots, newest first. */
export const GET = apiRoute<{ slug: string }>(async (request, { params }) => {
  const actor = await authenticateRequest(request);
  const access = unwrapAccess(await authorizeProject(actor, (await params).slug, "project:read"));
  return json({ snapshots: await listProjectSnapshots(access) });
});

/** Saves a snapshot: `{ name, filters? }` (the export's filters and offsetUnit); 409 when the name is taken. */
export const POST = apiRoute<{ slug: string }>(async (request, { params }) => {
  const actor = await authenticateRequest(request);
  const access = unwrapAccess(await authorizeProject(actor, (await params).slug, "project:read"));
  const input = parseOrThrow(createSnapshotSchema, await readJson(request));
  return json({ snapshot: await createSnapshot(access, input) }, { status: 201 });
});
