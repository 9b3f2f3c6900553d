import { json } from "@/lib/http/api-handler";
import { publicRoute } from "@/lib/routes/wrappers";
import { isDatabaseReachable } from "@/lib/health/data";
import { contract } from "./contract";

export const dynamic = "force-dynamic";

/** For load balancers and uptime checks: no authentication, no details beyond up or down. */
export const GET = publicRoute(contract.methods.GET, async () => {
  const database = await isDatabaseReachable();
  return json({ status: database ? "ok" : "unavailable", database: database ? "ok" : "unreachable" }, { status: database ? 200 : 503 });
});
