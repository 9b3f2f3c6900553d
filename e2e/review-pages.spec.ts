import { expect, test } from "./fixtures";
import { AgreementPage, projectTabs, spanOf, tagThroughApi } from "./pages/review-pages";
import { signInAs } from "./pages/sign-in-page";

const TEXT = "Mayor Ana Ruiz said the budget grew by 12 percent last year.";

test("a reviewer reads the agreement of two editors, opens their disagreement, and finds the article in the review queue", async ({
  page,
  request,
  world,
}) => {
  const ana = await world.user("Ana Editor");
  const ben = await world.user("Ben Editor");
  const rita = await world.user("Rita Reviewer");
  const project = await world.project({ editor: [ana, ben], reviewer: [rita] });
  const article = await world.article(project.slug, { title: "Budget grows", text: TEXT });
  const [anaToken, benToken] = [await world.token(ana), await world.token(ben)];
  // Both tag the mayor the same way; their figures differ in boundaries ("last year" or not).
  await tagThroughApi(request, anaToken, article.id, { label: "actor", ...spanOf(TEXT, "Ana Ruiz") });
  await tagThroughApi(request, benToken, article.id, { label: "actor", ...spanOf(TEXT, "Ana Ruiz") });
  await tagThroughApi(request, anaToken, article.id, { label: "figure", ...spanOf(TEXT, "12 percent") });
  await tagThroughApi(request, benToken, article.id, { label: "figure", ...spanOf(TEXT, "12 percent last year") });

  await signInAs(page, rita, `/projects/${project.slug}`);
  await expect(projectTabs(page)).toHaveText(["Articles", "Review", "Agreement", "Actors", "Export"]);
  const agreement = new AgreementPage(page, project.slug);
  await projectTabs(page).getByText("Agreement").click();
  // 13 tokens, 11 agreeing: po = 11/13, pe = 75/169, kappa = 68/94.
  await expect(agreement.cell("Ana Editor", "Ben Editor")).toContainText("0.72");
  await expect(agreement.cell("Ben Editor", "Ana Editor")).toContainText("0.72");
  // One of two tags each identical: exact F1 = 2·1 / (2 + 2).
  await agreement.showMetric("F1 exact");
  await expect(page).toHaveURL(/metric=f1Exact/);
  await expect(agreement.cell("Ana Editor", "Ben Editor")).toContainText("0.50");
  await expect(page.getByRole("link", { name: /^Figure 0\.00 \(F1 exact\): disagreements of Ana Editor and Ben Editor/ })).toBeVisible();
  await expect(page.getByRole("link", { name: /^Actor 1\.00 \(F1 exact\)/ })).toBeVisible();
  // Under the figures: the pair was compared on one article of 13 tokens.
  await expect(
    page
      .getByRole("region", { name: "Reading the figures" })
      .getByRole("row", { name: /Ana Editor and Ben Editor/ })
      .getByRole("cell"),
  ).toHaveText(["1", "13"]);

  await agreement.cell("Ana Editor", "Ben Editor").click();
  const list = agreement.disagreements();
  await expect(list.getByRole("heading")).toHaveText("Disagreements of Ana Editor and Ben Editor");
  await expect(list.getByRole("row")).toHaveCount(2);
  const row = list.getByRole("row").nth(1);
  // <q> draws its quotation marks with CSS: they are not in the text.
  await expect(row.getByRole("cell")).toHaveText([
    "Budget grows",
    "different boundaries",
    "12 percent (Figure)",
    "12 percent last year (Figure)",
  ]);
  await expect(row.getByRole("link", { name: "Budget grows" })).toHaveAttribute(
    "href",
    new RegExp(`/projects/${project.slug}/articles/${article.id}\\?tag=`),
  );
  // A bar opens the same list for its label only: the actors agree.
  await page.getByRole("link", { name: /^Actor 1\.00 \(F1 exact\): disagreements of Ana Editor and Ben Editor/ }).click();
  await expect(list.getByRole("heading")).toHaveText("Disagreements of Ana Editor and Ben Editor on Actor tags");
  await expect(list.getByRole("status")).toHaveText("None: they agree on every tag.");

  // A hand-edited link shows the figures with a note, not an error page.
  await agreement.goto("?metric=median&labels=nonsense");
  await expect(page.getByRole("note")).toContainText("not understood");
  await expect(agreement.cell("Ana Editor", "Ben Editor")).toContainText("0.72");

  // Tagging an article moves it from New to In progress.
  await projectTabs(page).getByText("Review").click();
  const queued = page.getByRole("row", { name: /Budget grows/ });
  await expect(queued.getByRole("cell")).toHaveText([
    "In progress",
    "2 pending",
    "—none",
    "2 pending",
    "—none",
    /Ana Editor.*Ben Editor|Ben Editor.*Ana Editor/,
  ]);
  await expect(queued.getByRole("link", { name: "Budget grows" })).toHaveAttribute("href", article.url);
  await page.getByRole("navigation", { name: "Filter by status" }).getByRole("link", { name: "Done" }).click();
  await expect(page.getByText("No articles with this status.")).toBeVisible();
});

test("only the owner changes settings; with blind annotation on, editors lose the Agreement tab", async ({ browser, world }) => {
  const olga = await world.user("Olga Owner");
  const ed = await world.user("Ed Editor");
  const project = await world.project({ owner: [olga], editor: [ed] });
  const editorContext = await browser.newContext();
  const ownerContext = await browser.newContext();
  const editor = await editorContext.newPage();
  const owner = await ownerContext.newPage();

  await signInAs(editor, ed, `/projects/${project.slug}`);
  await expect(projectTabs(editor)).toHaveText(["Articles", "Agreement", "Actors", "Export"]);
  const refused = await editor.goto(`/projects/${project.slug}/settings`);
  expect(refused?.status()).toBe(403);
  await expect(editor.getByRole("heading", { name: "Not allowed" })).toBeVisible();

  await signInAs(owner, olga, `/projects/${project.slug}/settings`);
  await expect(projectTabs(owner)).toHaveText(["Articles", "Review", "Agreement", "Actors", "Export", "Members", "Settings"]);
  const blind = owner.getByRole("checkbox", { name: "Blind annotation" });
  await expect(blind).not.toBeChecked();
  await blind.check();
  await owner.getByRole("button", { name: "Save settings" }).click();
  await expect(owner.getByText("Saved", { exact: true })).toBeVisible();
  await expect(blind).toBeChecked();
  await owner.reload();
  await expect(owner.getByRole("checkbox", { name: "Blind annotation" })).toBeChecked();
  await expect(owner.getByRole("radio", { name: "Gold layer only" })).toBeChecked();

  await editor.goto(`/projects/${project.slug}`);
  await expect(projectTabs(editor)).toHaveText(["Articles", "Actors", "Export"]);
  expect((await editor.goto(`/projects/${project.slug}/agreement`))?.status()).toBe(403);
  await editorContext.close();
  await ownerContext.close();
});

test("a comment naming a colleague shows on their Mentions page and in the header until seen", async ({ page, request, world }) => {
  const ana = await world.user("Ana Editor");
  const rita = await world.user("Rita Reviewer");
  const project = await world.project({ editor: [ana], reviewer: [rita] });
  const article = await world.article(project.slug, { title: "Budget grows", text: TEXT });
  const token = await world.token(ana);
  const tagId = await tagThroughApi(request, token, article.id, { label: "figure", ...spanOf(TEXT, "12 percent") });
  const body = `@${rita.email} is this 12 or 21?\nSee <b>page 3</b>.`;
  const posted = await request.post(`/api/annotations/${tagId}/comments`, {
    headers: { authorization: `Bearer ${token}` },
    data: { body },
  });
  expect(posted.status()).toBe(201);

  await signInAs(page, rita);
  const mentionsLink = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Mentions/ });
  await expect(mentionsLink).toHaveAccessibleName("Mentions (1 new)");
  await mentionsLink.click();
  const mention = page.getByRole("list", { name: "Mentions" }).getByRole("listitem");
  await expect(mention).toHaveCount(1);
  await expect(mention).toContainText("new");
  await expect(mention).toContainText("Ana Editor");
  // Plain text: the markup is shown as typed, and the line break is kept.
  await expect(mention.getByText("is this 12 or 21?")).toHaveText(body);
  await expect(mention.locator("b")).toHaveCount(0);
  await expect(mention.getByRole("link", { name: "Budget grows" })).toHaveAttribute("href", `${article.url}?tag=${tagId}`);

  await page.getByRole("button", { name: "Mark all as seen" }).click();
  await expect(page.getByText("Nothing new")).toBeVisible();
  await expect(mentionsLink).toHaveAccessibleName("Mentions");
  await expect(mention).not.toContainText("new");
});
