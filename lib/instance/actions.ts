"use server";

import { revalidatePath } from "next/cache";
import { authorizeAdmin, unwrapAccess } from "@/lib/auth/project-access";
import { requireActor } from "@/lib/auth/session-gate";
import { setSignupOpen } from "./mutations";

export async function setSignupOpenAction(form: FormData): Promise<void> {
  const actor = await requireActor("/admin");
  await setSignupOpen(unwrapAccess(authorizeAdmin(actor)), form.get("signupOpen") === "true");
  revalidatePath("/admin");
}
