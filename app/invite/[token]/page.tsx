import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { AcceptInviteForm, CreateAccountFromInviteForm } from "@/components/invites/accept-invite-forms";
import { getActor } from "@/lib/auth/session-gate";
import { unsafeGetOpenInvite } from "@/lib/members/data";
import { unsafeGetUserByEmail } from "@/lib/users/data";

export const metadata = { title: "Invitation" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  // The secret in the link is what authorizes showing the invite.
  const invite = await unsafeGetOpenInvite(token);
  if (!invite) {
    return (
      <AuthCard title="Invite not valid">
        <p className="text-sm text-stone-700">
          This invite link is invalid, expired, revoked or already used. Ask the project owner for a new one.
        </p>
      </AuthCard>
    );
  }
  const actor = await getActor();
  const inviter = invite.invitedBy.name ?? invite.invitedBy.email;
  const subtitle = (
    <>
      {inviter} invited <strong>{invite.email}</strong> to join <strong>{invite.project.name}</strong> as {invite.role}.
    </>
  );
  if (actor) {
    return (
      <AuthCard title={`Join ${invite.project.name}`} subtitle={subtitle}>
        {actor.email === invite.email ? (
          <AcceptInviteForm token={token} />
        ) : (
          <p className="text-sm text-stone-700">
            You are signed in as {actor.email}. Sign out, then open this link again to accept it as {invite.email}.
          </p>
        )}
      </AuthCard>
    );
  }
  const hasAccount = (await unsafeGetUserByEmail(invite.email)) !== null;
  const signInLink = (
    <Link href={`/sign-in?callbackUrl=${encodeURIComponent(`/invite/${token}`)}`} className="text-accent underline">
      Sign in to accept
    </Link>
  );
  return (
    <AuthCard title={`Join ${invite.project.name}`} subtitle={subtitle}>
      {hasAccount ? <p className="text-sm">{signInLink}</p> : <CreateAccountFromInviteForm token={token} email={invite.email} />}
    </AuthCard>
  );
}
