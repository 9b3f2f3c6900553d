import { importOneArticle } from "@/lib/articles/api";
import { listArticles } from "@/lib/articles/data";
import { json } from "@/lib/http/api-handler";
import { projectRoute } from "@/lib/routes/wrappers";
import { contract } from "./contract";

export const GET = projectRoute("project:read", contract.methods.GET, async ({ access, query }) => json(await listArticles(access, query)));

/** Imports one article: 201 with it, 409 when the project already has the same text, 400 for bad input. */
export const POST = projectRoute("articles:import", contract.methods.POST, async ({ actor, access, body }) =>
  json({ article: await importOneArticle(actor, access, body) }, { status: 201 }),
);
