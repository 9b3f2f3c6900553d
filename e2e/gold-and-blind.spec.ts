import { expect, test } from "./fixtures";
import { ArticlePage } from "./pages/article-page";
import { SettingsPage, spanOf, tagThroughApi } from "./pages/review-pages";
import { signInAs } from "./pages/sign-in-page";

const TEXT = "Mayor Ana Ruiz said the budget grew by 12 percent last year.";
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

test("with auto-accept on, two editors' identical tags become one accepted gold tag that lists both", async ({ browser, world }) => {
  const olga = await world.user("Olga Owner");
  const alice = await world.user("Alice Editor");
  const bob = await world.user("Bob Editor");
  const project = await world.project({ owner: [olga], editor: [alice, bob] });
  const article = await world.article(project.slug, { title: "Budget grows", text: TEXT });
  const aliceToken = await world.token(alice);
  const ownerContext = await browser.newContext();
  const bobContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  const b = await bobContext.newPage();

  // The owner turns auto-accept on in the project's settings.
  await signInAs(owner, olga, `/projects/${project.slug}/settings`);
  const settings = new SettingsPage(owner, project.slug);
  await expect(settings.flag("Auto-accept agreeing tags")).not.toBeChecked();
  await settings.turnOn("Auto-accept agreeing tags");
  await owner.reload();
  await expect(settings.flag("Auto-accept agreeing tags")).toBeChecked();

  // Alice tags the mayor through the API; Bob, in the editor, sees her tag pending.
  await tagThroughApi(b.request, aliceToken, article.id, { label: "actor", ...spanOf(TEXT, "Ana Ruiz") });
  await signInAs(b, bob, article.url);
  const pageB = new ArticlePage(b);
  await pageB.ready();
  await expect(pageB.listed(/Ana Ruiz/)).toHaveText(/^Ana Ruiz\s*Alice Editor$/);

  // Bob tags the same words with the same label, with the keyboard: the two become one gold tag.
  await pageB.tag("Ana Ruiz", "1");
  const gold = pageB.listed(/Ana Ruiz/);
  await expect(gold).toContainText("Alice Editor & Bob Editor");
  await expect(gold).toContainText("✓ accepted");
  await expect(pageB.count("actor")).toHaveText("1");
  await expect(pageB.tagsOver("Ana Ruiz")).toHaveCount(1);
  // Accepted tags have the thicker underline.
  await expect(pageB.tagsOver("Ana Ruiz")).toHaveCSS("text-decoration-thickness", "4px");

  // The API has one accepted tag made by both, accepted by Margin (no reviewer).
  await expect
    .poll(
      async () =>
        (await (await b.request.get(`/api/articles/${article.id}/annotations`, { headers: bearer(aliceToken) })).json()).annotations,
    )
    .toEqual([
      expect.objectContaining({
        label: "actor",
        text: "Ana Ruiz",
        ...spanOf(TEXT, "Ana Ruiz"),
        status: "accepted",
        annotators: [
          expect.objectContaining({ id: alice.id, name: "Alice Editor" }),
          expect.objectContaining({ id: bob.id, name: "Bob Editor" }),
        ],
        review: expect.objectContaining({ decision: "accept", reviewer: null }),
      }),
    ]);

  // Its details list both annotators and the automatic acceptance.
  await gold.click();
  const details = pageB.details();
  await expect(details).toContainText("Tagged by Alice Editor & Bob Editor");
  await expect(details.getByTestId("tag-status")).toHaveText("✓ accepted");
  await expect(details.getByTestId("tag-decision")).toContainText("Accepted by Margin (annotators agree)");
  await ownerContext.close();
  await bobContext.close();
});

test("with blind annotation on, an editor sees a colleague's tags only after marking their work done; a reviewer sees all", async ({
  browser,
  request,
  world,
}) => {
  const olga = await world.user("Olga Owner");
  const alice = await world.user("Alice Editor");
  const bob = await world.user("Bob Editor");
  const rita = await world.user("Rita Reviewer");
  const project = await world.project({ owner: [olga], editor: [alice, bob], reviewer: [rita] });
  const article = await world.article(project.slug, { title: "Budget grows", text: TEXT });
  const turnedOn = await request.patch(`/api/projects/${project.slug}`, {
    headers: bearer(await world.token(olga)),
    data: { blindAnnotation: true },
  });
  expect(turnedOn.status()).toBe(200);
  const bobToken = await world.token(bob);
  /** The words of the tags the API shows Bob. */
  const bobSees = async () =>
    (await (await request.get(`/api/articles/${article.id}/annotations`, { headers: bearer(bobToken) })).json()).annotations
      .map((tag: { text: string }) => tag.text)
      .sort();

  const contexts = [await browser.newContext(), await browser.newContext(), await browser.newContext()];
  const [a, b, r] = await Promise.all(contexts.map((context) => context.newPage()));
  await Promise.all([signInAs(a!, alice, article.url), signInAs(b!, bob, article.url), signInAs(r!, rita, article.url)]);
  const [pageA, pageB, pageR] = [new ArticlePage(a!), new ArticlePage(b!), new ArticlePage(r!)];
  await Promise.all([pageA.ready(), pageB.ready(), pageR.ready()]);

  // Alice tags the mayor; the reviewer sees it live.
  await pageA.tag("Ana Ruiz", "1");
  await expect(pageA.listed(/Ana Ruiz/)).toContainText("Alice Editor");
  await expect(pageR.listed(/Ana Ruiz/)).toContainText("Alice Editor");
  // Bob then tags the figure: once his own tag is in his panel, his page has had everything sent after Alice's.
  await pageB.tag("12 percent", "3");
  await expect(pageB.listed(/12 percent/)).toContainText("Bob Editor");
  await expect(pageB.count("figure")).toHaveText("1");

  // Bob's text carries the mark of Alice's tag (only its id), but nothing shows it and his panel does not count it.
  const aliceMarkForBob = pageB.tagsOver("Ana Ruiz");
  await expect(aliceMarkForBob).toHaveCount(1);
  await expect(aliceMarkForBob).toHaveCSS("text-decoration-line", "none");
  await expect(aliceMarkForBob).toHaveCSS("background-color", "rgba(0, 0, 0, 0)");
  await expect(pageB.count("actor")).toHaveText("0");
  await expect(pageB.listed(/Ana Ruiz/)).toHaveCount(0);
  await expect(b!.getByText("Blind annotation: colleagues' tags show once you mark your work done.")).toBeVisible();
  // Nor does the API show it to him.
  await expect.poll(bobSees).toEqual(["12 percent"]);

  // The reviewer sees both tags, highlighted.
  await expect(pageR.listed(/12 percent/)).toContainText("Bob Editor");
  await expect(pageR.count("actor")).toHaveText("1");
  await expect(pageR.count("figure")).toHaveText("1");
  for (const words of ["Ana Ruiz", "12 percent"]) await expect(pageR.tagsOver(words)).not.toHaveCSS("text-decoration-line", "none");

  // Bob marks his work done: from then on he may see Alice's tag.
  await pageB.markWorkDone();
  await expect.poll(bobSees).toEqual(["12 percent", "Ana Ruiz"]);
  // His page switches from his view of the tags to the whole tags document, its editor rebuilt: Alice's tag
  // shows in his text and his panel.
  await expect(pageB.count("actor")).toHaveText("1");
  await expect(pageB.listed(/Ana Ruiz/)).toContainText("Alice Editor");
  await expect(pageB.tagsOver("Ana Ruiz")).not.toHaveCSS("text-decoration-line", "none");

  // Alice, not done, still does not see Bob's tag; the reviewer still sees both.
  await expect(pageA.count("figure")).toHaveText("0");
  await expect(pageA.listed(/12 percent/)).toHaveCount(0);
  await expect(pageR.count("actor")).toHaveText("1");
  await expect(pageR.count("figure")).toHaveText("1");
  for (const context of contexts) await context.close();
});
