import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getActor } from "@/lib/auth/session-gate";
import { demoAccountsExist } from "@/lib/demo/data";
import { DEMO_PASSWORD, DEMO_USERS } from "@/lib/demo/seed";
import { safeReturnPath } from "@/lib/http/form-state";
import { isSignupOpen } from "@/lib/users/signup-policy";

export const metadata = { title: "Sign in" };

const ERRORS: Record<string, string> = {
  AccessDenied: "Sign-up is closed on this instance: ask an admin, or a project owner for an invite.",
  OAuthAccountNotLinked: "An account with this email already exists: sign in with your password.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const { callbackUrl, error } = await searchParams;
  const returnTo = safeReturnPath(callbackUrl);
  if (await getActor()) redirect(returnTo);
  return (
    <AuthCard
      title="Sign in"
      subtitle={
        (await isSignupOpen()) ? (
          <>
            No account yet?{" "}
            <Link href="/sign-up" className="text-accent underline">
              Create one
            </Link>
          </>
        ) : undefined
      }
    >
      {error && (
        <p role="alert" className="mb-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {ERRORS[error] ?? "Sign-in failed. Try again."}
        </p>
      )}
      <SignInForm callbackUrl={returnTo} />
      <OAuthButtons callbackUrl={returnTo} />
      {process.env.NODE_ENV !== "production" && (await demoAccountsExist()) && (
        <aside aria-label="Demo accounts" className="mt-6 rounded-md bg-stone-100 px-3 py-2 text-sm text-stone-700">
          <p>
            Trying Margin? The demo accounts share the password <code>{DEMO_PASSWORD}</code>:
          </p>
          <ul className="mt-1">
            {DEMO_USERS.map((user) => (
              <li key={user.email}>
                <code>{user.email}</code> ({user.role})
              </li>
            ))}
          </ul>
        </aside>
      )}
    </AuthCard>
  );
}
