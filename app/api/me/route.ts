import { json } from "@/lib/http/api-handler";
import { userRoute } from "@/lib/routes/wrappers";
import { contract } from "./contract";

/** Who the request is authenticated as: lets a script check its token. */
export const GET = userRoute(contract.methods.GET, async ({ actor }) =>
  json({ id: actor.userId, email: actor.email, name: actor.name, isAdmin: actor.isAdmin, via: actor.via }),
);
