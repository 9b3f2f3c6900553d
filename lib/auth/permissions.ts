/**
 * What each project role may do: the single table every access check reads. Reviewers can tag so that they
 * can correct a tag while reviewing it; only owners manage the project and its members.
 */
import type { ProjectRole } from "@/lib/db/generated/enums";

export const PROJECT_ROLES = ["owner", "editor", "reviewer", "viewer"] as const satisfies readonly ProjectRole[];

const MATRIX = {
  "project:read": ["owner", "editor", "reviewer", "viewer"],
  "project:manage": ["owner"],
  "members:manage": ["owner"],
  "articles:import": ["owner", "editor"],
  "articles:edit": ["owner", "editor"],
  "annotations:create": ["owner", "editor", "reviewer"],
  "annotations:review": ["owner", "reviewer"],
  "annotations:comment": ["owner", "editor", "reviewer"],
} as const satisfies Record<string, readonly ProjectRole[]>;

export type Capability = keyof typeof MATRIX;

export function can(role: ProjectRole, capability: Capability): boolean {
  return (MATRIX[capability] as readonly ProjectRole[]).includes(role);
}

export const ROLE_DESCRIPTIONS: Record<ProjectRole, string> = {
  owner: "manages the project and its members, and does everything else",
  editor: "imports articles, corrects their text and tags spans",
  reviewer: "tags spans and accepts or rejects colleagues' tags",
  viewer: "reads articles and tags",
};
