"use client";

import { useActionState, useState } from "react";
import { createProjectAction } from "@/lib/projects/actions";
import { initialFormState } from "@/lib/http/form-state";
import { SubmitButton } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";

/** Suggests a slug from the name until the user edits the slug themselves. */
function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 64);
}

export function CreateProjectForm() {
  const [state, action] = useActionState(createProjectAction, initialFormState);
  const [name, setName] = useState("");
  const [slug, setSlug] = useState<string | null>(null);
  return (
    <form action={action} className="grid gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-start" noValidate>
      <div className="sm:col-span-3">
        <FormMessage message={state.message} />
      </div>
      <TextField
        label="Project name"
        name="name"
        required
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={state.fieldErrors?.name}
      />
      <TextField
        label="Slug"
        name="slug"
        required
        value={slug ?? slugify(name)}
        onChange={(event) => setSlug(event.target.value)}
        hint="Used in URLs and the API."
        error={state.fieldErrors?.slug}
      />
      <SubmitButton className="sm:mt-6" pendingLabel="Creating…">
        Create project
      </SubmitButton>
    </form>
  );
}
