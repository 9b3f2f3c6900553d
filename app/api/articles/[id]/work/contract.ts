/** Marking one's own work on an article done. */
import { z } from "zod";

export const workSchema = z.strictObject({ done: z.boolean({ error: "done must be true or false" }) });
