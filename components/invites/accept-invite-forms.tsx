"use client";

import { useActionState } from "react";
import { acceptInviteAction, acceptInviteWithNewAccountAction } from "@/lib/members/actions";
import { initialFormState } from "@/lib/http/form-state";
import { SubmitButton } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";

export function AcceptInviteForm({ token }: { token: string }) {
  const [state, action] = useActionState(acceptInviteAction.bind(null, token), initialFormState);
  return (
    <form action={action} className="flex flex-col gap-4">
      <FormMessage message={state.message} />
      <SubmitButton pendingLabel="Joining…">Join the project</SubmitButton>
    </form>
  );
}

export function CreateAccountFromInviteForm({ token, email }: { token: string; email: string }) {
  const [state, action] = useActionState(acceptInviteWithNewAccountAction.bind(null, token), initialFormState);
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <FormMessage message={state.message} />
      <TextField label="Email" value={email} readOnly disabled />
      <TextField label="Your name" name="name" autoComplete="name" required error={state.fieldErrors?.name} />
      <TextField
        label="Choose a password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 10 characters."
        error={state.fieldErrors?.password}
      />
      <SubmitButton pendingLabel="Creating account…">Create account and join</SubmitButton>
    </form>
  );
}
