/**
 * Per-test data: each test creates its own users, project and articles (random emails and slugs) through the
 * real mutations, so tests run in parallel without sharing state.
 */
import { test as base, expect } from "@playwright/test";
import { createApiToken } from "@/lib/api-tokens/mutations";
import type { MetadataInput } from "@/lib/articles/import-schema";
import type { ProjectRole } from "@/lib/db/generated/enums";
import type { Label } from "@/lib/vocabulary";
import { createArticle, createProjectWith, createUser } from "@/lib/testing/factories";
import { connectE2eDatabase } from "./database";

type TestUser = Awaited<ReturnType<typeof createUser>>;

export type World = {
  user(name?: string): Promise<TestUser>;
  project(members: Partial<Record<ProjectRole, TestUser[]>>): Promise<{ slug: string; name: string }>;
  article(slug: string, input: MetadataInput & { text: string }): Promise<{ id: string; url: string }>;
  token(user: TestUser): Promise<string>;
  /** Tags `words` (their first occurrence in `text`) through the HTTP API as `user`; the new tag's id. */
  tag(
    user: TestUser,
    article: { id: string; text: string },
    words: string,
    label: Label,
    attributes?: Record<string, unknown>,
  ): Promise<string>;
};

export const test = base.extend<{ world: World }>({
  // Playwright reads a fixture's dependencies from its first parameter's pattern: `request`, for the API.
  world: async ({ request }, use) => {
    await connectE2eDatabase();
    const token = async (user: TestUser) => (await createApiToken(user.id, "e2e")).token;
    await use({
      user: (name) => createUser({ name }),
      project: async (members) => {
        const { slug } = await createProjectWith(members);
        return { slug, name: `Project ${slug}` };
      },
      article: createArticle,
      token,
      async tag(user, article, words, label, attributes = {}) {
        const at = article.text.indexOf(words);
        const response = await request.post(`/api/articles/${article.id}/annotations?offsetUnit=utf16`, {
          headers: { authorization: `Bearer ${await token(user)}` },
          data: { label, start: at, end: at + words.length, attributes },
        });
        expect(response.status(), await response.text()).toBe(201);
        return ((await response.json()) as { annotation: { id: string } }).annotation.id;
      },
    });
  },
});

export { expect };
