"use client";

import { useActionState, useState } from "react";
import { updateArticleMetadataAction } from "@/lib/articles/actions";
import { initialFormState } from "@/lib/http/form-state";
import { SubmitButton } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import type { MetadataValues } from "@/lib/articles/metadata-values";
import { MetadataFields } from "./metadata-fields";

/** Editors correct an article's metadata after import; its text (and so every offset) stays as it is. */
export function ArticleMetadataForm({ articleId, initial }: { articleId: string; initial: MetadataValues }) {
  const [state, action] = useActionState(updateArticleMetadataAction.bind(null, articleId), initialFormState);
  const [values, setValues] = useState(initial);
  return (
    <details className="mt-4 rounded-lg border border-stone-200 bg-white p-4">
      <summary className="cursor-pointer text-sm font-medium">Edit details</summary>
      <form action={action} className="mt-4 flex flex-col gap-4" noValidate>
        <MetadataFields values={values} onChange={setValues} errors={state.fieldErrors} />
        <FormMessage message={state.message} ok={state.ok} />
        <SubmitButton className="self-start" pendingLabel="Saving…">
          Save details
        </SubmitButton>
      </form>
    </details>
  );
}
