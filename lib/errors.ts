/**
 * Unexpected failures are thrown as AppError with a code from this union; entry points map the code to an
 * HTTP status (lib/http/api-handler.ts) or a page (not-found, sign-in). Expected outcomes a caller must
 * handle (a duplicate slug, a wrong password) are returned as values instead.
 */
export type AppErrorCode =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  /** Well-formed input Margin cannot use (a fetched page with no article in it). */
  | "unprocessable"
  | "rate_limited"
  | "unavailable"
  /** Another server Margin asked on the user's behalf failed (import by URL): unreachable, an error status. */
  | "bad_gateway"
  /** That server did not answer in time. */
  | "gateway_timeout";

/**
 * What a caller needs beyond the message to act on an error, e.g. on a 409: which article the import
 * duplicates, or the tag as someone else just decided it (so that a second reviewer sees why).
 */
export type AppErrorDetails = {
  /** Facts about the error itself, sent inside `error` next to code and message (a duplicate's `duplicateOf`). */
  error?: Record<string, unknown>;
  /** The current state of what the request was about, sent next to `error` (a conflict's `annotation`). */
  current?: Record<string, unknown>;
};

export class AppError extends Error {
  override name = "AppError";
  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** The input field at fault, for 400s. */
    readonly field?: string,
    readonly details?: AppErrorDetails,
  ) {
    super(message);
  }
}

/** The result type of operations whose failures are part of normal use. */
export type Result<T, Reason extends string = string> =
  { ok: true; value: T } | { ok: false; reason: Reason; message: string; field?: string };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const fail = <Reason extends string>(reason: Reason, message: string, field?: string): Result<never, Reason> => ({
  ok: false,
  reason,
  message,
  field,
});
