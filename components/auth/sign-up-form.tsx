"use client";

import { useActionState } from "react";
import { signUpAction } from "@/lib/users/actions";
import { initialFormState } from "@/lib/http/form-state";
import { SubmitButton } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";

export function SignUpForm() {
  const [state, action] = useActionState(signUpAction, initialFormState);
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <FormMessage message={state.message} />
      <TextField label="Name" name="name" autoComplete="name" required defaultValue={state.values?.name} error={state.fieldErrors?.name} />
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.values?.email}
        error={state.fieldErrors?.email}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 10 characters."
        error={state.fieldErrors?.password}
      />
      <SubmitButton pendingLabel="Creating account…">Create account</SubmitButton>
    </form>
  );
}
