/**
 * Saving a project's review and export policy, shared by the settings page's server action and the API's
 * PATCH: both must do the same follow-up work, so it lives here once.
 */
import "server-only";
import { liveAnnotations } from "@/lib/tags/live/registry";
import type { Actor, ProjectAccess } from "@/lib/auth/context";
import { authorizeArticle, unwrapAccess } from "@/lib/auth/project-access";
import { AppError } from "@/lib/errors";
import { checkBackendUrl } from "@/lib/suggestions/external/backend-request";
import { unsafeListArticlesWithAgreement, updateProjectSettings } from "./mutations";
import type { ProjectSettingsInput } from "./schema";

function refuseUnusableBackendUrl(url: string): void {
  try {
    checkBackendUrl(url);
  } catch (error) {
    if (error instanceof AppError) throw new AppError(error.code, error.message, "suggestionBackendUrl");
    throw error;
  }
}

/**
 * Stores the settings and returns them whole. Turning auto-accept on also applies it to the tags that
 * already agree: otherwise they would wait for someone to touch each article. Only articles where two
 * annotators made the same tag are opened, so that a large project's live documents are not all loaded.
 */
export async function applyProjectSettings(actor: Actor, access: ProjectAccess<"project:manage">, input: ProjectSettingsInput) {
  // A backend address the operator's rule refuses (a private address, another scheme) is a 400 now, with
  // the rule's message, rather than a failure at every run; the error names the field for the form.
  if (input.suggestionBackendUrl) refuseUnusableBackendUrl(input.suggestionBackendUrl);
  const settings = await updateProjectSettings(access, input);
  if (settings.autoAcceptAgreement && !access.settings.autoAcceptAgreement) {
    for (const articleId of await unsafeListArticlesWithAgreement(access.projectId)) {
      // Authorized again per article: the access minted now carries the settings just saved.
      await liveAnnotations().mergeAgreeing(unwrapAccess(await authorizeArticle(actor, articleId, "project:manage")));
    }
  }
  return settings;
}
