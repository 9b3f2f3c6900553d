import { importFromUrlOrThrow, previewUrlImport } from "@/lib/articles/url/import-url";
import { json } from "@/lib/http/api-handler";
import { projectRoute } from "@/lib/routes/wrappers";
import { contract } from "./contract";

/**
 * Imports the article at `url`: 201 with the result, 200 when it is a duplicate; a refused address or a
 * page that is not HTML is a 400 on `url`, a page without article text a 422, the remote's failures 502/504.
 * `?preview=1` answers what would be stored, storing nothing.
 */
export const POST = projectRoute("articles:import", contract.methods.POST, async ({ access, body, query }) => {
  if (query.preview) return json({ preview: await previewUrlImport(body) });
  const result = await importFromUrlOrThrow(access, body);
  return json({ result }, { status: result.status === "imported" ? 201 : 200 });
});
