import { oauthProviders, signIn } from "@/lib/users/next-auth";

/** One button per OAuth provider switched on by environment variables; nothing when there are none. */
export function OAuthButtons({ callbackUrl }: { callbackUrl: string }) {
  if (!oauthProviders.length) return null;
  return (
    <div className="mt-6 flex flex-col gap-2 border-t border-stone-200 pt-6">
      {oauthProviders.map((entry) => (
        <form
          key={entry.id}
          action={async () => {
            "use server";
            await signIn(entry.id, { redirectTo: callbackUrl });
          }}
        >
          <button
            type="submit"
            className="min-h-10 w-full rounded-md border border-stone-300 bg-white text-sm font-medium hover:bg-stone-100"
          >
            Continue with {entry.name}
          </button>
        </form>
      ))}
    </div>
  );
}
