/**
 * The one way an API route handler starts: authenticate, authorize for the capability, parse the path,
 * query and body with the route's contract, then call the handler with what it needs; every failure on the
 * way (and in the handler) is answered by the error mapper of api-handler.ts.
 *
 *   export const GET = projectRoute("project:read", contract.methods.GET, async ({ access, query }) =>
 *     json(await listArticles(access, query)));
 */
import "server-only";
import type { z } from "zod";
import type { Actor, ArticleAccess, ProjectAccess } from "@/lib/auth/context";
import type { Capability } from "@/lib/auth/permissions";
import { authorizeArticle, authorizeProject, unwrapAccess } from "@/lib/auth/project-access";
import { authenticateRequest } from "@/lib/auth/session-gate";
import { scopeShows } from "@/lib/auth/tag-scope";
import { AppError } from "@/lib/errors";
import { unsafeFindAnnotationArticle, unsafeFindRemovedAnnotationArticle } from "@/lib/tags/data";
import { apiRoute, queryOf } from "@/lib/http/api-handler";
import { readJson } from "@/lib/http/body";
import { isBodyReader, type BodyReader, type Operation } from "@/lib/http/contract";
import { parseOrThrow, refuseUnstorable } from "@/lib/http/parse";

type Params<O> = O extends { params: infer S extends z.ZodType } ? z.output<S> : Record<string, never>;
type Query<O> = O extends { query: infer S extends z.ZodType } ? z.output<S> : undefined;
type Body<O> = O extends { body: BodyReader<infer T> } ? T : O extends { body: infer S extends z.ZodType } ? z.output<S> : undefined;

/** What every handler receives: the request, and its path, query and body as the contract parsed them. */
export type RouteInput<O extends Operation> = { request: Request; params: Params<O>; query: Query<O>; body: Body<O> };

/** A route handler as Next.js calls it, with the operation it implements (the OpenAPI test checks it). */
export type RouteHandler<O extends Operation> = ((request: Request, context: { params: Promise<Params<O>> }) => Promise<Response>) & {
  operation: O;
};

type Handler<O extends Operation, Extra> = (input: RouteInput<O> & Extra) => Response | Promise<Response>;

function route<O extends Operation, Extra>(
  operation: O,
  gate: (request: Request, params: Params<O>) => Promise<Extra>,
  handler: Handler<O, Extra>,
): RouteHandler<O> {
  const wrapped = apiRoute<Params<O>>(async (request, context) => {
    const raw = await context.params;
    // A NUL from %00 in the path would fail the gate's lookup with a 500 (the body refuses its own: body.ts).
    refuseUnstorable(raw);
    const params = (operation.params ? parseOrThrow(operation.params, raw) : raw) as Params<O>;
    // Authorized before the query and body are read: a non-member learns nothing of a project, not even
    // that their input would have been refused.
    const extra = await gate(request, params);
    const query = (operation.query ? parseOrThrow(operation.query, storableQuery(request)) : undefined) as Query<O>;
    const body = (
      isBodyReader(operation.body)
        ? await operation.body.read(request)
        : operation.body
          ? parseOrThrow(operation.body, await readJson(request))
          : undefined
    ) as Body<O>;
    return handler({ request, params, query, body, ...extra });
  });
  return Object.assign(wrapped, { operation });
}

/** The query for zod, once none of it is text PostgreSQL cannot store (a filter's %00 would fail its query). */
function storableQuery(request: Request): Record<string, string> {
  const query = queryOf(request);
  refuseUnstorable(query);
  return query;
}

/** Anyone may call it: health, the API's description. */
export function publicRoute<O extends Operation & { public: true }>(operation: O, handler: Handler<O, unknown>): RouteHandler<O> {
  return route(operation, async () => ({}), handler);
}

/** Any signed-in user or API token: what concerns the caller alone (their projects, their mentions). */
export function userRoute<O extends Operation>(operation: O, handler: Handler<O, { actor: Actor }>): RouteHandler<O> {
  return route(operation, async (request) => ({ actor: await authenticateRequest(request) }), handler);
}

/** A project the caller may use for `capability`, named by the path's {slug}: 404 to non-members, 403 to roles without it. */
export function projectRoute<C extends Capability, O extends Operation & { params: z.ZodType<{ slug: string }> }>(
  capability: C,
  operation: O,
  handler: Handler<O, { actor: Actor; access: ProjectAccess<C> }>,
): RouteHandler<O> {
  return route(
    operation,
    async (request, params) => {
      const actor = await authenticateRequest(request);
      return { actor, access: unwrapAccess(await authorizeProject(actor, params.slug, capability)) };
    },
    handler,
  );
}

/** An article the caller may use for `capability`, named by the path's {id}. */
export function articleRoute<C extends Capability, O extends Operation & { params: z.ZodType<{ id: string }> }>(
  capability: C,
  operation: O,
  handler: Handler<O, { actor: Actor; access: ArticleAccess<C> }>,
): RouteHandler<O> {
  return route(
    operation,
    async (request, params) => {
      const actor = await authenticateRequest(request);
      return { actor, access: unwrapAccess(await authorizeArticle(actor, params.id, capability)) };
    },
    handler,
  );
}

/**
 * The article of the tag named by the path's {id}, authorized for `capability`. A tag in a project the
 * caller is not in, or one a blind project hides from them, is "not found", like a missing one.
 * `removed`: a deleted or merged-away tag too (its history), found through the audit log.
 */
export function tagRoute<C extends Capability, O extends Operation & { params: z.ZodType<{ id: string }> }>(
  capability: C,
  operation: O,
  handler: Handler<O, { actor: Actor; access: ArticleAccess<C> }>,
  options: { removed?: boolean } = {},
): RouteHandler<O> {
  return route(
    operation,
    async (request, params) => {
      const actor = await authenticateRequest(request);
      return { actor, access: await authorizeTag(actor, params.id, capability, options.removed ?? false) };
    },
    handler,
  );
}

async function authorizeTag<C extends Capability>(actor: Actor, id: string, capability: C, removed: boolean): Promise<ArticleAccess<C>> {
  const found = (await unsafeFindAnnotationArticle(id)) ?? (removed ? await unsafeFindRemovedAnnotationArticle(id) : null);
  if (!found) throw new AppError("not_found", `No annotation "${id}"`);
  const access = await authorizeArticle(actor, found.articleId, capability);
  if (!access.ok && access.reason === "not_found") throw new AppError("not_found", `No annotation "${id}"`);
  const authorized = unwrapAccess(access);
  if (!scopeShows(authorized.tagScope, found.annotatorIds)) throw new AppError("not_found", `No annotation "${id}"`);
  return authorized;
}
