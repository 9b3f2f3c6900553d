import { ProjectNav } from "@/components/projects/project-nav";
import { SettingsForm } from "@/components/review-pages/settings-form";
import { projectForPage } from "@/lib/auth/page-access";
import { requireActor } from "@/lib/auth/session-gate";

export const metadata = { title: "Settings" };

/** The project's review and export policy: owners only (others get the 403 page). */
export default async function SettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const actor = await requireActor(`/projects/${slug}/settings`);
  const access = await projectForPage(actor, slug, "project:manage");
  return (
    <>
      <ProjectNav access={access} current="settings" />
      <section className="rounded-lg border border-stone-200 bg-white p-4" aria-labelledby="settings-heading">
        <h2 id="settings-heading" className="mb-4 font-medium">
          Review and export
        </h2>
        <SettingsForm slug={slug} initial={access.settings} />
      </section>
    </>
  );
}
