"use client";

import { useActionState } from "react";
import { inviteMemberAction, type InviteResult } from "@/lib/members/actions";
import type { FormState } from "@/lib/http/form-state";
import { PROJECT_ROLES, ROLE_DESCRIPTIONS } from "@/lib/auth/permissions";
import { SubmitButton } from "@/components/ui/button";
import { Field, FormMessage, inputClass, TextField } from "@/components/ui/field";

export function InviteForm({ slug }: { slug: string }) {
  const [state, action] = useActionState<FormState<InviteResult>, FormData>(inviteMemberAction.bind(null, slug), {});
  const link = state.data?.token ? `${window.location.origin}/invite/${state.data.token}` : null;
  return (
    <form action={action} className="grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-start" noValidate>
      <TextField label="Email" name="email" type="email" required defaultValue={state.values?.email} error={state.fieldErrors?.email} />
      <Field label="Role" error={state.fieldErrors?.role}>
        {(aria) => (
          <select name="role" defaultValue={state.values?.role ?? "editor"} className={inputClass} {...aria}>
            {PROJECT_ROLES.map((role) => (
              <option key={role} value={role} title={ROLE_DESCRIPTIONS[role]}>
                {role}
              </option>
            ))}
          </select>
        )}
      </Field>
      <SubmitButton className="sm:mt-6" pendingLabel="Adding…">
        Add member
      </SubmitButton>
      <div className="flex flex-col gap-2 sm:col-span-3">
        <FormMessage message={state.message} ok={state.ok} />
        {link && (
          <input
            readOnly
            value={link}
            aria-label="Invite link"
            onFocus={(event) => event.target.select()}
            className={`${inputClass} font-mono text-xs`}
          />
        )}
      </div>
    </form>
  );
}
