/**
 * Turns zod failures, and text PostgreSQL cannot store, into AppErrors that name the field, so every entry
 * point reports bad input the same way.
 */
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { firstUnstorable, unstorableMessage } from "@/lib/text/storable";

export function fieldOf(issue: z.core.$ZodIssue): string {
  return issue.path.length ? issue.path.join(".") : "body";
}

/** Parses or throws a 400 AppError naming the first bad field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = fieldOf(issue);
  throw new AppError("bad_request", `${field}: ${issue.message}`, field);
}

/**
 * Throws a 400 AppError naming the first string in `value` (parsed JSON, a form's or a query's fields) that
 * PostgreSQL could not store: refused at the edge rather than failing as a 500 inside a write.
 */
export function refuseUnstorable(value: unknown, path = ""): void {
  const at = firstUnstorable(value, path);
  if (at !== null) throw new AppError("bad_request", unstorableMessage(at), at);
}

/** Field errors for forms: the first message per field. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) errors[fieldOf(issue)] ??= issue.message;
  return errors;
}
