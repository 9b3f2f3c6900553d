import { expect, type APIRequestContext, type Page } from "@playwright/test";

/** The project's tabs (Articles, Review, Agreement, ...). */
export function projectTabs(page: Page) {
  return page.getByRole("navigation", { name: "Project" }).getByRole("link");
}

export class AgreementPage {
  constructor(
    private readonly page: Page,
    private readonly slug: string,
  ) {}

  async goto(query = "") {
    return this.page.goto(`/projects/${this.slug}/agreement${query}`);
  }

  async showMetric(name: "Kappa" | "Alpha" | "F1 exact" | "F1 overlap") {
    await this.page.getByRole("navigation", { name: "Figure shown" }).getByRole("link", { name, exact: true }).click();
  }

  /** The matrix cell of row `a` and column `b` (a link to their disagreements). */
  cell(a: string, b: string) {
    return this.page.getByRole("link", { name: `disagreements of ${a} and ${b}`, exact: false }).and(this.page.locator("table a"));
  }

  disagreements() {
    return this.page.getByRole("region", { name: /^Disagreements of/ });
  }
}

/** The project's Settings page (owners): the review policy and what viewers may export. */
export class SettingsPage {
  constructor(
    private readonly page: Page,
    private readonly slug: string,
  ) {}

  async goto() {
    return this.page.goto(`/projects/${this.slug}/settings`);
  }

  flag(name: "Blind annotation" | "Allow self-review" | "Auto-accept agreeing tags") {
    return this.page.getByRole("checkbox", { name });
  }

  /** Ticks the flags, saves, and waits until the server has stored them. */
  async turnOn(...names: Parameters<SettingsPage["flag"]>[0][]) {
    for (const name of names) await this.flag(name).check();
    await this.page.getByRole("button", { name: "Save settings" }).click();
    await expect(this.page.getByText("Saved", { exact: true })).toBeVisible();
  }
}

/** Tags a span through the API as `token`'s user; offsets in code points. Returns the tag's id. */
export async function tagThroughApi(
  request: APIRequestContext,
  token: string,
  articleId: string,
  tag: { label: string; start: number; end: number },
): Promise<string> {
  const response = await request.post(`/api/articles/${articleId}/annotations`, {
    headers: { authorization: `Bearer ${token}` },
    data: tag,
  });
  if (response.status() !== 201) throw new Error(`tagging failed: ${response.status()} ${await response.text()}`);
  return (await response.json()).annotation.id;
}

/** Where `words` starts and ends in `text`, in code points (what the API counts). */
export function spanOf(text: string, words: string): { start: number; end: number } {
  const at = text.indexOf(words);
  if (at < 0) throw new Error(`"${words}" is not in the text`);
  const start = [...text.slice(0, at)].length;
  return { start, end: start + [...words].length };
}
