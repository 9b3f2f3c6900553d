/**
 * axe-core over the main pages and states, signed in as each role, on a project with real work in it (two
 * annotators' overlapping tags, a reviewer's decisions, an open tag's details and links): no critical or
 * serious violation. A new one fails the run with what and where.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { ArticlePage } from "./pages/article-page";
import { signInAs } from "./pages/sign-in-page";

const TEXT =
  "“We cannot keep asking families on Wharf Street to bail out their kitchens,” said Councillor Imani Osei 🌊.\n\nThe project costs 48 million euros, according to the engineering office — a figure opponents dispute.";

async function violations(page: Page, state: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((violation) => violation.impact === "critical" || violation.impact === "serious")
    .map(
      (violation) =>
        `${state}: ${violation.id} (${violation.impact}) on ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
    );
}

test("the main pages have no critical or serious accessibility violation, for any role", async ({ browser, world, request }) => {
  test.setTimeout(180_000);
  const owner = await world.user("Olga Owner");
  const ana = await world.user("Ana Editor");
  const ben = await world.user("Ben Editor");
  const rosa = await world.user("Rosa Reviewer");
  const victor = await world.user("Victor Viewer");
  const project = await world.project({ owner: [owner], editor: [ana, ben], reviewer: [rosa], viewer: [victor] });
  const article = await world.article(project.slug, { title: "Flood wall", text: TEXT });
  // A record the second actor tag is linked to by its words, for the actor pages.
  const record = await request.post(`/api/projects/${project.slug}/actors`, {
    headers: { authorization: `Bearer ${await world.token(owner)}` },
    data: { name: "Imani Osei", kind: "person", externalId: "Q42" },
  });
  expect(record.status()).toBe(201);
  const recordId = ((await record.json()) as { actor: { id: string } }).actor.id;
  const speaker = await world.tag(ana, { id: article.id, text: TEXT }, "Councillor Imani Osei", "actor");
  await world.tag(ben, { id: article.id, text: TEXT }, "Imani Osei", "actor");
  const quote = await world.tag(
    ana,
    { id: article.id, text: TEXT },
    "“We cannot keep asking families on Wharf Street to bail out their kitchens,”",
    "quote",
    { speakerId: speaker, direct: true },
  );
  const figure = await world.tag(ben, { id: article.id, text: TEXT }, "48 million euros", "figure");
  const reviewer = await world.token(rosa);
  const review = (id: string, decision: "accept" | "reject") =>
    request.post(`/api/annotations/${id}/review`, { headers: { authorization: `Bearer ${reviewer}` }, data: { decision } });
  expect((await review(quote, "accept")).status()).toBe(200);
  expect((await review(figure, "reject")).status()).toBe(200);

  const found: string[] = [];
  const pages: [string, string][] = [
    ["projects", "/projects"],
    ["project", `/projects/${project.slug}`],
    ["review", `/projects/${project.slug}/review`],
    ["agreement", `/projects/${project.slug}/agreement`],
    ["actors", `/projects/${project.slug}/actors`],
    ["actor", `/projects/${project.slug}/actors/${recordId}`],
    ["registry checks", `/projects/${project.slug}/actors/checks`],
    ["export", `/projects/${project.slug}/export`],
    ["members", `/projects/${project.slug}/members`],
    ["settings", `/projects/${project.slug}/settings`],
  ];
  for (const [role, user] of [
    ["owner", owner],
    ["editor", ana],
    ["reviewer", rosa],
    ["viewer", victor],
  ] as const) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAs(page, user);
    for (const [name, path] of pages) {
      const response = await page.goto(path);
      // Pages a role may not see answer 403 or 404: nothing of theirs to check.
      if (!response || response.status() >= 400) continue;
      found.push(...(await violations(page, `${role} ${name}`)));
    }
    // The article, with the quote's details and its link open, in both modes.
    await page.goto(article.url);
    const articlePage = new ArticlePage(page);
    await articlePage.ready();
    await articlePage.listed(/We cannot keep asking/).click();
    await expect(articlePage.details()).toBeVisible();
    found.push(...(await violations(page, `${role} article`)));
    await context.close();
  }
  expect(found).toEqual([]);
});
