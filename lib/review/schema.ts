/**
 * What a comment may be, for comments on their own and with a review decision.
 */
import { z } from "zod";

/** Comments are for discussion, not documents: the limit keeps one thread from holding megabytes. */
export const COMMENT_MAX = 10_000;
export const commentBodySchema = z
  .string({ error: "body must be a string" })
  .refine((body) => body.trim().length > 0, { error: "body must not be empty" })
  .refine((body) => body.length <= COMMENT_MAX, { error: `body must be at most ${COMMENT_MAX.toLocaleString("en")} characters` });
