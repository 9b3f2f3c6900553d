import { authenticateRequest } from "@/lib/auth/session-gate";
import { apiRoute, json, queryOf } from "@/lib/http/api-handler";
import { readJson } from "@/lib/http/body";
import { parseOrThrow } from "@/lib/http/parse";
import { listMentions } from "@/lib/review/data";
import { markMentionsSeen } from "@/lib/review/mutations";
import { z } from "zod";

const listSchema = z.strictObject({ unseen: z.enum(["0", "1"], { error: "unseen must be 0 or 1" }).optional() });
const seenSchema = z.strictObject({ commentIds: z.array(z.string().max(64)).max(500).optional() });

/** Comments that mention you (`@your-email`), newest first; `unseen=1` for the new ones only. */
export const GET = apiRoute(async (request) => {
  const actor = await authenticateRequest(request);
  const { unseen } = parseOrThrow(listSchema, queryOf(request));
  return json({ mentions: await listMentions(actor, { unseenOnly: unseen === "1" }) });
});

/** Marks mentions seen: those listed in `commentIds`, or all. */
export const POST = apiRoute(async (request) => {
  const actor = await authenticateRequest(request);
  const { commentIds } = parseOrThrow(seenSchema, await readJson(request));
  return json({ seen: await markMentionsSeen(actor, commentIds) });
});
