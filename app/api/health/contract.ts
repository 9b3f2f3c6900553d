/** Whether the server is up, for load balancers and uptime checks. */
import { defineRoute } from "@/lib/http/contract";

export const contract = defineRoute("/api/health", {
  GET: {
    summary: "Whether the server and its database are up",
    public: true,
    responses: { 200: "Up: `{ status: ok, database: ok }`", 503: "The database is unreachable" },
  },
});
