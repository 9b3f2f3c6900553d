/** A tag's discussion. */
import { z } from "zod";
import { commentBodySchema } from "@/lib/review/schema";

export const commentSchema = z.strictObject({ body: commentBodySchema });
