"use server";

import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/session-gate";
import { markMentionsSeen } from "@/lib/review/mutations";

/** "Mark all as seen" on the mentions page; the header's count is on every page, hence the layout. */
export async function markAllMentionsSeenAction(): Promise<void> {
  const actor = await requireActor("/mentions");
  await markMentionsSeen(actor);
  revalidatePath("/", "layout");
}
