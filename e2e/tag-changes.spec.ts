import { expect, test } from "./fixtures";
import { ArticlePage } from "./pages/article-page";
import { signInAs } from "./pages/sign-in-page";

const TEXT = "More than 200 residents watched as Councillor Imani Osei spoke.";

// The editor changes existing tags over HTTP (lib/api-client): a refusal shows the API's own message, and
// what succeeds arrives through the tags document like any colleague's change.
test("an orphan's author restores it once its words are back, after the API explains why it cannot yet, then deletes it and undoes that", async ({
  page,
  world,
}) => {
  const editor = await world.user();
  const project = await world.project({ editor: [editor] });
  const article = await world.article(project.slug, { title: "Council", text: TEXT });
  const token = await world.token(editor);
  const words = "Imani Osei";
  const id = await world.tag(editor, { id: article.id, text: TEXT }, words, "actor");

  await signInAs(page, editor, article.url);
  const articlePage = new ArticlePage(page);
  await articlePage.ready();
  const orphans = await articlePage.orphan(words);

  await orphans.getByRole("button", { name: "Restore" }).click();
  await expect(articlePage.problem()).toHaveText("Its words are no longer in the text: select new words to attach it to");

  await articlePage.correctText();
  await articlePage.select("spoke");
  await page.keyboard.type(`${words} spoke`);
  // Restoring goes over HTTP, which does not queue behind the typing on the socket: wait for the server to have the words.
  await expect
    .poll(async () => (await page.request.get(`/api/articles/${article.id}`, { headers: { authorization: `Bearer ${token}` } })).json())
    .toMatchObject({ article: { text: expect.stringContaining(`${words} spoke`) } });
  await orphans.getByRole("button", { name: "Restore" }).click();
  await expect(orphans).toHaveCount(0);
  await expect(articlePage.tagsOver(words)).toHaveCount(1);
  await expect(articlePage.problem()).toHaveCount(0);

  await articlePage.listed(new RegExp(words)).click();
  await articlePage.details().getByRole("button", { name: "Delete tag" }).click();
  await expect(articlePage.tags()).toHaveCount(0);
  await expect(articlePage.count("actor")).toHaveText("0");
  await expect(articlePage.details()).toHaveCount(0);
  await expect
    .poll(async () => (await page.request.get(`/api/annotations/${id}`, { headers: { authorization: `Bearer ${token}` } })).status())
    .toBe(404);

  // The deletion is undone from the page: the tag is back on its words, selected, and in the API again.
  await page.getByRole("status").filter({ hasText: "Tag deleted." }).getByRole("button", { name: "Undo" }).click();
  await expect(articlePage.tagsOver(words)).toHaveCount(1);
  await expect(articlePage.details()).toBeVisible();
  await expect
    .poll(async () => (await page.request.get(`/api/annotations/${id}`, { headers: { authorization: `Bearer ${token}` } })).status())
    .toBe(200);
});
