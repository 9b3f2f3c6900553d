/**
 * Per-test data: each test creates its own users, project and articles (random emails and slugs) through the
 * real mutations, so tests run in parallel without sharing state.
 */
import { test as base, expect } from "@playwright/test";
import { createApiToken } from "@/lib/api-tokens/mutations";
import type { MetadataInput } from "@/lib/articles/import-schema";
import type { ProjectRole } from "@/lib/db/generated/enums";
import { createArticle, createProjectWith, createUser } from "@/lib/testing/factories";
import { connectE2eDatabase } from "./database";

type TestUser = Awaited<ReturnType<typeof createUser>>;

export type World = {
  user(name?: string): Promise<TestUser>;
  project(members: Partial<Record<ProjectRole, TestUser[]>>): Promise<{ slug: string; name: string }>;
  article(slug: string, input: MetadataInput & { text: string }): Promise<{ id: string; url: string }>;
  token(user: TestUser): Promise<string>;
};

export const test = base.extend<{ world: World }>({
  // Playwright reads a fixture's dependencies from its first parameter's pattern; `world` needs none.
  world: async ({}, use) => {
    await connectE2eDatabase();
    await use({
      user: (name) => createUser({ name }),
      project: async (members) => {
        const { slug } = await createProjectWith(members);
        return { slug, name: `Project ${slug}` };
      },
      article: createArticle,
      token: async (user) => (await createApiToken(user.id, "e2e")).token,
    });
  },
});

export { expect };
