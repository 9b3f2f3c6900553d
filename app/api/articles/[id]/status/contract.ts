/** An article's place in the workflow. */
import { z } from "zod";
import { articleStatusSchema } from "@/lib/vocabulary";

export const statusSchema = z.strictObject({
  status: articleStatusSchema,
});
