import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { ArticlePage } from "./pages/article-page";
import { signInAs } from "./pages/sign-in-page";
import type { Label } from "@/lib/vocabulary";

// An actor, a direct quote with its speaker, figures with units, an em dash and an emoji (two UTF-16 units).
const TEXT =
  "Mayor Ana Ruiz said the council approved 3,000 new homes on Tuesday — the largest plan in a decade.\n\n" +
  "“We will build them by 2030,” said Ruiz. About 12 percent of the budget goes to housing, and 450 families are waiting 🏠.";

/** The suggestions' side panel and their outlines in the text. */
class Suggestions {
  constructor(private readonly page: Page) {}

  panel() {
    return this.page.getByRole("region", { name: "Suggestions" });
  }

  count(label: Label) {
    return this.panel().getByTestId(`suggestion-count-${label}`);
  }

  /** The outline of the `label` suggestion on exactly `words` (overlapping suggestions nest, each its own element). */
  inText(words: string, label: Label) {
    const exactly = new RegExp(`^${words.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
    return this.page.locator(`.margin-editor .margin-suggestion--${label}`).filter({ hasText: exactly });
  }

  current() {
    return this.panel().getByTestId("current-suggestion");
  }
}

test("an editor runs the suggesters, reads their provenance, accepts and dismisses with the keys and accepts all figures above a score", async ({
  page,
  world,
}) => {
  const editor = await world.user("Eda Editor");
  const project = await world.project({ editor: [editor] });
  const article = await world.article(project.slug, { title: "Homes plan", text: TEXT });
  await signInAs(page, editor, article.url);
  const articlePage = new ArticlePage(page);
  const suggestions = new Suggestions(page);
  await articlePage.ready();

  // The guidelines are one click away.
  await expect(page.getByRole("link", { name: "Guidelines" })).toHaveAttribute("href", "/guidelines");

  // Nothing is suggested until the suggesters run.
  await expect(suggestions.panel().getByTestId("suggestion-count")).toHaveText("0");
  await suggestions.panel().getByRole("button", { name: "Suggest" }).click();
  await expect(suggestions.count("figure")).toHaveText("3");
  await expect(suggestions.count("actor")).toHaveText("2");
  await expect(suggestions.panel().getByRole("region", { name: "Quote suggestions" })).toContainText("“We will build them by 2030,”");

  // Dashed outlines in the label's colour, no fill: unlike tags, and no tag yet.
  const homes = suggestions.inText("3,000 new homes", "figure");
  await expect(homes).toHaveCSS("border-top-style", "dashed");
  await expect(homes).toHaveCSS("border-top-color", "rgb(4, 120, 87)");
  await expect(homes).toHaveCSS("background-color", "rgba(0, 0, 0, 0)");
  await expect(articlePage.tags()).toHaveCount(0);

  // Hovering says where a suggestion comes from.
  await homes.hover();
  await expect(homes).toHaveAttribute("title", "Suggested by builtin:figures 2 · score 0.85");

  // A click on the mayor makes it current (its provenance in the panel); Enter accepts it: it is now a tag.
  await suggestions.inText("Mayor Ana Ruiz", "actor").click();
  await expect(suggestions.current()).toContainText("Mayor Ana Ruiz");
  await expect(suggestions.current()).toContainText("Suggested by builtin:actors 2 · score 0.80");
  await page.keyboard.press("Enter");
  await expect(articlePage.count("actor")).toHaveText("1");
  await expect(articlePage.tagsOver("Mayor Ana Ruiz")).toHaveCount(1);
  await expect(articlePage.listed(/Mayor Ana Ruiz/)).toContainText("Eda Editor");
  await expect(suggestions.inText("Mayor Ana Ruiz", "actor")).toHaveCount(0);
  await expect(suggestions.count("actor")).toHaveText("1");

  // ] moves from the cursor to the next suggestion, x dismisses it.
  await suggestions.inText("About 12 percent", "figure").click();
  await page.keyboard.press("]");
  await expect(suggestions.current()).toContainText("450 families");
  await page.keyboard.press("x");
  await expect(suggestions.inText("450 families", "figure")).toHaveCount(0);
  await expect(suggestions.count("figure")).toHaveText("2");

  // Accept all figures scoring at least 0.9: only "About 12 percent" (0.95), not "3,000 new homes" (0.85).
  const acceptAll = suggestions.panel().getByRole("form", { name: "Accept all suggestions of a label" });
  await acceptAll.getByLabel("Label to accept").selectOption("figure");
  await acceptAll.getByLabel("Lowest score").fill("0.9");
  await acceptAll.getByRole("button", { name: "Accept 1" }).click();
  await expect(articlePage.count("figure")).toHaveText("1");
  await expect(articlePage.tagsOver("About 12 percent")).toHaveCount(1);
  await expect(suggestions.count("figure")).toHaveText("1");

  // After a reload: the dismissed suggestion stays gone for this person, the accepted ones are tags.
  await page.reload();
  await articlePage.ready();
  await expect(suggestions.count("figure")).toHaveText("1");
  await expect(suggestions.inText("3,000 new homes", "figure")).toHaveCount(1);
  await expect(suggestions.inText("450 families", "figure")).toHaveCount(0);
  await expect(suggestions.inText("Mayor Ana Ruiz", "actor")).toHaveCount(0);
  await expect(articlePage.count("actor")).toHaveText("1");
  await expect(articlePage.count("figure")).toHaveText("1");
});

test("the guidelines page shows the four labels' rules", async ({ page, world }) => {
  const reader = await world.user("Rita Reader");
  await signInAs(page, reader, "/guidelines");
  await expect(page.getByRole("heading", { level: 1, name: "Annotation guidelines" })).toBeVisible();
  for (const name of ["Actor", "Figure", "Quote", "Claim"])
    await expect(page.getByRole("heading", { level: 2, name, exact: true })).toBeVisible();
});
