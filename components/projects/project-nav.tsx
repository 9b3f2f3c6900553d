import Link from "next/link";
import type { ProjectAccess } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";

export type ProjectTab = "articles" | "review" | "agreement" | "actors" | "export" | "members" | "settings";

/**
 * The project's title and its sub-pages, each offered only to roles its page lets in: Review to
 * reviewers and owners, Agreement to all but blind annotators (it shows what each annotator tagged),
 * Actors (the registry, counted under the reader's blind rule) and Export to everyone, Members and Settings
 * to owners.
 */
export function ProjectNav({ access, current }: { access: ProjectAccess; current: ProjectTab }) {
  const tabs: { id: ProjectTab; label: string; path: string; shown: boolean }[] = [
    { id: "articles", label: "Articles", path: "", shown: true },
    { id: "review", label: "Review", path: "/review", shown: can(access.role, "annotations:review") },
    { id: "agreement", label: "Agreement", path: "/agreement", shown: can(access.role, "agreement:read", access.settings) },
    { id: "actors", label: "Actors", path: "/actors", shown: true },
    { id: "export", label: "Export", path: "/export", shown: true },
    { id: "members", label: "Members", path: "/members", shown: can(access.role, "members:manage") },
    { id: "settings", label: "Settings", path: "/settings", shown: can(access.role, "project:manage") },
  ];
  const tab = (active: boolean) =>
    `shrink-0 border-b-2 pb-2 ${active ? "border-accent font-medium" : "border-transparent text-stone-600 hover:text-ink"}`;
  return (
    <div className="mb-6">
      <p className="text-sm text-stone-500">
        <Link href="/projects" className="hover:underline">
          Projects
        </Link>{" "}
        /
      </p>
      <h1 className="text-2xl font-semibold">{access.name}</h1>
      {/* Seven tabs do not fit a phone's width: the row scrolls rather than wrapping under its own underline. */}
      <nav aria-label="Project" className="mt-4 flex gap-6 overflow-x-auto border-b border-stone-200 text-sm">
        {tabs
          .filter((entry) => entry.shown)
          .map((entry) => (
            <Link
              key={entry.id}
              href={`/projects/${access.slug}${entry.path}`}
              className={tab(current === entry.id)}
              aria-current={current === entry.id ? "page" : undefined}
            >
              {entry.label}
            </Link>
          ))}
      </nav>
    </div>
  );
}
