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
  unprocessable: 422,
  rate_limited: 429,
  // A cluster's article moving between instances, or an instance shutting down: try again shortly.
  unavailable: 503,
  bad_gateway: 502,
  gateway_timeout: 504,
};

export function json(data: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  // API answers depend on who asks: never let a shared cache keep them.
  headers.set("cache-control", "no-store");
  return Response.json(data, { ...init, headers });
}

export function errorJson(code: AppErrorCode | "internal", message: string, field?: string, details: AppErrorDetails = {}): Response {
  const status = code === "internal" ? 500 : STATUS[code];
  const headers: HeadersInit =
    code === "unauthorized" ? { "www-authenticate": 'Bearer realm="margin"' } : code === "unavailable" ? { "retry-after": "1" } : {};
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

/** Query parameters as a plain object for zod. */
export function queryOf(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}
