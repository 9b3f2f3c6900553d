/** Resolving or reopening a tag's discussion. */
import { z } from "zod";

export const threadSchema = z.strictObject({ resolved: z.boolean({ error: "resolved must be true or false" }) });
