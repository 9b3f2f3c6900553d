import Link from "next/link";
import type { ProjectAccess } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";

/** The project's title and its sub-pages; Members only for those who may manage them. */
export function ProjectNav({ access, current }: { access: ProjectAccess; current: "articles" | "members" }) {
  const tab = (active: boolean) => `border-b-2 pb-2 ${active ? "border-accent font-medium" : "border-transparent text-stone-600 hover:text-ink"}`;
  return (
    <div className="mb-6">
      <p className="text-sm text-stone-500">
        <Link href="/projects" className="hover:underline">
          Projects
        </Link>{" "}
        /
      </p>
      <h1 className="text-2xl font-semibold">{access.name}</h1>
      <nav aria-label="Project" className="mt-4 flex gap-6 border-b border-stone-200 text-sm">
        <Link href={`/projects/${access.slug}`} className={tab(current === "articles")} aria-current={current === "articles" ? "page" : undefined}>
          Articles
        </Link>
        {can(access.role, "members:manage") && (
          <Link href={`/projects/${access.slug}/members`} className={tab(current === "members")} aria-current={current === "members" ? "page" : undefined}>
            Members
          </Link>
        )}
      </nav>
    </div>
  );
}
