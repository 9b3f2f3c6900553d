"use server";

import { revalidatePath } from "next/cache";
import { authorizeArticle } from "@/lib/auth/project-access";
import { requireActor } from "@/lib/auth/session-gate";
import { unstorableFields, type FormState } from "@/lib/http/form-state";
import { fieldErrors } from "@/lib/http/parse";
import { articleMetadataSchema } from "./import-schema";
import { updateArticleMetadata } from "./mutations";

export async function updateArticleMetadataAction(articleId: string, _previous: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor(`/projects`);
  const access = await authorizeArticle(actor, articleId, "articles:edit");
  if (!access.ok) return { message: access.message };
  const fields = ["title", "byline", "source", "url", "publishedAt", "language"];
  const refused = unstorableFields(form, fields);
  if (refused) return { fieldErrors: refused };
  const parsed = articleMetadataSchema.safeParse(Object.fromEntries(fields.map((name) => [name, form.get(name) ?? undefined])));
  if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error) };
  await updateArticleMetadata(access.value, parsed.data);
  revalidatePath(`/projects/${access.value.slug}/articles/${articleId}`);
  return { ok: true, message: "Saved." };
}
