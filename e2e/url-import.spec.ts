import { htmlPage, startPageServer, type PageServer } from "@/lib/testing/page-server";
import { expect, test } from "./fixtures";
import { ProjectPage } from "./pages/project-page";
import { signInAs } from "./pages/sign-in-page";

const PAGE = `<!DOCTYPE html><html lang="en"><head><title>Night ferry cancelled | Island Post</title>
<meta property="og:site_name" content="Island Post">
<link rel="canonical" href="https://islandpost.example/night-ferry"></head>
<body><nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>
<article><h1>Night ferry cancelled</h1>
<p>The night ferry to Vessa was cancelled on Sunday — the third time this month 🌊.</p>
<p>“We were told at the pier,” said one passenger. The operator blamed a crew shortage.</p></article>
<footer>© Island Post</footer></body></html>`;

let pages: PageServer;

test.beforeAll(async () => {
  pages = await startPageServer();
  pages.route("/night-ferry", htmlPage(PAGE));
  // The same story at another address, updated: its canonical address makes it the same article.
  pages.route("/night-ferry?amp=1", htmlPage(PAGE.replace("third time", "fourth time")));
  pages.route("/timetable.pdf", htmlPage("%PDF-1.7", "application/pdf"));
});
test.afterAll(() => pages.close());

test("an editor imports an article by its address, meets its duplicate, and a page that is not HTML", async ({ page, world }) => {
  const editor = await world.user();
  const project = await world.project({ editor: [editor] });
  await signInAs(page, editor);
  const projectPage = new ProjectPage(page, project.slug);
  await projectPage.goto();
  await page.getByRole("button", { name: "From a URL" }).click();
  const address = page.getByLabel("Address of the article’s page");
  const status = page.getByRole("status").filter({ hasText: /Imported|Already|could not/ });

  await address.fill(pages.url("/night-ferry"));
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(status).toHaveText("Imported: Night ferry cancelled");
  await expect(projectPage.articles()).toHaveCount(1);
  await expect(projectPage.articles().first()).toContainText("Island Post");

  await address.fill(`${pages.url("/night-ferry")}?amp=1`);
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(status).toHaveText("Already in the project (same address): Night ferry cancelled");

  await address.fill(pages.url("/timetable.pdf"));
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(status).toHaveText("could not import: the address answers application/pdf, not an HTML page");

  await address.fill(pages.url("/night-ferry"));
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(status).toHaveText("Already in the project (same text): Night ferry cancelled");
  await status.getByRole("link", { name: "Night ferry cancelled" }).click();
  const text = page.getByTestId("article-text");
  await expect(text).toContainText("The night ferry to Vessa was cancelled on Sunday — the third time this month 🌊.");
  await expect(text).toContainText("“We were told at the pier,” said one passenger. The operator blamed a crew shortage.");
  await expect(text).not.toContainText("Home");
});
