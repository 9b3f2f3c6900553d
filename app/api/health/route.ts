import { json } from "@/lib/http/api-handler";
import { isDatabaseReachable } from "@/lib/health/data";

export const dynamic = "force-dynamic";

/** For load balancers and uptime checks: no authentication, no details beyond up or down. */
export async function GET(): Promise<Response> {
  const database = await isDatabaseReachable();
  return json({ status: database ? "ok" : "unavailable", database: database ? "ok" : "unreachable" }, { status: database ? 200 : 503 });
}
