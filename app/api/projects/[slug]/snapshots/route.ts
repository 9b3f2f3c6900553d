import { createSnapshot, listProjectSnapshots } from "@/lib/export/snapshots";
import { json } from "@/lib/http/api-handler";
import { projectRoute } from "@/lib/routes/wrappers";
import { contract } from "./contract";

/** The project's saved snapshots, newest first. */
export const GET = projectRoute("project:read", contract.methods.GET, async ({ access }) =>
  json({ snapshots: await listProjectSnapshots(access) }),
);

/** Saves a snapshot: `{ name, filters? }` (the export's filters and offsetUnit); 409 when the name is taken. */
export const POST = projectRoute("project:read", contract.methods.POST, async ({ access, body }) =>
  json({ snapshot: await createSnapshot(access, body) }, { status: 201 }),
);
