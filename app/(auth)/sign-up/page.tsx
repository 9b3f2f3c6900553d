import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { getActor } from "@/lib/auth/session-gate";
import { hasAnyUser } from "@/lib/users/data";
import { isSignupOpen } from "@/lib/users/signup-policy";

export const metadata = { title: "Create an account" };

export default async function SignUpPage() {
  if (await getActor()) redirect("/projects");
  const first = !(await hasAnyUser());
  if (!first && !(await isSignupOpen())) {
    return (
      <AuthCard title="Sign-up is closed">
        <p className="text-sm text-stone-700">
          New accounts on this instance need an invite from a project owner, or an admin can open sign-up.
        </p>
        <Link href="/sign-in" className="mt-6 inline-block text-accent underline">
          Sign in
        </Link>
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title="Create an account"
      subtitle={
        first ? (
          "You are the first user here: your account will administer this Margin instance."
        ) : (
          <Link href="/sign-in" className="text-accent underline">
            I already have an account
          </Link>
        )
      }
    >
      <SignUpForm />
      <OAuthButtons callbackUrl="/projects" />
    </AuthCard>
  );
}
