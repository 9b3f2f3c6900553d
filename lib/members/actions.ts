"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { signIn } from "@/lib/users/next-auth";
import { authorizeProject } from "@/lib/auth/project-access";
import { requireActor } from "@/lib/auth/session-gate";
import { AppError } from "@/lib/errors";
import { textValues, unstorableFields, type FormState } from "@/lib/http/form-state";
import { fieldErrors } from "@/lib/http/parse";
import { acceptInvite, acceptInviteWithNewAccount, changeMemberRole, inviteMember, removeMember, revokeInvite } from "./mutations";
import { acceptWithNewAccountSchema, changeRoleSchema, inviteMemberSchema } from "./schema";

async function ownerAccess(slug: string) {
  const actor = await requireActor(`/projects/${slug}/members`);
  const access = await authorizeProject(actor, slug, "members:manage");
  if (!access.ok) throw new AppError(access.reason, access.message);
  return access.value;
}

export type InviteResult = { email: string; role: string; token?: string };

export async function inviteMemberAction(
  slug: string,
  _previous: FormState<InviteResult>,
  form: FormData,
): Promise<FormState<InviteResult>> {
  const access = await ownerAccess(slug);
  // A refused email stays in the field, so that the mistake can be seen and fixed.
  const values = textValues(form, ["email", "role"]);
  const refused = unstorableFields(form, ["email"]);
  if (refused) return { fieldErrors: refused, values };
  const parsed = inviteMemberSchema.safeParse({ email: form.get("email"), role: form.get("role") });
  if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error), values };
  const outcome = await inviteMember(access, parsed.data);
  if (!outcome.ok) return { fieldErrors: { email: outcome.message }, values };
  revalidatePath(`/projects/${slug}/members`);
  const result = outcome.value;
  return result.kind === "added"
    ? { ok: true, message: `${result.email} joined as ${result.role}.`, data: { email: result.email, role: result.role } }
    : {
        ok: true,
        message: `No account uses ${result.email} yet. Send them this invite link (valid for 7 days):`,
        data: { email: result.email, role: result.role, token: result.token },
      };
}

export async function changeRoleAction(slug: string, _previous: FormState, form: FormData): Promise<FormState> {
  const access = await ownerAccess(slug);
  const parsed = changeRoleSchema.safeParse({ membershipId: form.get("membershipId"), role: form.get("role") });
  if (!parsed.success) return { message: Object.values(fieldErrors(parsed.error))[0] };
  const changed = await changeMemberRole(access, parsed.data.membershipId, parsed.data.role);
  revalidatePath(`/projects/${slug}/members`);
  return changed.ok ? { ok: true, message: "Role changed." } : { message: changed.message };
}

export async function removeMemberAction(slug: string, _previous: FormState, form: FormData): Promise<FormState> {
  const access = await ownerAccess(slug);
  const removed = await removeMember(access, String(form.get("membershipId") ?? ""));
  revalidatePath(`/projects/${slug}/members`);
  return removed.ok ? { ok: true } : { message: removed.message };
}

export async function revokeInviteAction(slug: string, form: FormData): Promise<void> {
  const access = await ownerAccess(slug);
  await revokeInvite(access, String(form.get("inviteId") ?? ""));
  revalidatePath(`/projects/${slug}/members`);
}

export async function acceptInviteAction(token: string, _previous: FormState, _form: FormData): Promise<FormState> {
  const actor = await requireActor(`/invite/${token}`);
  const accepted = await acceptInvite(actor, token);
  if (!accepted.ok) return { message: accepted.message };
  redirect(`/projects/${accepted.value.slug}`);
}

export async function acceptInviteWithNewAccountAction(token: string, _previous: FormState, form: FormData): Promise<FormState> {
  const refused = unstorableFields(form, ["name"]);
  if (refused) return { fieldErrors: refused };
  const parsed = acceptWithNewAccountSchema.safeParse({ token, name: form.get("name"), password: form.get("password") });
  if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error) };
  const accepted = await acceptInviteWithNewAccount(parsed.data);
  if (!accepted.ok) return { message: accepted.message };
  await signIn("credentials", {
    email: accepted.value.email,
    password: parsed.data.password,
    redirectTo: `/projects/${accepted.value.slug}`,
  });
  return {};
}
