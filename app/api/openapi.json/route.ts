import { json } from "@/lib/http/api-handler";
import { buildOpenApiDocument } from "@/lib/http/openapi";
import { publicRoute } from "@/lib/routes/wrappers";
import { CONTRACTS } from "../contracts";
import { contract } from "./contract";

let document: ReturnType<typeof buildOpenApiDocument> | undefined;

/** Built at the first request, then kept: it depends on the code only. */
export const GET = publicRoute(contract.methods.GET, () => json((document ??= buildOpenApiDocument(CONTRACTS))));
