"use server";

import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/session-gate";
import type { FormState } from "@/lib/http/form-state";
import { fieldErrors } from "@/lib/http/parse";
import { createProject } from "./mutations";
import { createProjectSchema } from "./schema";

export async function createProjectAction(_previous: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor("/projects");
  const parsed = createProjectSchema.safeParse({ slug: form.get("slug"), name: form.get("name"), description: form.get("description") ?? undefined });
  if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error) };
  const created = await createProject(actor.userId, parsed.data);
  if (!created.ok) return { fieldErrors: { [created.field ?? "slug"]: created.message } };
  redirect(`/projects/${created.value.slug}`);
}
