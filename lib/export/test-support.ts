/**
 * Helpers for the export's integration tests: tags made and reviewed through the live operations (the way
 * the editor and the API make them), export routes called with a real Request, and the published JSON
 * Schema compiled with ajv (a dev dependency: tests only).
 */
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { createApiToken } from "@/lib/api-tokens/mutations";
import type { OffsetUnit } from "@/lib/tags/offsets";
import { authorizeArticle } from "@/lib/auth/project-access";
import { actorFor } from "@/lib/testing/actors";
import type { startCollabServer } from "@/lib/testing/collab";
import { createUser } from "@/lib/testing/factories";
import schema from "./schema.json";
import type { Decision, Label, TagStatus } from "@/lib/vocabulary";
import type { ExportArticle } from "./shape";

export type Server = Awaited<ReturnType<typeof startCollabServer>>;
export type Person = { id: string; email: string; token: string };

export async function person(name: string): Promise<Person> {
  const user = await createUser({ name });
  return { id: user.id, email: user.email, token: (await createApiToken(user.id, "export test")).token };
}

/** Code points of the `occurrence`-th `words` in `text`. */
export function span(text: string, words: string, occurrence = 1) {
  let at = -1;
  for (let found = 0; found < occurrence; found++) {
    at = text.indexOf(words, at + 1);
    if (at < 0) throw new Error(`"${words}" does not occur ${occurrence} times in the text`);
  }
  const start = [...text.slice(0, at)].length;
  return { start, end: start + [...words].length, unit: "codepoint" as const };
}

export async function tag(
  server: Server,
  who: { id: string },
  articleId: string,
  text: string,
  label: Label,
  words: string,
  attributes?: Record<string, unknown>,
  occurrence = 1,
): Promise<string> {
  const access = await authorizeArticle(await actorFor(who), articleId, "annotations:create");
  if (!access.ok) throw new Error(access.message);
  const created = await server.live.create(access.value, { label, attributes, span: span(text, words, occurrence) });
  if (!created.ok) throw new Error(created.message);
  return created.value.id;
}

export async function review(
  server: Server,
  who: { id: string },
  articleId: string,
  id: string,
  decision: Decision,
  comment?: string,
  expectedStatus?: TagStatus,
) {
  const access = await authorizeArticle(await actorFor(who), articleId, "annotations:review");
  if (!access.ok) throw new Error(access.message);
  const result = await server.live.review(access.value, id, { decision, comment, expectedStatus });
  if (!result.ok) throw new Error(result.message);
}

type Handler<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response>;

/** Calls a route handler as Next.js would; the response is returned as is (its body may be anything). */
export function call<P>(
  handler: Handler<P>,
  params: P,
  options: { token?: string; query?: Record<string, string>; headers?: Record<string, string>; method?: string; body?: unknown } = {},
) {
  const url = new URL("http://margin.test/api/route");
  for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, value);
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const body = options.body === undefined ? undefined : typeof options.body === "string" ? options.body : JSON.stringify(options.body);
  return handler(new Request(url, { method: options.method ?? (body === undefined ? "GET" : "POST"), headers, body }), {
    params: Promise.resolve(params),
  });
}

const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
addFormats(ajv);
const validators = {
  document: ajv.compile(schema),
  article: ajv.getSchema(`${schema.$id}#/$defs/article`)!,
  actors: ajv.getSchema(`${schema.$id}#/$defs/actorsDocument`)!,
  quoteRow: ajv.getSchema(`${schema.$id}#/$defs/quoteRow`)!,
  claimRow: ajv.getSchema(`${schema.$id}#/$defs/claimRow`)!,
};

/**
 * Throws with ajv's errors when `value` is not a valid `json` export (or: `article`, a valid jsonl line;
 * `actors`, an actors-json export; `quoteRow`, `claimRow`, a line of quotes-jsonl, claims-jsonl).
 */
export function assertValid(value: unknown, what: keyof typeof validators = "document"): void {
  const validate = validators[what];
  if (!validate(value)) throw new Error(`not a valid ${what}: ${ajv.errorsText(validate.errors, { separator: "\n" })}`);
}

export function sliceIn(text: string, start: number, end: number, unit: OffsetUnit): string {
  return unit === "codepoint" ? [...text].slice(start, end).join("") : text.slice(start, end);
}

/** Every tag's text, prefix and suffix are the article's text at its offsets in `unit`. */
export function assertSlices(articles: ExportArticle[], unit: OffsetUnit): number {
  let checked = 0;
  for (const article of articles) {
    for (const tag of article.tags) {
      const actual = sliceIn(article.text, tag.start, tag.end, unit);
      if (actual !== tag.text)
        throw new Error(`tag ${tag.id}: text at ${tag.start}-${tag.end} (${unit}) is "${actual}", not "${tag.text}"`);
      const points = [...article.text];
      const start = unit === "codepoint" ? tag.start : [...article.text.slice(0, tag.start)].length;
      const end = unit === "codepoint" ? tag.end : [...article.text.slice(0, tag.end)].length;
      if (points.slice(Math.max(0, start - 32), start).join("") !== tag.prefix) throw new Error(`tag ${tag.id}: wrong prefix`);
      if (points.slice(end, end + 32).join("") !== tag.suffix) throw new Error(`tag ${tag.id}: wrong suffix`);
      checked++;
    }
  }
  return checked;
}

export async function bodyText(response: Response): Promise<string> {
  return new TextDecoder("utf-8", { fatal: true }).decode(await response.arrayBuffer());
}

/** The articles of a jsonl export, each checked against the published schema. */
export function jsonlArticles(text: string): ExportArticle[] {
  return text
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const article: unknown = JSON.parse(line);
      assertValid(article, "article");
      return article as ExportArticle;
    });
}
