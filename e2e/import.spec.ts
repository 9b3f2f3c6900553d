import fs from "node:fs";
import { expect, test } from "./fixtures";
import { ProjectPage } from "./pages/project-page";
import { signInAs } from "./pages/sign-in-page";

test("an editor uploads three files, follows the progress to a summary, and finds one by a phrase from its body", async ({
  page,
  world,
}) => {
  const editor = await world.user();
  const project = await world.project({ editor: [editor] });
  await signInAs(page, editor);
  const projectPage = new ProjectPage(page, project.slug);
  await projectPage.goto();
  await projectPage.uploadFiles([
    {
      name: "harbor.txt",
      content: "Harbor wall approved\n\nThe council voted 7–2 to build a 3.4-kilometre flood wall.\n\nShare on Facebook",
    },
    {
      name: "turtles.html",
      content:
        "<html><head><meta property='og:site_name' content='Coastline Weekly'></head><body><article><h1>Turtle nests at record</h1><p>Volunteers counted more than 200 loggerhead nests 🐢 this season.</p></article></body></html>",
    },
    { name: "empty.md", content: "" },
  ]);
  await expect(page.getByRole("status").filter({ hasText: "Done:" })).toHaveText("Done: 2 imported, 0 duplicate, 1 failed");
  await expect(page.getByLabel("Import progress")).toHaveAttribute("value", "3");
  const results = page.getByRole("list", { name: "Import results" });
  await expect(results.getByRole("listitem")).toHaveText([
    /imported\s*harbor\.txt\s*Harbor wall approved/,
    /imported\s*turtles\.html\s*Turtle nests at record/,
    /failed\s*empty\.md\s*file is empty/,
  ]);

  await projectPage.search('"more than 200 loggerhead nests"');
  await expect(projectPage.articles()).toHaveCount(1);
  await expect(projectPage.articles().first()).toContainText("Turtle nests at record");
  await expect(projectPage.articles().first()).toContainText("Coastline Weekly");
  await expect(projectPage.articles().first().locator("mark").first()).toHaveText("more");

  await projectPage.articles().first().getByRole("link", { name: "Turtle nests at record" }).click();
  await expect(page.getByTestId("article-text")).toHaveText("Volunteers counted more than 200 loggerhead nests 🐢 this season.");
});

test("pasting a web page shows the detected metadata and furniture, and imports what the editor confirmed", async ({ page, world }) => {
  const editor = await world.user();
  const project = await world.project({ editor: [editor] });
  await signInAs(page, editor);
  const projectPage = new ProjectPage(page, project.slug);
  await projectPage.goto();
  const html =
    "<h1>Mayor resigns</h1><p>By Lena Ortiz</p><p>The mayor of Brückenau resigned on Friday, citing “health reasons”.</p><p>Image</p><p>Her deputy takes over <em>today</em>.</p><p>What’s Your Reaction?</p><p>Like</p>";
  await projectPage.pasteArticle(
    html,
    "Mayor resigns\nBy Lena Ortiz\nThe mayor of Brückenau resigned on Friday, citing “health reasons”.\nImage\nHer deputy takes over today.\nWhat’s Your Reaction?\nLike",
  );
  await expect(page.getByText("Formatted text pasted")).toBeVisible();
  await page.getByRole("button", { name: "Check before importing" }).click();

  await expect(page.getByLabel("Title", { exact: true })).toHaveValue("Mayor resigns");
  await expect(page.getByLabel("Byline", { exact: true })).toHaveValue("By Lena Ortiz");
  const furniture = page.getByRole("group", { name: /Page furniture found/ });
  await expect(furniture.getByRole("checkbox")).toHaveCount(5);
  // Keep the "Image" line this time: untick it.
  await furniture.getByRole("checkbox", { name: /^Image \(/ }).uncheck();
  await page.getByLabel("Outlet", { exact: true }).fill("Valley Post");
  await page.getByRole("button", { name: "Import article" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mayor resigns");
  await expect(page.getByText("Valley Post")).toBeVisible();
  await expect(page.getByTestId("article-text")).toHaveText(
    /^The mayor of Brückenau resigned on Friday, citing “health reasons”\.ImageHer deputy takes over today\.$/,
  );
  await expect(page.getByTestId("article-text").locator("em")).toHaveText("today");
  await page.getByText("Removed on import (4)").click();
  await expect(page.getByRole("listitem").filter({ hasText: "What’s Your Reaction?" })).toContainText("reaction buttons");

  // Pasting the same article again is caught as a duplicate.
  await projectPage.goto();
  await projectPage.pasteArticle(html, "Mayor resigns");
  await page.getByRole("button", { name: "Check before importing" }).click();
  await furniture.getByRole("checkbox", { name: /^Image \(/ }).uncheck();
  await page.getByRole("button", { name: "Import article" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "already has an article with the same text" })).toContainText(
    "Open the existing article",
  );
});

test("editors correct metadata on the article page; viewers see no import and get 403 from the API", async ({ page, world, request }) => {
  const editor = await world.user();
  const viewer = await world.user();
  const project = await world.project({ editor: [editor], viewer: [viewer] });
  const article = await world.article(project.slug, { title: "Draft title", text: "Body text of the story." });
  await signInAs(page, editor);
  await page.goto(article.url);
  await page.getByText("Edit details").click();
  await page.getByLabel("Title", { exact: true }).fill("Final title");
  await page.getByLabel("Published", { exact: true }).fill("2026-11-20");
  await page.getByLabel("Language", { exact: true }).fill("english");
  await page.getByRole("button", { name: "Save details" }).click();
  await expect(page.getByText("language must be a BCP 47 tag such as en or pt-BR")).toBeVisible();
  await page.getByLabel("Language", { exact: true }).fill("en");
  await page.getByRole("button", { name: "Save details" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Final title");
  await expect(page.getByText("20 Nov 2026")).toBeVisible();

  const token = await world.token(viewer);
  const refused = await request.post(`/api/projects/${project.slug}/articles`, {
    headers: { authorization: `Bearer ${token}` },
    data: { text: "A viewer's article" },
  });
  expect(refused.status()).toBe(403);
  await page.context().clearCookies();
  await signInAs(page, viewer);
  await page.goto(`/projects/${project.slug}`);
  await expect(page.getByRole("button", { name: "Upload files" })).toHaveCount(0);
  await expect(page.getByText("Edit details")).toHaveCount(0);
});

test("a scraped text file with one paragraph per line arrives as paragraphs, without its furniture, dated by its dateline", async ({
  page,
  world,
}) => {
  const editor = await world.user();
  const project = await world.project({ editor: [editor] });
  await signInAs(page, editor);
  const projectPage = new ProjectPage(page, project.slug);
  await projectPage.goto();
  const content = fs.readFileSync("lib/articles/fixtures/scraped-one-per-line.txt", "utf8");
  await projectPage.uploadFiles([{ name: "scan_0001.txt", content }]);
  await expect(page.getByRole("status").filter({ hasText: "Done:" })).toHaveText("Done: 1 imported, 0 duplicate, 0 failed");
  await page
    .getByRole("list", { name: "Import results" })
    .getByRole("link", { name: /Harbour town votes/ })
    .click();

  const text = page.getByTestId("article-text");
  await expect(text.locator("p")).toHaveCount(32);
  await expect(text.locator("p").first()).toHaveText(/^PORT SELDEN — The town council voted 7–2/);
  await expect(text).not.toContainText("What’s Your Reaction?");
  await expect(text).toContainText("Estuary Research Station 👩‍🔬 say");
  await expect(page.locator("time").first()).toHaveAttribute("datetime", "2025-10-14T00:00:00.000Z");
  await expect(page.getByText("Removed on import (16)")).toBeVisible();
});
