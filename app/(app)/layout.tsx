import { AppHeader } from "@/components/app-header";
import { getActor } from "@/lib/auth/session-gate";

/** Pages for signed-in users. Each page still calls requireActor itself: layouts do not guard children. */
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const actor = await getActor();
  return (
    <>
      <AppHeader actor={actor} />
      <main className="mx-auto max-w-5xl px-4 py-8">{children}</main>
    </>
  );
}
