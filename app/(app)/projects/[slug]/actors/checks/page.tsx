import Link from "next/link";
import { RegistryChecksView } from "@/components/actors/registry-checks";
import { ProjectNav } from "@/components/projects/project-nav";
import { checkRegistry } from "@/lib/actors/api";
import { projectForPage } from "@/lib/auth/page-access";
import { requireActor } from "@/lib/auth/session-gate";

export const metadata = { title: "Registry checks" };

/** What keeps the actor registry from being whole: unlinked tags, quotes and claims without their actor, disagreeing kinds, split names. */
export default async function RegistryChecksPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const user = await requireActor(`/projects/${slug}/actors/checks`);
  const access = await projectForPage(user, slug, "project:read");
  const checks = await checkRegistry(access);
  return (
    <>
      <ProjectNav access={access} current="actors" />
      <p className="text-sm text-stone-500">
        <Link href={`/projects/${slug}/actors`} className="hover:underline">
          Actors
        </Link>{" "}
        /
      </p>
      <h2 className="mb-1 text-xl font-semibold">Registry checks</h2>
      <p className="mb-4 text-sm text-stone-600">Rejected and orphaned tags are left out; each list shows at most 200.</p>
      <RegistryChecksView slug={slug} checks={checks} />
    </>
  );
}
