"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { ProjectSettings } from "@/lib/auth/context";
import { authorizeProject } from "@/lib/auth/project-access";
import { requireActor } from "@/lib/auth/session-gate";
import { AppError } from "@/lib/errors";
import { unstorableFields, type FormState } from "@/lib/http/form-state";
import { fieldErrors } from "@/lib/http/parse";
import { getSuggestionSettings, type SuggestionSettings } from "./data";
import { createProject } from "./mutations";
import { createProjectSchema, projectSettingsSchema } from "./schema";
import { applyProjectSettings } from "./settings";

export async function createProjectAction(_previous: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor("/projects");
  const refused = unstorableFields(form, ["slug", "name", "description"]);
  if (refused) return { fieldErrors: refused };
  const parsed = createProjectSchema.safeParse({
    slug: form.get("slug"),
    name: form.get("name"),
    description: form.get("description") ?? undefined,
  });
  if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error) };
  const created = await createProject(actor.userId, parsed.data);
  if (!created.ok) return { fieldErrors: { [created.field ?? "slug"]: created.message } };
  redirect(`/projects/${created.value.slug}`);
}

/**
 * The settings form: an unticked checkbox is absent from the form, so every flag is sent as a boolean
 * (the form always holds all four settings). Returns what was stored, for the form to show.
 */
export async function saveProjectSettingsAction(
  slug: string,
  _previous: FormState<ProjectSettings>,
  form: FormData,
): Promise<FormState<ProjectSettings>> {
  const actor = await requireActor(`/projects/${slug}/settings`);
  const access = await authorizeProject(actor, slug, "project:manage");
  if (!access.ok) throw new AppError(access.reason, access.message);
  const parsed = projectSettingsSchema.safeParse({
    blindAnnotation: form.get("blindAnnotation") === "on",
    allowSelfReview: form.get("allowSelfReview") === "on",
    autoAcceptAgreement: form.get("autoAcceptAgreement") === "on",
    viewerExport: form.get("viewerExport") ?? undefined,
  });
  if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error) };
  const settings = await applyProjectSettings(actor, access.value, parsed.data);
  // Every page of the project reads the settings (the tabs, agreement, the editor's blind view).
  revalidatePath(`/projects/${slug}`, "layout");
  return { ok: true, message: "Saved", data: settings };
}

/**
 * The settings page's suggestions section. The token is write-only: an empty field keeps the stored one,
 * "clear" removes it, anything else replaces it; an empty address removes the backend. A refused address
 * comes back as the field's error, nothing stored.
 */
export async function saveSuggestionSettingsAction(
  slug: string,
  _previous: FormState<SuggestionSettings>,
  form: FormData,
): Promise<FormState<SuggestionSettings>> {
  const actor = await requireActor(`/projects/${slug}/settings`);
  const access = await authorizeProject(actor, slug, "project:manage");
  if (!access.ok) throw new AppError(access.reason, access.message);
  const refused = unstorableFields(form, ["suggestionBackendUrl", "suggestionBackendToken"]);
  if (refused) return { fieldErrors: refused };
  const url = String(form.get("suggestionBackendUrl") ?? "").trim();
  const token = String(form.get("suggestionBackendToken") ?? "");
  const parsed = projectSettingsSchema.safeParse({
    suggestOnImport: form.get("suggestOnImport") === "on",
    suggestionBackendUrl: url === "" ? null : url,
    ...(form.get("clearToken") === "on" ? { suggestionBackendToken: null } : token === "" ? {} : { suggestionBackendToken: token }),
  });
  // What the person chose comes back with a refusal: React resets the form after an action.
  const values = { suggestionBackendUrl: url, suggestOnImport: form.get("suggestOnImport") === "on" ? "on" : "" };
  if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error), values };
  try {
    await applyProjectSettings(actor, access.value, parsed.data);
  } catch (error) {
    if (error instanceof AppError && error.field) return { fieldErrors: { [error.field]: error.message }, values };
    throw error;
  }
  revalidatePath(`/projects/${slug}`, "layout");
  return { ok: true, message: "Saved", data: await getSuggestionSettings(access.value) };
}
