/**
 * Turns zod failures into AppErrors that name the field, so every entry point reports bad input the same way.
 */
import type { z } from "zod";
import { AppError } from "@/lib/errors";

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

/** Field errors for forms: the first message per field. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) errors[fieldOf(issue)] ??= issue.message;
  return errors;
}
