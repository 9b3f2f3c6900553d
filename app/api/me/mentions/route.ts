import { authenticateRequest } from "@/lib/auth/session-gate";
import { apiRoute, json, queryOf } from "@/lib/http/api-handler";
import { readJson } from "@/lib/http/body";
import { parseOrThrow } from "@/lib/http/parse";
import { listMentions } from "@/lib/review/data";
import { markMentionsSeen } from "@/lib/review/mutations";
import { listSchema, seenSchema } from "./contract";

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
