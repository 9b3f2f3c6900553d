/**
 * Helpers shared by the annotation routes: the offset unit of a request and mapping live-operation
 * refusals to HTTP errors.
 */
import { AppError } from "@/lib/errors";
import { parseOrThrow } from "@/lib/http/parse";
import type { LiveRefusal } from "./live";
import { offsetUnitSchema } from "./schema";
import type { OffsetUnit } from "./offsets";
import type { Result } from "@/lib/errors";
import { z } from "zod";

export function offsetUnitOf(request: Request): OffsetUnit {
  const value = new URL(request.url).searchParams.get("offsetUnit") ?? undefined;
  return parseOrThrow(z.object({ offsetUnit: offsetUnitSchema }), { offsetUnit: value }).offsetUnit;
}

export function unwrapLive<T>(result: Result<T, LiveRefusal>): T {
  if (result.ok) return result.value;
  throw new AppError(result.reason, result.message, result.field);
}
