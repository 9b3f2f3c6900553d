import { exportResponse } from "@/lib/export/http";
import { openSnapshot } from "@/lib/export/snapshots";
import { projectRoute } from "@/lib/routes/wrappers";
import { contract } from "./contract";

/** Downloads a snapshot again: jsonl in its own unit is the stored bytes; other formats replay it. */
export const GET = projectRoute("project:read", contract.methods.GET, async ({ access, params, query }) =>
  exportResponse(await openSnapshot(access, params.id, query)),
);
