"use server";

import { headers } from "next/headers";
import { AuthError, CredentialsSignin } from "next-auth";
import { clientIp } from "@/lib/http/client-ip";
import { fieldErrors } from "@/lib/http/parse";
import { safeReturnPath, textValues, unstorableFields, type FormState } from "@/lib/http/form-state";
import { signUp } from "./mutations";
import { signInSchema, signUpSchema } from "./schema";
import { signIn, signOut } from "./next-auth";

export async function signInAction(_previous: FormState, form: FormData): Promise<FormState> {
  const values = textValues(form, ["email"]);
  const parsed = signInSchema.safeParse({ email: form.get("email"), password: form.get("password") });
  if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error), values };
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: safeReturnPath(form.get("callbackUrl")) });
  } catch (error) {
    // Success ends in a redirect, which Next.js implements as a thrown error: let it through.
    if (!(error instanceof AuthError)) throw error;
    if (error instanceof CredentialsSignin && error.code === "rate_limited") {
      return { message: "Too many failed sign-in attempts. Wait 15 minutes and try again.", values };
    }
    return { message: "Wrong email or password.", values };
  }
  return {};
}

export async function signUpAction(_previous: FormState, form: FormData): Promise<FormState> {
  const values = textValues(form, ["name", "email"]);
  const refused = unstorableFields(form, ["name", "email"]);
  if (refused) return { fieldErrors: refused, values };
  const parsed = signUpSchema.safeParse({ name: form.get("name"), email: form.get("email"), password: form.get("password") });
  if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error), values };
  const created = await signUp(parsed.data, clientIp(await headers()));
  if (!created.ok)
    return created.field ? { fieldErrors: { [created.field]: created.message }, values } : { message: created.message, values };
  await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirectTo: "/projects" });
  return {};
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}
