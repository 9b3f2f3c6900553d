/**
 * What each project role may do: the single table every access check reads. Reviewers can tag so that they
 * can correct a tag while reviewing it; only owners manage the project and its members. A blind project
 * (agreement studies) withholds from its annotators whatever shows colleagues' tags wholesale.
 */
import { ProjectRole } from "@/lib/db/generated/enums";

export const PROJECT_ROLES = Object.values(ProjectRole) as readonly ProjectRole[];

const MATRIX = {
  "project:read": ["owner", "editor", "reviewer", "viewer"],
  "project:manage": ["owner"],
  "members:manage": ["owner"],
  "articles:import": ["owner", "editor"],
  "articles:edit": ["owner", "editor"],
  "annotations:create": ["owner", "editor", "reviewer"],
  "annotations:review": ["owner", "reviewer"],
  "annotations:comment": ["owner", "editor", "reviewer"],
  // Agreement and disagreements show what each annotator tagged.
  "agreement:read": ["owner", "editor", "reviewer", "viewer"],
} as const satisfies Record<string, readonly ProjectRole[]>;

export type Capability = keyof typeof MATRIX;

/** What a blind project withholds from editors (its annotators), and why. */
const BLIND_WITHHOLDS: Partial<Record<Capability, string>> = {
  "agreement:read": "This project annotates blind: agreement and disagreements are for reviewers and owners",
};

/** Why `role` may not use `capability` in a project with these settings, or null when it may. */
export function refusalOf(role: ProjectRole, capability: Capability, settings: { blindAnnotation: boolean }): string | null {
  if (!(MATRIX[capability] as readonly ProjectRole[]).includes(role)) return `Your role (${role}) does not allow ${capability}`;
  const withheld = BLIND_WITHHOLDS[capability];
  return withheld && settings.blindAnnotation && role === "editor" ? withheld : null;
}

export function can(
  role: ProjectRole,
  capability: Capability,
  settings: { blindAnnotation: boolean } = { blindAnnotation: false },
): boolean {
  return refusalOf(role, capability, settings) === null;
}

export const ROLE_DESCRIPTIONS: Record<ProjectRole, string> = {
  owner: "manages the project and its members, and does everything else",
  editor: "imports articles, corrects their text and tags spans",
  reviewer: "tags spans and accepts or rejects colleagues' tags",
  viewer: "reads articles and tags",
};
