import { InviteForm } from "@/components/members/invite-form";
import { MemberRow } from "@/components/members/member-row";
import { ProjectNav } from "@/components/projects/project-nav";
import { projectForPage } from "@/lib/auth/page-access";
import { requireActor } from "@/lib/auth/session-gate";
import { formatDate } from "@/lib/format";
import { revokeInviteAction } from "@/lib/members/actions";
import { listMembers, listPendingInvites } from "@/lib/members/data";

export const metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const actor = await requireActor(`/projects/${slug}/members`);
  const access = await projectForPage(actor, slug, "members:manage");
  const [members, invites] = await Promise.all([listMembers(access), listPendingInvites(access)]);
  return (
    <>
      <ProjectNav access={access} current="members" />
      <section className="rounded-lg border border-stone-200 bg-white p-4">
        <h2 className="mb-4 font-medium">Add a member</h2>
        <InviteForm slug={slug} />
      </section>
      <section className="mt-8">
        <h2 className="mb-2 font-medium">
          {members.length} {members.length === 1 ? "member" : "members"}
        </h2>
        <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white" aria-label="Members">
          {members.map((member) => (
            <MemberRow key={member.id} slug={slug} member={member} isSelf={member.user.id === actor.userId} />
          ))}
        </ul>
      </section>
      {invites.length > 0 && (
        <section className="mt-8">
          <h2 className="mb-2 font-medium">Pending invites</h2>
          <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
            {invites.map((invite) => (
              <li key={invite.id} className="flex flex-wrap items-center gap-3 p-4 text-sm">
                <span className="font-medium">{invite.email}</span>
                <span className="text-stone-600">
                  {invite.role}, expires {formatDate(invite.expiresAt)}
                </span>
                <form action={revokeInviteAction.bind(null, slug)} className="ml-auto">
                  <input type="hidden" name="inviteId" value={invite.id} />
                  <button type="submit" className="text-red-800 underline">
                    Revoke
                  </button>
                </form>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
