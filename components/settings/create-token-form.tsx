"use client";

import { useActionState } from "react";
import { createTokenAction } from "@/lib/api-tokens/actions";
import type { FormState } from "@/lib/http/form-state";
import { SubmitButton } from "@/components/ui/button";
import { FormMessage, inputClass, TextField } from "@/components/ui/field";

export function CreateTokenForm() {
  const [state, action] = useActionState<FormState<{ token: string }>, FormData>(createTokenAction, {});
  return (
    <form action={action} className="grid gap-4 sm:grid-cols-[1fr_auto] sm:items-start" noValidate>
      <TextField label="Token name" name="name" required placeholder="e.g. export script" error={state.fieldErrors?.name} />
      <SubmitButton className="sm:mt-6" pendingLabel="Creating…">
        Create token
      </SubmitButton>
      <div className="flex flex-col gap-2 sm:col-span-2">
        <FormMessage message={state.message} ok={state.ok} />
        {state.data?.token && (
          <input
            readOnly
            value={state.data.token}
            aria-label="New API token"
            data-testid="new-token"
            onFocus={(event) => event.target.select()}
            className={`${inputClass} font-mono text-xs`}
          />
        )}
      </div>
    </form>
  );
}
