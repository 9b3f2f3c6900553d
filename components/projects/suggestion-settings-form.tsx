"use client";

import { useActionState, useState } from "react";
import { checkSuggestionBackend } from "@/lib/api-client/projects";
import type { SuggestionSettings } from "@/lib/projects/data";
import type { FormState } from "@/lib/http/form-state";
import { saveSuggestionSettingsAction } from "@/lib/projects/actions";
import { Button, SubmitButton } from "@/components/ui/button";
import { FormMessage, inputClass } from "@/components/ui/field";

type Check = { ok: boolean; message: string } | null;

/**
 * Suggestions on import and the project's Label Studio ML backend. The token is write-only: the page only
 * knows whether one is stored, an empty field keeps it, and it is never put in the page.
 */
export function SuggestionSettingsForm({ slug, initial }: { slug: string; initial: SuggestionSettings }) {
  const [state, action] = useActionState<FormState<SuggestionSettings>, FormData>(saveSuggestionSettingsAction.bind(null, slug), {});
  const settings = state.data ?? initial;
  const [check, setCheck] = useState<Check>(null);
  const [checking, setChecking] = useState(false);

  // Checks what the form holds: the typed address (and token, if one is typed) or, when the address is the
  // saved one and no token is typed, the saved backend with its saved token.
  const testConnection = async (form: HTMLFormElement | null) => {
    if (!form) return;
    const data = new FormData(form);
    const url = String(data.get("suggestionBackendUrl") ?? "").trim();
    const token = String(data.get("suggestionBackendToken") ?? "");
    const body = url === (settings.suggestionBackendUrl ?? "") && !token ? {} : { ...(url ? { url } : {}), ...(token ? { token } : {}) };
    setChecking(true);
    const answer = await checkSuggestionBackend(slug, body);
    setChecking(false);
    setCheck(answer.ok ? { ok: true, message: `Connected: model ${answer.data.model}` } : { ok: false, message: answer.error });
  };

  const urlError = state.fieldErrors?.suggestionBackendUrl;
  const tokenError = state.fieldErrors?.suggestionBackendToken;
  return (
    <form action={action} className="flex flex-col gap-5" aria-label="Suggestion settings">
      <div className="flex items-start gap-3">
        <input
          id="setting-suggestOnImport"
          type="checkbox"
          name="suggestOnImport"
          defaultChecked={state.values ? state.values.suggestOnImport === "on" : settings.suggestOnImport}
          aria-describedby="setting-suggestOnImport-hint"
          className="mt-1 size-4 accent-accent"
        />
        <div>
          <label htmlFor="setting-suggestOnImport" className="font-medium">
            Suggest on import
          </label>
          <p id="setting-suggestOnImport-hint" className="text-sm text-stone-600">
            The built-in suggesters run on every article as it is imported (the external backend runs only when asked).
          </p>
        </div>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="setting-backend-url" className="text-sm font-medium">
          External backend (Label Studio ML backend)
        </label>
        <input
          id="setting-backend-url"
          name="suggestionBackendUrl"
          type="url"
          placeholder="https://ml.example.org:9090"
          defaultValue={state.values?.suggestionBackendUrl ?? settings.suggestionBackendUrl ?? ""}
          aria-invalid={Boolean(urlError)}
          aria-describedby="setting-backend-url-hint"
          className={inputClass}
        />
        <p id="setting-backend-url-hint" className="text-xs text-stone-500">
          Its /predict is asked for an article&apos;s spans. Leave empty for none.
        </p>
        {urlError && <p className="text-sm text-red-700">{urlError}</p>}
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="setting-backend-token" className="text-sm font-medium">
          Backend token
        </label>
        <p id="setting-backend-token-state" className="text-sm text-stone-600" data-testid="backend-token-state">
          {settings.suggestionBackendTokenSet ? "A token is set. Type a new one to replace it." : "No token is set."}
        </p>
        <input
          id="setting-backend-token"
          name="suggestionBackendToken"
          type="password"
          autoComplete="off"
          aria-invalid={Boolean(tokenError)}
          aria-describedby="setting-backend-token-state"
          className={inputClass}
        />
        {tokenError && <p className="text-sm text-red-700">{tokenError}</p>}
        {settings.suggestionBackendTokenSet && (
          <label className="mt-1 flex items-center gap-2 text-sm">
            <input type="checkbox" name="clearToken" className="size-4 accent-accent" /> Clear the stored token
          </label>
        )}
      </div>
      <div className="flex flex-wrap items-center gap-4">
        <SubmitButton pendingLabel="Saving…">Save suggestion settings</SubmitButton>
        <Button type="button" variant="secondary" disabled={checking} onClick={(event) => void testConnection(event.currentTarget.form)}>
          {checking ? "Testing…" : "Test connection"}
        </Button>
        <FormMessage
          message={state.message ?? (state.fieldErrors ? "The suggestion settings could not be saved." : undefined)}
          ok={state.ok}
        />
      </div>
      {check && (
        <p role="status" className={check.ok ? "text-sm text-green-800" : "text-sm text-red-700"}>
          {check.message}
        </p>
      )}
    </form>
  );
}
