import { json } from "@/lib/http/api-handler";
import { tagRoute } from "@/lib/routes/wrappers";
import { listHistory } from "@/lib/review/data";
import { contract } from "./contract";

/** The tag's history from the append-only audit log, oldest first; a deleted or merged-away tag's too. */
export const GET = tagRoute(
  "project:read",
  contract.methods.GET,
  async ({ access, params }) => json({ history: await listHistory(access, params.id) }),
  { removed: true },
);
