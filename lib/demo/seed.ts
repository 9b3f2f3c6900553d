/**
 * Demo data: a project with three articles and one user per role (credentials in README), and work in
 * progress on two of them (lib/demo/tags.ts: two annotators' tags, some decided by the reviewer), brought in
 * as a Margin dataset by the owner, as a newsroom moving its work would. `seedDemo` re-creates it from
 * scratch; `npm run dev` calls it only on an empty database.
 */
import "server-only";
import { unsafeOperatorProjectAccess } from "@/lib/auth/project-access";
import type { ProjectRole } from "@/lib/db/generated/enums";
import { prisma } from "@/lib/db/prisma";
import { unsafeSetMember } from "@/lib/members/mutations";
import { createProject } from "@/lib/projects/mutations";
import { unsafeCreateUser } from "@/lib/users/mutations";
import { importDataset } from "@/lib/export/import-dataset";
import { codePointLength, utf16ToCodePoint } from "@/lib/tags/offsets";
import { LINK_ATTRIBUTES } from "@/lib/tags/schema";
import { DEMO_ARTICLES } from "./articles";
import { DEMO_TAGS, type DemoTag } from "./tags";

export const DEMO_PASSWORD = "margin-demo";
export const DEMO_PROJECT = { slug: "demo", name: "Demo newsroom", description: "Three short articles to try Margin with." };
export const DEMO_USERS: { email: string; name: string; role: ProjectRole }[] = [
  { email: "owner@example.com", name: "Olivia Owner", role: "owner" },
  { email: "editor@example.com", name: "Eddie Editor", role: "editor" },
  { email: "reviewer@example.com", name: "Rosa Reviewer", role: "reviewer" },
  { email: "viewer@example.com", name: "Victor Viewer", role: "viewer" },
];

function unwrap<T>(result: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!result.ok) throw new Error(`demo seed: ${result.message}`);
  return result.value;
}

export async function seedDemo(): Promise<void> {
  // Remove the previous demo (its articles and memberships cascade), then the demo users.
  await prisma.project.deleteMany({ where: { slug: DEMO_PROJECT.slug } });
  await prisma.user.deleteMany({ where: { email: { in: DEMO_USERS.map((user) => user.email) } } });

  const ids = new Map<string, string>();
  for (const user of DEMO_USERS) {
    // The demo owner administers the instance, so that sign-up can be opened from the UI.
    const created = unwrap(
      await unsafeCreateUser({ email: user.email, name: user.name, password: DEMO_PASSWORD, admin: user.role === "owner" }),
    );
    ids.set(user.email, created.id);
  }
  const owner = DEMO_USERS[0]!;
  unwrap(await createProject(ids.get(owner.email)!, DEMO_PROJECT));
  const access = (await unsafeOperatorProjectAccess(DEMO_PROJECT.slug, "members:manage"))!;
  for (const user of DEMO_USERS.slice(1)) unwrap(await unsafeSetMember(access, { email: user.email, role: user.role }));
  const importer = (await unsafeOperatorProjectAccess(DEMO_PROJECT.slug, "articles:import"))!;
  const people = (role: ProjectRole) => {
    const user = DEMO_USERS.find((candidate) => candidate.role === role)!;
    return { id: ids.get(user.email)!, email: user.email, name: user.name };
  };
  const report = await importDataset(
    importer,
    { name: "demo", offsetUnit: "codepoint", articles: DEMO_ARTICLES.map((article, index) => demoArticle(article, index, people)) },
    ids.get(owner.email)!,
  );
  const failed = report.results.find((result) => result.status !== "imported");
  if (failed) throw new Error(`demo seed: ${failed.label}: ${failed.status} ${"error" in failed ? failed.error : ""}`);
}

type Person = { id: string; email: string; name: string };

/** A demo article as a Margin dataset's article, with its tags (DEMO_TAGS) at their words, in code points. */
function demoArticle(article: (typeof DEMO_ARTICLES)[number], index: number, people: (role: ProjectRole) => Person) {
  const { text, ...metadata } = article;
  const at = "2026-12-01T09:00:00.000Z";
  const tags = (DEMO_TAGS[metadata.title] ?? []).map((tag: DemoTag) => {
    const start = text.indexOf(tag.words);
    if (start < 0) throw new Error(`demo seed: "${tag.words}" is not in "${metadata.title}"`);
    const codepoints = utf16ToCodePoint(text, start);
    const key = LINK_ATTRIBUTES[tag.label];
    const link = tag.link && key && { [key]: tag.link };
    return {
      id: tag.key,
      label: tag.label,
      start: codepoints,
      end: codepoints + codePointLength(tag.words),
      text: tag.words,
      authors: [people(tag.by)],
      status: tag.decision ? (tag.decision.decision === "accept" ? "accepted" : "rejected") : "pending",
      reviews: tag.decision
        ? [{ reviewer: people("reviewer"), decision: tag.decision.decision, at, comment: tag.decision.comment ?? null }]
        : [],
      attributes: { ...tag.attributes, ...link },
      note: tag.note ?? null,
      createdAt: at,
      updatedAt: at,
    };
  });
  return {
    id: `demo-${index + 1}`,
    ...metadata,
    byline: metadata.byline ?? null,
    source: metadata.source ?? null,
    url: metadata.url ?? null,
    publishedAt: metadata.publishedAt?.toISOString() ?? null,
    language: metadata.language ?? null,
    status: tags.length ? "in_progress" : "new",
    text,
    tags,
    relations: [],
  };
}
