import { afterEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { demoAccountsExist } from "@/lib/demo/data";
import { DEMO_PROJECT, DEMO_USERS } from "@/lib/demo/seed";
import { boot } from "./boot";

// DATABASE_URL points at this file's own database, so boot() uses it as an external server.
describe("boot", () => {
  const env = { ...process.env };
  afterEach(() => {
    process.env = { ...env };
  });

  it("never seeds in production, seeds an empty development database once, and keeps later changes", async () => {
    process.env.AUTH_SECRET = "test-secret";
    const production = await boot({ dev: false });
    expect(production.seeded).toBe(false);
    expect(await prisma.user.count()).toBe(0);
    expect(await demoAccountsExist()).toBe(false);

    const first = await boot({ dev: true });
    expect(first.seeded).toBe(true);
    const demo = await prisma.project.findUniqueOrThrow({
      where: { slug: DEMO_PROJECT.slug },
      include: { articles: true, memberships: true },
    });
    expect(demo.articles).toHaveLength(3);
    expect(demo.memberships.map((membership) => membership.role).sort()).toEqual(DEMO_USERS.map((user) => user.role).sort());
    // Work in progress to look at: two annotators' tags on two articles, some decided by the reviewer.
    const tags = await prisma.annotation.findMany({ where: { article: { projectId: demo.id } }, include: { author: true } });
    expect(tags.length).toBeGreaterThanOrEqual(12);
    expect(new Set(tags.map((tag) => tag.author?.email))).toEqual(new Set(["editor@example.com", "owner@example.com"]));
    expect(tags.filter((tag) => tag.status !== "pending").length).toBeGreaterThanOrEqual(3);
    for (const tag of tags) {
      const text = demo.articles.find((article) => article.id === tag.articleId)!.text;
      expect([...text].slice(tag.start!, tag.end!).join("")).toBe(tag.text);
    }
    // The sign-in page then names the demo accounts (in development only).
    expect(await demoAccountsExist()).toBe(true);

    await prisma.article.delete({ where: { id: demo.articles[0]!.id } });
    const second = await boot({ dev: true });
    expect(second.seeded).toBe(false);
    expect(await prisma.article.count({ where: { projectId: demo.id } })).toBe(2);
  });

  it("refuses to start in production without AUTH_SECRET", async () => {
    delete process.env.AUTH_SECRET;
    await expect(boot({ dev: false })).rejects.toThrow(/AUTH_SECRET must be set in production/);
  });
});
