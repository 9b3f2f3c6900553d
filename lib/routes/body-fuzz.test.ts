/**
 * An HTTP fuzz of every route's body. Each operation with a body in app/api/contracts.ts is called, as a
 * project owner (so that authorization passes and the body is what is judged), with a seeded, repeatable
 * set of hostile bodies (lib/testing/hostile-bodies.ts): valid-looking ones derived from the contract's
 * JSON Schema with hostile text, then NUL and lone surrogates, wrong types, unknown and prototype keys, deep
 * nesting, extreme numbers, broken JSON, wrong content types and oversized bodies.
 *
 * Every answer comes within seconds and below 500, every 4xx is the error object with a message, and what
 * the edge must refuse (text PostgreSQL cannot store, a body that is not JSON or not sent as JSON) is a 400
 * that changed no row. MARGIN_BODY_FUZZ_ROUNDS sets the bodies per operation (30), MARGIN_BODY_FUZZ_SEED the
 * seed, and MARGIN_BODY_FUZZ_VERBOSE=1 prints each operation's statuses by kind of body.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { z } from "zod";
import { CONTRACTS } from "@/app/api/contracts";
import * as exportRoute from "@/app/api/projects/[slug]/export/route";
import { createApiToken } from "@/lib/api-tokens/mutations";
import { importItemSchema } from "@/lib/articles/import-schema";
import { prisma } from "@/lib/db/prisma";
import { isBodyReader, requestSchemaOf, type JsonSchema, type Method, type Operation } from "@/lib/http/contract";
import { startCollabServer } from "@/lib/testing/collab";
import { createArticle, createProjectWith, createUser } from "@/lib/testing/factories";
import {
  generate,
  holdsUnstorable,
  KINDS,
  MAX_JSON_BYTES,
  plausible,
  random,
  seedOf,
  TEXT,
  type Kit,
  type Value,
} from "@/lib/testing/hostile-bodies";
import { multipartBody, uploadMustRefuse } from "@/lib/testing/hostile-uploads";
import { htmlPage, startPageServer, type PageServer } from "@/lib/testing/page-server";
import { startMlBackend, type MlBackend } from "@/lib/testing/ml-backend";

const ROUNDS = Number(process.env.MARGIN_BODY_FUZZ_ROUNDS ?? 30);
const SEED = Number(process.env.MARGIN_BODY_FUZZ_SEED ?? 20260312);
const VERBOSE = process.env.MARGIN_BODY_FUZZ_VERBOSE === "1";
/** Far above any honest request here (a 6 MB body takes a few hundred ms on a loaded machine). */
const MAX_ANSWER_MS = 5_000;

type Handler = ((request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>) & {
  operation?: Operation;
};
type Target = { method: Method; route: string; operation: Operation };
type Person = { id: string; email: string; token: string };
type Context = { slug: string; articleId: string; tagId: string; suggestionId: string; actorId: string; otherActorId: string };
/** One request as sent, and whether the edge must refuse it. */
type Sent = { kind: string; body: BodyInit; contentType?: string | null; mustRefuse: boolean; shown: string };

const TARGETS: Target[] = CONTRACTS.flatMap((contract) =>
  (Object.entries(contract.methods) as [Method, Operation][])
    .filter(([, operation]) => operation.body !== undefined)
    .map(([method, operation]) => ({ method, route: contract.path, operation })),
);

function bodyKind(operation: Operation): "json" | "jsonFile" | "multipart" {
  if (!isBodyReader(operation.body)) return "json";
  const types = Object.keys(operation.body.describe().content);
  if (types.includes("multipart/form-data")) return "multipart";
  if (types.includes("application/json")) return "jsonFile";
  throw new Error(`a body read as ${types.join(", ")}: teach the fuzz to send it`);
}

async function handlerOf({ route, method }: Target): Promise<Handler> {
  const folder = route.replace(/^\/api/, "").replace(/\{(\w+)\}/g, "[$1]");
  const handlers = (await import(path.join(process.cwd(), "app", "api", folder, "route.ts"))) as Record<string, Handler>;
  return handlers[method]!;
}

function paramsOf(route: string, context: Context): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [, name] of route.matchAll(/\{(\w+)\}/g)) {
    if (name === "slug") params.slug = context.slug;
    else if (name === "id" && route.startsWith("/api/articles/")) params.id = context.articleId;
    else if (name === "id" && route.startsWith("/api/annotations/")) params.id = context.tagId;
    else if (name === "id" && route.startsWith("/api/suggestions/")) params.id = context.suggestionId;
    else if (name === "actorId") params.actorId = context.actorId;
    else throw new Error(`${route}: which {${name}} should the fuzz use?`);
  }
  return params;
}

let server: Awaited<ReturnType<typeof startCollabServer>>;
let owner: Person;
let colleague: Person;
/** A real export: the dataset import's valid-looking body. */
let dataset: Value;
/** What the route wrappers logged (an unexpected error's stack), kept from the console. */
const logged: unknown[][] = [];
/** A page the import by URL can fetch (no DNS here, and private addresses allowed as an operator may). */
let pages: PageServer;
let mlBackend: MlBackend;

/**
 * Every row a refused request could have written, and when the rows it could change last changed, once the
 * stores earlier writes started are done (a store rewrites the article's projection).
 */
async function fingerprint(): Promise<string> {
  await server.collaboration.persistence.settle();
  return JSON.stringify(
    await Promise.all([
      prisma.article.aggregate({ _count: { _all: true }, _max: { updatedAt: true } }),
      prisma.annotation.aggregate({ _count: { _all: true }, _max: { updatedAt: true } }),
      prisma.project.aggregate({ _max: { updatedAt: true } }),
      prisma.annotationComment.count(),
      prisma.annotationEvent.count(),
      prisma.annotationReview.count(),
      prisma.exportSnapshot.count(),
      prisma.suggestion.count(),
      prisma.suggestionDecision.count(),
      prisma.actorRecord.aggregate({ _count: { _all: true }, _max: { updatedAt: true } }),
      prisma.actorRecordEvent.count(),
      prisma.commentMention.count({ where: { seenAt: { not: null } } }),
    ]),
  );
}

async function personFor(name: string): Promise<Person> {
  const user = await createUser({ name });
  return { id: user.id, email: user.email, token: (await createApiToken(user.id, "body fuzz")).token };
}

function send(
  handler: Handler,
  method: Method,
  params: Record<string, string>,
  token: string,
  body?: BodyInit,
  contentType?: string | null,
) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (contentType !== undefined && contentType !== null) headers["content-type"] = contentType;
  return handler(new Request("http://margin.test/api/route", { method, headers, body }), { params: Promise.resolve(params) });
}

async function sendJson(route: string, method: Method, params: Record<string, string>, token: string, body: unknown) {
  const target = TARGETS.find((candidate) => candidate.route === route && candidate.method === method)!;
  const response = await send(await handlerOf(target), method, params, token, JSON.stringify(body), "application/json");
  if (response.status >= 300) throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, { id: string }>;
}

/**
 * A project of its own for each operation: an article, a colleague's tag on "Ana Ruiz" (which the owner may
 * review: not their own), and the colleague's comment on it mentioning the owner.
 */
async function contextFor(): Promise<Context> {
  const { slug } = await createProjectWith({ owner: [owner], editor: [colleague] });
  const { id: articleId } = await createArticle(slug, { title: "Count", text: TEXT });
  const start = [...TEXT.slice(0, TEXT.indexOf("Ana"))].length;
  const tag = { label: "actor", start, end: start + 8, attributes: { canonicalName: "Ana Ruiz", kind: "person" }, note: "the clerk" };
  const tagId = (await sendJson("/api/articles/{id}/annotations", "POST", { id: articleId }, colleague.token, tag)).annotation!.id;
  await sendJson("/api/annotations/{id}/comments", "POST", { id: tagId }, colleague.token, { body: `@${owner.email} is this right?` });
  const run = (await sendJson("/api/articles/{id}/suggestions", "POST", { id: articleId }, colleague.token, {})) as unknown;
  const suggestionId = (run as { suggestions: { id: string }[] }).suggestions[0]!.id;
  // The canonical name made the tag's record (the actor routes' {actorId}).
  const { attributes } = await prisma.annotation.findUniqueOrThrow({ where: { id: tagId }, select: { attributes: true } });
  // Another record, which a merge may name.
  const other = await sendJson("/api/projects/{slug}/actors", "POST", { slug }, colleague.token, { name: "Li Wei" });
  return { slug, articleId, tagId, suggestionId, actorId: (attributes as { actorId: string }).actorId, otherActorId: other.actor!.id };
}

/** What the bodies of one operation are made from; valid-looking bodies pass the contract's zod schema. */
function kitFor(name: string, target: Target, context: Context): Kit {
  const rng = random(seedOf(name, SEED));
  const kind = bodyKind(target.operation);
  const zod = kind === "json" ? (target.operation.body as z.ZodType) : null;
  const schema = zod
    ? requestSchemaOf(zod)
    : kind === "jsonFile"
      ? (target.operation.body as { describe(): { content: Record<string, { schema: JsonSchema }> } }).describe().content[
          "application/json"
        ]!.schema
      : // An upload's .json and .jsonl files hold articles to import.
        requestSchemaOf(importItemSchema);
  const pool = ["Ana Ruiz", "The county clerk.", TEXT, "en", "pt-BR", "actor", "accepted", "new", "codepoint", "0".repeat(64)];
  pool.push(owner.email, `@${owner.email} see this`, context.tagId, context.articleId, context.slug, context.otherActorId);
  // Half the strings the page's address, so that some bodies get through to the fetch and the import.
  if (target.route.endsWith("/imports/url")) pool.push(...Array<string>(pool.length).fill(pages.url("/story")));
  if (target.route.endsWith("/backend/check")) pool.push(...Array<string>(pool.length).fill(mlBackend.url));
  const valid = zod ? (value: Value) => zod.safeParse(value).success : null;
  const example = (): Value => {
    if (kind === "jsonFile") return structuredClone(dataset);
    for (let attempt = 0; attempt < 200; attempt++) {
      const candidate = generate(rng, schema, schema, plausible(rng, pool));
      if (!valid || valid(candidate)) return candidate;
    }
    throw new Error(`${name}: no valid body found from the schema in 200 attempts`);
  };
  return { rng, example, schema, valid, pool };
}

const KIND_NAMES = Object.keys(KINDS);

async function nextBody(target: Target, kit: Kit, round: number): Promise<Sent> {
  const kind = bodyKind(target.operation);
  if (kind === "multipart") {
    const upload = multipartBody(kit.rng, kit, round);
    const shown =
      typeof upload.body === "string"
        ? upload.body
        : [...upload.body].map(([key, value]) => `${key}=${typeof value === "string" ? value : `file:${value.name}`}`).join("&");
    return { kind: upload.kind, body: upload.body, contentType: upload.contentType, mustRefuse: await uploadMustRefuse(upload), shown };
  }
  const body = KINDS[KIND_NAMES[round % KIND_NAMES.length]!]!(kit);
  // As the server decodes it: invalid UTF-8 replaced, a leading byte order mark dropped.
  const bytes = typeof body.text === "string" ? new TextEncoder().encode(body.text) : body.text;
  const text = new TextDecoder().decode(bytes);
  let parsed: { value: unknown } | null = null;
  try {
    parsed = { value: JSON.parse(text) };
  } catch {}
  const mustRefuse =
    !(body.contentType ?? "").toLowerCase().startsWith("application/json") ||
    parsed === null ||
    holdsUnstorable(parsed.value) ||
    (kind === "json" && bytes.byteLength > MAX_JSON_BYTES);
  return { kind: body.kind, body: bytes, contentType: body.contentType, mustRefuse, shown: text };
}

/** What is wrong with one answer, if anything. */
/** Routes that ask another server: that server's absence (a body naming example.com) is a 502 or 504, not Margin's failure. */
const asksAnotherServer = (route: string) => route.endsWith("/backend/check");

async function judge(
  sent: Sent,
  response: Response,
  answer: string,
  took: number,
  before: string | null,
  gateway = false,
): Promise<string[]> {
  const shown = `${JSON.stringify(sent.shown.slice(0, 300))}${sent.shown.length > 300 ? `… (${sent.shown.length} chars)` : ""}`;
  const where = `(${sent.kind}) ${response.status} in ${Math.round(took)} ms: ${shown}\n  answer ${answer.slice(0, 300)}`;
  const problems: string[] = [];
  if (response.status >= 500 && !(gateway && (response.status === 502 || response.status === 504))) {
    const stacks = logged.map((args) => args.map((arg) => (arg instanceof Error ? arg.stack : String(arg))).join(" "));
    problems.push(`${where}\n  a server error; logged ${stacks.join("\n")}`);
  } else if (response.status >= 400) {
    let message: unknown;
    try {
      message = (JSON.parse(answer) as { error?: { message?: unknown } }).error?.message;
    } catch {}
    const isJson = (response.headers.get("content-type") ?? "").includes("application/json");
    if (!isJson || typeof message !== "string" || !message) problems.push(`${where}\n  a 4xx without the error object`);
  }
  if (took > MAX_ANSWER_MS) problems.push(`${where}\n  took over ${MAX_ANSWER_MS} ms`);
  if (sent.mustRefuse && response.status !== 400) problems.push(`${where}\n  should have been refused with a 400`);
  const after = before === null ? null : await fingerprint();
  if (after !== before) problems.push(`${where}\n  a refused body changed rows: ${before} -> ${after}`);
  if ("polluted" in {}) problems.push(`${where}\n  Object.prototype was polluted`);
  return problems;
}

beforeAll(async () => {
  process.env.MARGIN_IMPORT_ALLOW_PRIVATE_URLS = "1";
  process.env.MARGIN_SUGGESTER_ALLOW_PRIVATE_URLS = "1";
  mlBackend = await startMlBackend();
  pages = await startPageServer();
  pages.route("/story", htmlPage(`<html><body><article><h1>Count</h1><p>${TEXT}</p></article></body></html>`));
  server = await startCollabServer({ debounce: 10, maxDebounce: 50 });
  owner = await personFor("Owner");
  colleague = await personFor("Colleague");
  const source = await contextFor();
  dataset = (await (await send(exportRoute.GET as unknown as Handler, "GET", { slug: source.slug }, owner.token)).json()) as Value;
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void logged.push(args));
});

afterAll(async () => {
  vi.restoreAllMocks();
  await server?.close();
  await pages?.close();
  await mlBackend?.close();
  delete process.env.MARGIN_IMPORT_ALLOW_PRIVATE_URLS;
  delete process.env.MARGIN_SUGGESTER_ALLOW_PRIVATE_URLS;
});

describe("every route's body, fuzzed as a project owner", () => {
  it("covers every operation with a body, each sent in a way the fuzz knows", () => {
    expect(TARGETS.length).toBeGreaterThan(10);
    for (const target of TARGETS) expect(() => bodyKind(target.operation), `${target.method} ${target.route}`).not.toThrow();
  });

  it.each(TARGETS.map((target) => [`${target.method} ${target.route}`, target] as const))(
    "%s",
    async (name, target) => {
      const handler = await handlerOf(target);
      expect(handler.operation, `${name}: the route's handler parses with its contract`).toBe(target.operation);
      const context = await contextFor();
      // A backend to check when the body names none (the bodies' own addresses are example.com's).
      if (asksAnotherServer(target.route))
        await prisma.project.update({ where: { slug: context.slug }, data: { suggestionBackendUrl: mlBackend.url } });
      const params = paramsOf(target.route, context);
      const kit = kitFor(name, target, context);
      const failures: string[] = [];
      const statuses: Record<string, number> = {};
      for (let round = 0; round < ROUNDS; round++) {
        const sent = await nextBody(target, kit, round);
        const before = sent.mustRefuse ? await fingerprint() : null;
        logged.length = 0;
        const started = performance.now();
        const response = await send(handler, target.method, params, owner.token, sent.body, sent.contentType);
        const answer = await response.text();
        const took = performance.now() - started;
        statuses[`${sent.kind} ${response.status}`] = (statuses[`${sent.kind} ${response.status}`] ?? 0) + 1;
        for (const problem of await judge(sent, response, answer, took, before, asksAnotherServer(target.route)))
          failures.push(`round ${round} ${problem}`);
      }
      if (VERBOSE) console.info(`${name}: ${JSON.stringify(statuses)}`);
      expect(failures, failures.join("\n\n")).toEqual([]);
      // Some bodies get through to the library call: the fuzz tests more than the parsing.
      if (ROUNDS >= 20)
        expect(
          Object.keys(statuses).some((key) => / 2\d\d$/.test(key)),
          JSON.stringify(statuses),
        ).toBe(true);
    },
    // Generous: a slow answer is reported as one ("took over"), not cut off by the test's timeout.
    Math.max(60_000, ROUNDS * 1_000),
  );
});
