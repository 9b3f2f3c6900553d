/** Whether the server is up, for load balancers and uptime checks. */
import { defineRoute } from "@/lib/http/contract";

export const contract = defineRoute("/api/health", {
  GET: {
    summary: "Whether the server and its database are up, and how many articles this instance owns",
    public: true,
    responses: {
      200: "Up: `{ status: ok, database: ok, instance, articles }` (`articles`: live articles this instance of a cluster owns)",
      503: "The database is unreachable, or the instance is shutting down (`status: draining`): send it nothing new",
    },
  },
});
