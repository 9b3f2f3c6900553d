import { markAllMentionsSeenAction } from "@/lib/review/actions";
import { MentionList } from "@/components/review-pages/mention-list";
import { SubmitButton } from "@/components/ui/button";
import { requireActor } from "@/lib/auth/session-gate";
import { listMentions } from "@/lib/review/data";

export const metadata = { title: "Mentions" };

/** The comments that mention the signed-in user, in the projects they are still a member of. */
export default async function MentionsPage() {
  const actor = await requireActor("/mentions");
  const mentions = await listMentions(actor);
  // listMentions reads the newest 200: say so rather than let older ones look lost.
  const capped = mentions.length >= 200;
  const unseen = mentions.filter((mention) => mention.seenAt === null).length;
  return (
    <>
      <div className="mb-6 flex flex-wrap items-center gap-4">
        <h1 className="text-2xl font-semibold">Mentions</h1>
        <p className="text-sm text-stone-600" role="status">
          {unseen > 0 ? `${unseen} new` : "Nothing new"}
        </p>
        {unseen > 0 && (
          <form action={markAllMentionsSeenAction} className="ml-auto">
            <SubmitButton variant="secondary" pendingLabel="Marking…">
              Mark all as seen
            </SubmitButton>
          </form>
        )}
      </div>
      {mentions.length > 0 ? (
        <>
          <MentionList mentions={mentions} />
          {capped && <p className="mt-3 text-sm text-stone-600">The {mentions.length} most recent mentions.</p>}
        </>
      ) : (
        <p className="rounded-lg border border-dashed border-stone-300 p-6 text-center text-stone-600">
          No one has mentioned you yet. A comment that names you as @{actor.email} appears here.
        </p>
      )}
    </>
  );
}
