import Link from "next/link";
import { DatasetImport } from "@/components/export/dataset-import";
import { AnnotatedImport } from "@/components/imports/annotated-import";
import { ExportForm } from "@/components/export/export-form";
import { SnapshotList } from "@/components/export/snapshot-list";
import { ProjectNav } from "@/components/projects/project-nav";
import { LABEL_STYLES } from "@/lib/tags/label-styles";
import { LABELS } from "@/lib/vocabulary";
import { projectForPage } from "@/lib/auth/page-access";
import { can } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session-gate";
import { listSnapshots } from "@/lib/export/data";
import { mayReadSnapshot, mayUseSnapshots } from "@/lib/export/plan";
import { listMemberNames } from "@/lib/members/data";

export const metadata = { title: "Export" };

/** The dataset: download it in a format with filters, save and compare snapshots, import a dataset. */
export default async function ExportPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const actor = await requireActor(`/projects/${slug}/export`);
  const access = await projectForPage(actor, slug, "project:read");
  const snapshots = mayUseSnapshots(access);
  const [members, saved] = await Promise.all([listMemberNames(access), snapshots ? listSnapshots(access) : []]);
  const goldOnly = access.role === "viewer" && access.settings.viewerExport === "gold";
  return (
    <>
      <ProjectNav access={access} current="export" />
      <div className="flex flex-col gap-8">
        <section aria-labelledby="export-heading">
          <h2 id="export-heading" className="mb-1 font-medium">
            Download the dataset
          </h2>
          <p className="mb-3 text-sm text-stone-600">
            Offsets count into each article’s canonical text; the{" "}
            <Link href="/api/export/schema" prefetch={false} className="underline">
              JSON Schema
            </Link>{" "}
            describes the JSON and JSON Lines formats. The same export with the same data gives the same bytes.
          </p>
          <ExportForm
            slug={slug}
            labels={LABELS.map((name) => ({ name, description: LABEL_STYLES[name].description }))}
            people={members.map((member) => member.user)}
            goldOnly={goldOnly}
          />
        </section>
        <section aria-labelledby="snapshots-heading">
          <h2 id="snapshots-heading" className="mb-3 font-medium">
            Snapshots
          </h2>
          {snapshots ? (
            <SnapshotList
              slug={slug}
              snapshots={saved.map((snapshot) => ({
                ...snapshot,
                createdAt: snapshot.createdAt.toISOString(),
                createdBy: snapshot.createdBy ? (snapshot.createdBy.name ?? snapshot.createdBy.email) : null,
                readable: mayReadSnapshot(access, snapshot.filters),
              }))}
            />
          ) : (
            <p className="text-sm text-stone-600">
              In a blind project, snapshots are for reviewers and owners: they hold every annotator’s tags.
            </p>
          )}
        </section>
        {can(access.role, "articles:import") && (
          <section aria-labelledby="dataset-import-heading">
            <h2 id="dataset-import-heading" className="mb-3 font-medium">
              Import a Margin dataset
            </h2>
            <DatasetImport slug={slug} />
          </section>
        )}
        {can(access.role, "articles:import") && (
          <section aria-labelledby="annotated-import-heading">
            <h2 id="annotated-import-heading" className="mb-3 font-medium">
              Import annotations from another tool
            </h2>
            <AnnotatedImport slug={slug} />
          </section>
        )}
      </div>
    </>
  );
}
