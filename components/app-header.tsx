import Link from "next/link";
import type { Actor } from "@/lib/auth/context";
import { signOutAction } from "@/lib/users/actions";
import { countUnseenMentions } from "@/lib/review/data";

export async function AppHeader({ actor }: { actor: Actor | null }) {
  const unseen = actor ? await countUnseenMentions(actor) : 0;
  return (
    <header className="border-b border-stone-200 bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/projects" className="font-serif text-xl font-semibold tracking-tight">
          Margin
        </Link>
        {actor && (
          <>
            <nav aria-label="Main" className="flex flex-wrap gap-4 text-sm">
              <Link href="/projects" className="hover:underline">
                Projects
              </Link>
              <Link href="/mentions" className="inline-flex items-center gap-1.5 hover:underline">
                Mentions
                {unseen > 0 && (
                  <>
                    <span aria-hidden="true" className="rounded-full bg-accent px-1.5 text-xs leading-5 font-medium text-white">
                      {unseen}
                    </span>
                    <span className="sr-only">({unseen} new)</span>
                  </>
                )}
              </Link>
              <Link href="/settings/tokens" className="hover:underline">
                API tokens
              </Link>
              {actor.isAdmin && (
                <Link href="/admin" className="hover:underline">
                  Admin
                </Link>
              )}
            </nav>
            <div className="ml-auto flex items-center gap-3 text-sm">
              <span className="max-w-48 truncate text-stone-600" title={actor.email}>
                {actor.name ?? actor.email}
              </span>
              <form action={signOutAction}>
                <button type="submit" className="rounded-md border border-stone-300 px-3 py-1.5 hover:bg-stone-100">
                  Sign out
                </button>
              </form>
            </div>
          </>
        )}
      </div>
    </header>
  );
}
