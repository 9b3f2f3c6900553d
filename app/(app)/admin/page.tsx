import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session-gate";
import { setSignupOpenAction } from "@/lib/instance/actions";
import { getInstanceSettings } from "@/lib/instance/data";

export const metadata = { title: "Admin" };

export default async function AdminPage() {
  const actor = await requireActor("/admin");
  if (!actor.isAdmin) notFound();
  const { signupOpen } = await getInstanceSettings();
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Instance settings</h1>
      <section className="rounded-lg border border-stone-200 bg-white p-4">
        <h2 className="font-medium">Sign-up</h2>
        <p className="mt-1 text-sm text-stone-600">
          {signupOpen
            ? "Anyone who can reach this instance may create an account."
            : "Closed: new people join through invites from project owners."}
        </p>
        <form action={setSignupOpenAction} className="mt-4">
          <input type="hidden" name="signupOpen" value={signupOpen ? "false" : "true"} />
          <button type="submit" className="min-h-10 rounded-md border border-stone-300 px-4 text-sm font-medium hover:bg-stone-100">
            {signupOpen ? "Close sign-up" : "Open sign-up"}
          </button>
        </form>
      </section>
    </div>
  );
}
