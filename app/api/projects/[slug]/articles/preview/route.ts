import { previewImport } from "@/lib/articles/api";
import { json } from "@/lib/http/api-handler";
import { projectRoute } from "@/lib/routes/wrappers";
import { contract } from "./contract";

/** What importing this body would store (detected metadata, paragraphs, furniture), without storing it. */
export const POST = projectRoute("articles:import", contract.methods.POST, async ({ body }) =>
  json({ preview: await previewImport(body) }),
);
