import Link from "next/link";
import { CreateProjectForm } from "@/components/projects/create-project-form";
import { requireActor } from "@/lib/auth/session-gate";
import { listProjectsForActor } from "@/lib/projects/data";

export const metadata = { title: "Projects" };

export default async function ProjectsPage() {
  const actor = await requireActor("/projects");
  const projects = await listProjectsForActor(actor);
  return (
    <div className="flex flex-col gap-10">
      <section>
        <h1 className="text-2xl font-semibold">Projects</h1>
        {projects.length === 0 ? (
          <p className="mt-4 text-stone-600">
            You are not a member of any project yet. Create one below, or ask a project owner to invite you.
          </p>
        ) : (
          <ul className="mt-4 grid gap-3 sm:grid-cols-2">
            {projects.map((project) => (
              <li key={project.slug}>
                <Link
                  href={`/projects/${project.slug}`}
                  className="block h-full rounded-lg border border-stone-200 bg-white p-4 hover:border-accent"
                >
                  <span className="font-medium">{project.name}</span>
                  <span className="ml-2 rounded bg-stone-100 px-1.5 py-0.5 text-xs text-stone-600">{project.role}</span>
                  {project.description && <p className="mt-1 line-clamp-2 text-sm text-stone-600">{project.description}</p>}
                  <p className="mt-2 text-xs text-stone-500">
                    {project.articleCount} {project.articleCount === 1 ? "article" : "articles"} · {project.memberCount}{" "}
                    {project.memberCount === 1 ? "member" : "members"}
                  </p>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="rounded-lg border border-stone-200 bg-white p-4">
        <h2 className="mb-4 font-medium">New project</h2>
        <CreateProjectForm />
      </section>
    </div>
  );
}
