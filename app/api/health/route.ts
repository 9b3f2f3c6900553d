import { json } from "@/lib/http/api-handler";
import { publicRoute } from "@/lib/routes/wrappers";
import { collaborationStatus } from "@/lib/collab/status";
import { isDatabaseReachable } from "@/lib/health/data";
import { contract } from "./contract";

export const dynamic = "force-dynamic";

/**
 * For load balancers and uptime checks: no authentication, nothing beyond up or down, and for a cluster's
 * operator how many live articles this instance owns. A shutting-down instance says "draining" (503), so
 * that a load balancer checking readiness stops sending it work while it hands its articles over.
 */
export const GET = publicRoute(contract.methods.GET, async () => {
  const database = await isDatabaseReachable();
  const collaboration = collaborationStatus();
  const serving = collaboration?.serving ?? true;
  const status = !database ? "unavailable" : serving ? "ok" : "draining";
  return json(
    {
      status,
      database: database ? "ok" : "unreachable",
      ...(collaboration ? { instance: collaboration.instanceId, articles: collaboration.ownedArticles } : {}),
    },
    { status: status === "ok" ? 200 : 503 },
  );
});
