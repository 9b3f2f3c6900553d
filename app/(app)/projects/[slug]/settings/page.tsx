import { ProjectNav } from "@/components/projects/project-nav";
import { SuggestionSettingsForm } from "@/components/projects/suggestion-settings-form";
import { SettingsForm } from "@/components/review-pages/settings-form";
import { projectForPage } from "@/lib/auth/page-access";
import { requireActor } from "@/lib/auth/session-gate";
import { getSuggestionSettings } from "@/lib/projects/data";

export const metadata = { title: "Settings" };

/** The project's review and export policy and its suggesters: owners only (others get the 403 page). */
export default async function SettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const actor = await requireActor(`/projects/${slug}/settings`);
  const access = await projectForPage(actor, slug, "project:manage");
  const suggestions = await getSuggestionSettings(access);
  return (
    <>
      <ProjectNav access={access} current="settings" />
      <section className="rounded-lg border border-stone-200 bg-white p-4" aria-labelledby="settings-heading">
        <h2 id="settings-heading" className="mb-4 font-medium">
          Review and export
        </h2>
        <SettingsForm slug={slug} initial={access.settings} />
      </section>
      <section className="mt-6 rounded-lg border border-stone-200 bg-white p-4" aria-labelledby="suggestion-settings-heading">
        <h2 id="suggestion-settings-heading" className="mb-4 font-medium">
          Suggestions
        </h2>
        <SuggestionSettingsForm slug={slug} initial={suggestions} />
      </section>
    </>
  );
}
