import { diffSnapshots } from "@/lib/export/snapshots";
import { json } from "@/lib/http/api-handler";
import { projectRoute } from "@/lib/routes/wrappers";
import { contract } from "./contract";

/** What changed between two snapshots (`from`, `to`: ids or names): counts, and the first `limit` tag changes. */
export const GET = projectRoute("project:read", contract.methods.GET, async ({ access, query }) =>
  json(await diffSnapshots(access, query)),
);
