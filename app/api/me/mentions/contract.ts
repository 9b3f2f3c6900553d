/** Comments that mention the caller. */
import { z } from "zod";
import { defineRoute, errors } from "@/lib/http/contract";

export const listSchema = z.strictObject({
  unseen: z.enum(["0", "1"], { error: "unseen must be 0 or 1" }).optional().describe("1: only those not seen yet"),
});
export const seenSchema = z.strictObject({
  commentIds: z.array(z.string().max(64)).max(500).optional().describe("The comments to mark seen (default all)"),
});

export const contract = defineRoute("/api/me/mentions", {
  GET: {
    summary: "Comments that mention you, newest first",
    query: listSchema,
    responses: { 200: "`{ mentions: Mention[] }`", ...errors(400, 401) },
  },
  POST: {
    summary: "Mark mentions seen (`commentIds`, or all)",
    body: seenSchema,
    responses: { 200: "`{ seen: number }`", ...errors(400, 401) },
  },
});
