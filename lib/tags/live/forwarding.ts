/**
 * Live tag operations in a cluster. Only the instance that owns an article (lib/collab/ownership.ts) may
 * write its live documents, so an operation asked of another instance (round-robin API calls, a review
 * from a page served elsewhere, auto-accept over a whole project) is forwarded to the owner: signed with
 * the cluster's key (lib/auth/peer-signature.ts), authorized there again as the same user, run there, and
 * its answer (a value, a refusal, an AppError) given back as if it had run here. One owner decides, so a
 * review race has one winner on any number of instances.
 *
 * An owner that lost the article meanwhile answers "moved" before doing anything, and the caller asks
 * again where the article is now (a few times); an owner that cannot be reached gives a 503, never a
 * guess: an operation is not retried once it may have run.
 */
import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import type { ArticleAccess } from "@/lib/auth/context";
import { PEER_SIGNATURE_HEADER, signPeerRequest, verifyPeerRequest } from "@/lib/auth/peer-signature";
import type { Capability } from "@/lib/auth/permissions";
import { unsafeAuthorizeForwardedArticle } from "@/lib/auth/project-access";
import { FORWARDED_HEADER } from "@/lib/collab/collaboration";
import type { Ownership } from "@/lib/collab/ownership";
import { AppError, type AppErrorCode, type AppErrorDetails } from "@/lib/errors";
import type { LiveAnnotations } from "./operations";

/** Where instances send each other live operations (served by the server process, never by Next.js). */
export const PEER_PATH = "/_margin/live";

type Method = keyof LiveAnnotations;

/** What each operation asks of the user on the owner, as the route that called it asked on the caller. */
const CAPABILITY: Record<Method, Capability> = {
  create: "annotations:create",
  update: "annotations:create",
  delete: "annotations:create",
  restore: "annotations:create",
  review: "annotations:review",
  comment: "annotations:comment",
  resolveThread: "annotations:comment",
  // Runs the project's own rule; any member's access carries the settings it reads.
  mergeAgreeing: "project:read",
};
const METHODS = Object.keys(CAPABILITY) as [Method, ...Method[]];

const call = z.object({
  method: z.enum(METHODS),
  articleId: z.string().min(1).max(64),
  userId: z.string().min(1).max(64),
  args: z.array(z.unknown()).max(4),
});
type Call = z.infer<typeof call>;

/** The owner's answer: a value, an error to throw as it was, or "moved" (ask again where the article is). */
type Answer =
  { value: unknown } | { error: { code: AppErrorCode; message: string; field?: string; details?: AppErrorDetails } } | { moved: true };

/** mergeAgreeing answers a Map (tag id → gold tag id), which JSON cannot carry as such. */
const encode = (method: Method, value: unknown) => (method === "mergeAgreeing" ? [...(value as Map<string, string>)] : value);
const decode = (method: Method, value: unknown) => (method === "mergeAgreeing" ? new Map(value as [string, string][]) : value);

const HOPS = 3;
/** The longest an operation may take at the owner (a tag may wait up to 10 s for its mark, operations.ts). */
const PEER_TIMEOUT_MS = 30_000;

async function askPeer(address: string, body: Call): Promise<Answer> {
  const text = JSON.stringify(body);
  let response: Response;
  try {
    response = await fetch(new URL(PEER_PATH, address), {
      method: "POST",
      headers: { "content-type": "application/json", [PEER_SIGNATURE_HEADER]: signPeerRequest(text), [FORWARDED_HEADER]: "1" },
      body: text,
      signal: AbortSignal.timeout(PEER_TIMEOUT_MS),
    });
  } catch (error) {
    console.warn(`[collab] the owner of article ${body.articleId} (${address}) could not be reached: ${(error as Error).message}`);
    throw new AppError("unavailable", "The server that holds this article could not be reached; try again in a moment");
  }
  if (!response.ok && response.status !== 409)
    throw new AppError("unavailable", `The article's server answered ${response.status}; try again`);
  return (await response.json()) as Answer;
}

/** The live operations, each run where the article is owned: here, or forwarded to the owner. */
export function forwardedLiveAnnotations(local: LiveAnnotations, ownership: Ownership): LiveAnnotations {
  const routed = <K extends Method>(method: K) =>
    (async (access: ArticleAccess, ...args: unknown[]) => {
      const run = local[method] as (access: ArticleAccess, ...args: unknown[]) => Promise<unknown>;
      for (let hop = 0; hop < HOPS; hop++) {
        const outcome = await ownership.withArticle(access.articleId, () => run(access, ...args));
        if (outcome.ran) return outcome.value;
        if (!access.userId) throw new Error("live operations need a user");
        const answer = await askPeer(outcome.address, { method, articleId: access.articleId, userId: access.userId, args });
        if ("moved" in answer) continue;
        if ("error" in answer) throw new AppError(answer.error.code, answer.error.message, answer.error.field, answer.error.details);
        return decode(method, answer.value);
      }
      throw new AppError("unavailable", "The article is moving between servers; try again in a moment");
    }) as LiveAnnotations[K];
  return {
    create: routed("create"),
    update: routed("update"),
    delete: routed("delete"),
    restore: routed("restore"),
    review: routed("review"),
    comment: routed("comment"),
    resolveThread: routed("resolveThread"),
    mergeAgreeing: routed("mergeAgreeing"),
  };
}

const MAX_BODY = 4 * 1024 * 1024;

async function readBody(request: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function reply(response: ServerResponse, status: number, answer: Answer | { error: { code: string; message: string } }): void {
  response.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" }).end(JSON.stringify(answer));
}

/**
 * Serves an operation a peer forwarded: checks the cluster's signature, authorizes the user again, and runs
 * it here if this instance owns the article (or can take it); "moved" otherwise, never forwarded again.
 */
export async function handlePeerRequest(
  request: IncomingMessage,
  response: ServerResponse,
  local: LiveAnnotations,
  ownership: Ownership,
): Promise<void> {
  if (request.method !== "POST") return reply(response, 405, { error: { code: "bad_request", message: "POST only" } });
  const body = await readBody(request);
  if (body === null) return reply(response, 413, { error: { code: "bad_request", message: "Body too large" } });
  if (!verifyPeerRequest(request.headers[PEER_SIGNATURE_HEADER] as string | undefined, body))
    return reply(response, 401, { error: { code: "unauthorized", message: "Not signed by an instance of this cluster" } });
  let parsed: Call;
  try {
    parsed = call.parse(JSON.parse(body));
  } catch {
    return reply(response, 400, { error: { code: "bad_request", message: "Not a live operation" } });
  }
  try {
    const access = await unsafeAuthorizeForwardedArticle(parsed.userId, parsed.articleId, CAPABILITY[parsed.method]);
    if (!access.ok) return reply(response, 200, { error: { code: access.reason, message: access.message } });
    const run = local[parsed.method] as (access: ArticleAccess, ...args: unknown[]) => Promise<unknown>;
    const outcome = await ownership.withArticle(parsed.articleId, () => run(access.value, ...parsed.args));
    if (!outcome.ran) return reply(response, 409, { moved: true });
    reply(response, 200, { value: encode(parsed.method, outcome.value) });
  } catch (error) {
    if (error instanceof AppError)
      return reply(response, 200, { error: { code: error.code, message: error.message, field: error.field, details: error.details } });
    console.error("[collab] a forwarded live operation failed", error);
    reply(response, 500, { error: { code: "internal", message: "Internal error; it has been logged" } });
  }
}
