"use server";

import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/session-gate";
import { unstorableFields, type FormState } from "@/lib/http/form-state";
import { fieldErrors } from "@/lib/http/parse";
import { createApiToken, revokeApiToken, tokenNameSchema } from "./mutations";

const PAGE = "/settings/tokens";

export async function createTokenAction(_previous: FormState<{ token: string }>, form: FormData): Promise<FormState<{ token: string }>> {
  const actor = await requireActor(PAGE);
  const refused = unstorableFields(form, ["name"]);
  if (refused) return { fieldErrors: refused };
  const parsed = tokenNameSchema.safeParse({ name: form.get("name") });
  if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error) };
  const { token } = await createApiToken(actor.userId, parsed.data.name);
  revalidatePath(PAGE);
  return { ok: true, message: "Copy this token now: it will not be shown again.", data: { token } };
}

export async function revokeTokenAction(form: FormData): Promise<void> {
  const actor = await requireActor(PAGE);
  await revokeApiToken(actor, String(form.get("tokenId") ?? ""));
  revalidatePath(PAGE);
}
