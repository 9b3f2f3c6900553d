/**
 * Every API route handler is wrapped here, so that all of them answer errors the same way:
 * `{ "error": { "code", "message", "field"? } }` with the status the code implies (plus the AppError's
 * details, e.g. a conflict's current state), and a crash in one request becomes a logged 500 instead of a
 * leaked stack trace.
 */
import { AppError, type AppErrorCode, type AppErrorDetails } from "@/lib/errors";

const STATUS: Record<AppErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
};

export function json(data: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  // API answers depend on who asks: never let a shared cache keep them.
  headers.set("cache-control", "no-store");
  return Response.json(data, { ...init, headers });
}

export function errorJson(code: AppErrorCode | "internal", message: string, field?: string, details: AppErrorDetails = {}): Response {
  const status = code === "internal" ? 500 : STATUS[code];
  const headers: HeadersInit = code === "unauthorized" ? { "www-authenticate": 'Bearer realm="margin"' } : {};
  return json({ error: { code, message, ...(field ? { field } : {}), ...details.error }, ...details.current }, { status, headers });
}

export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) return errorJson(error.code, error.message, error.field, error.details);
  console.error("[api] unexpected error", error);
  return errorJson("internal", "Internal error; it has been logged");
}

type RouteContext<P> = { params: Promise<P> };

export function apiRoute<P = Record<string, never>>(handler: (request: Request, context: RouteContext<P>) => Promise<Response>) {
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    try {
      return await handler(request, context);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** Largest JSON body an API route reads. */
const MAX_JSON_BYTES = 6 * 1024 * 1024;

/**
 * The request's body as a stream that fails once more than `maxBytes` went through, so that an oversized
 * body is refused while arriving, whatever its Content-Length claims (chunked uploads have none).
 */
export function limitedBody(
  request: Request,
  maxBytes: number,
  field: string,
): { stream: ReadableStream<Uint8Array>; tooLarge(): AppError | null } {
  let seen = 0;
  const tooLarge = () =>
    seen > maxBytes ? new AppError("bad_request", `Body must be at most ${Math.floor(maxBytes / 1024 / 1024)} MB`, field) : null;
  const limit = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      seen += chunk.byteLength;
      const error = tooLarge();
      if (error) controller.error(error);
      else controller.enqueue(chunk);
    },
  });
  return { stream: (request.body ?? new ReadableStream()).pipeThrough(limit), tooLarge };
}

/**
 * The request's JSON body, or a 400 saying what is wrong with it. Only `application/json` is read: a
 * cross-site form cannot send that type without a CORS preflight, which Margin never grants.
 */
export async function readJson(request: Request): Promise<unknown> {
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json")) {
    throw new AppError("bad_request", "Send the body as JSON with Content-Type: application/json", "body");
  }
  const body = limitedBody(request, MAX_JSON_BYTES, "body");
  const text = await new Response(body.stream).text().catch((error: unknown) => {
    throw body.tooLarge() ?? error;
  });
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "Body must be valid JSON", "body");
  }
}

/** Query parameters as a plain object for zod. */
export function queryOf(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}
