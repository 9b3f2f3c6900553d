/** Comments that mention the caller. */
import { z } from "zod";

export const listSchema = z.strictObject({ unseen: z.enum(["0", "1"], { error: "unseen must be 0 or 1" }).optional() });
export const seenSchema = z.strictObject({ commentIds: z.array(z.string().max(64)).max(500).optional() });
