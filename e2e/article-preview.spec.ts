import AxeBuilder from "@axe-core/playwright";
import type { Page, WebSocketRoute } from "@playwright/test";
import { expect, test } from "./fixtures";
import { ArticlePage } from "./pages/article-page";
import { signInAs } from "./pages/sign-in-page";

// An emoji and curly quotes before the tags: their code-point and UTF-16 offsets differ.
const TEXT = "🗳️ “We counted 1,219 ballots,” said Ana Ruiz — the county clerk.\n\nMore than 200 volunteers waited outside until dawn.";
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/**
 * Holds the page's live-document sockets open and unanswered, as a slow network or server would, until
 * `release`: then they are closed, and the editor's reconnection goes through to the server.
 */
async function holdLiveSockets(page: Page) {
  let holding = true;
  const held: WebSocketRoute[] = [];
  await page.routeWebSocket(/\/collab/, (socket) => {
    if (holding) held.push(socket);
    else socket.connectToServer();
  });
  return {
    release: async () => {
      holding = false;
      await Promise.all(held.map((socket) => socket.close()));
    },
  };
}

test("the article opens readable with its tags highlighted before the live document syncs, then becomes editable", async ({
  page,
  world,
}) => {
  const olga = await world.user("Olga Owner");
  const alice = await world.user("Alice Annotator");
  const project = await world.project({ owner: [olga], editor: [alice] });
  const article = await world.article(project.slug, { title: "Count certified", text: TEXT });
  const tagged = { id: article.id, text: TEXT };
  const actor = await world.tag(alice, tagged, "Ana Ruiz", "actor");
  const figure = await world.tag(alice, tagged, "1,219 ballots", "figure");
  await world.tag(alice, tagged, "county clerk.\n\nMore than 200", "claim");
  const olgaToken = await world.token(olga);
  for (const [id, decision] of [
    [actor, "accept"],
    [figure, "reject"],
  ]) {
    const response = await page.request.post(`/api/annotations/${id}/review`, { headers: bearer(olgaToken), data: { decision } });
    expect(response.status(), await response.text()).toBe(200);
  }

  await signInAs(page, alice);
  const sockets = await holdLiveSockets(page);
  await page.goto(article.url);

  // No live document yet: the server's preview, with the tags as the editor will show them.
  const preview = page.getByTestId("article-preview");
  await expect(preview).toHaveAttribute("aria-busy", "true");
  await expect(preview.getByRole("status")).toHaveText("Connecting to the live document…");
  const accepted = preview.locator(".margin-tag--actor");
  await expect(accepted).toHaveText("Ana Ruiz");
  await expect(accepted).toHaveClass(/margin-tag--accepted/);
  await expect(accepted).toHaveCSS("background-color", "rgba(37, 99, 235, 0.16)");
  await expect(accepted).toHaveCSS("text-decoration-thickness", "4px");
  // A tag across two paragraphs is highlighted in each; a rejected one, hidden in the editor, is not shown.
  await expect(preview.locator(".margin-tag--claim")).toHaveText(["county clerk.", "More than 200"]);
  await expect(preview.locator(".margin-tag--figure")).toHaveCount(0);
  await expect(preview.locator(".margin-preview p").first()).toHaveText("🗳️ “We counted 1,219 ballots,” said Ana Ruiz — the county clerk.");
  await expect(page.locator(".margin-editor")).toHaveCount(0);
  // Readable by everyone, as the editor is (e2e/accessibility.spec.ts).
  const { violations } = await new AxeBuilder({ page }).include("[data-testid=article-preview]").analyze();
  expect(violations.filter((violation) => violation.impact === "critical" || violation.impact === "serious")).toEqual([]);

  await sockets.release();
  const editor = new ArticlePage(page);
  await editor.ready();
  await expect(editor.editor()).toHaveAttribute("contenteditable", "true");
  await expect(preview).toHaveCount(0);
  await expect(editor.tagsOver("Ana Ruiz")).toHaveCount(1);
});

test("a blind annotator's preview shows only their own tags", async ({ page, world }) => {
  const olga = await world.user("Olga Owner");
  const alice = await world.user("Alice Annotator");
  const bob = await world.user("Bob Annotator");
  const project = await world.project({ owner: [olga], editor: [alice, bob] });
  const blind = await page.request.patch(`/api/projects/${project.slug}`, {
    headers: bearer(await world.token(olga)),
    data: { blindAnnotation: true },
  });
  expect(blind.status(), await blind.text()).toBe(200);
  const article = await world.article(project.slug, { title: "Count certified", text: TEXT });
  await world.tag(alice, { id: article.id, text: TEXT }, "Ana Ruiz", "actor");
  await world.tag(bob, { id: article.id, text: TEXT }, "1,219 ballots", "figure");

  await signInAs(page, alice);
  await holdLiveSockets(page);
  await page.goto(article.url);
  const preview = page.getByTestId("article-preview");
  await expect(preview.locator(".margin-tag--actor")).toHaveText("Ana Ruiz");
  await expect(preview.locator(".margin-tag")).toHaveCount(1);
});
