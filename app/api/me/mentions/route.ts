import { json } from "@/lib/http/api-handler";
import { userRoute } from "@/lib/routes/wrappers";
import { listMentions } from "@/lib/review/data";
import { markMentionsSeen } from "@/lib/review/mutations";
import { contract } from "./contract";

/** Comments that mention you (`@your-email`), newest first; `unseen=1` for the new ones only. */
export const GET = userRoute(contract.methods.GET, async ({ actor, query }) =>
  json({ mentions: await listMentions(actor, { unseenOnly: query.unseen === "1" }) }),
);

/** Marks mentions seen: those listed in `commentIds`, or all. */
export const POST = userRoute(contract.methods.POST, async ({ actor, body }) =>
  json({ seen: await markMentionsSeen(actor, body.commentIds) }),
);
