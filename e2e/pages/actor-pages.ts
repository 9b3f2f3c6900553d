import { expect, type APIRequestContext, type Page } from "@playwright/test";

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The project's Actors list: the registry's records with their counts. */
export class ActorsListPage {
  constructor(
    private readonly page: Page,
    private readonly slug: string,
  ) {}

  async goto(query = "") {
    await this.page.goto(`/projects/${this.slug}/actors${query}`);
  }

  table() {
    return this.page.getByRole("table", { name: "Actors" });
  }

  /** The rows' record names, in the list's order. */
  names() {
    return this.table().locator("tbody").getByRole("rowheader").getByRole("link");
  }

  /** A record's kind and counts (mentions, quotes, claims, articles), as the row shows them. */
  cells(name: string) {
    return this.table()
      .getByRole("row")
      .filter({ has: this.page.getByRole("link", { name, exact: true }) })
      .getByRole("cell");
  }
}

/** One record's page: its fields, timeline, merges and history. */
export class ActorRecordPage {
  constructor(private readonly page: Page) {}

  timeline() {
    return this.page.getByRole("list", { name: "Timeline" });
  }

  /** The timeline's items of one kind (mention, quote, claim), in the timeline's order. */
  items(kind?: "mention" | "quote" | "claim") {
    return this.timeline().locator(kind ? `li[data-kind="${kind}"]` : "li[data-kind]");
  }

  async filter(changes: { status?: string; article?: string }) {
    const form = this.page.getByRole("form", { name: "Filter the timeline" });
    if (changes.status !== undefined) await form.getByLabel("Review status").selectOption(changes.status);
    if (changes.article !== undefined) await form.getByLabel("Article").selectOption({ label: changes.article });
    await form.getByRole("button", { name: "Apply" }).click();
  }

  merged() {
    return this.page.getByRole("list", { name: "Merged into this record" });
  }

  history() {
    return this.page.getByRole("list", { name: "History" });
  }

  /** Merges this record into the one `name` picks, accepting the confirmation. */
  async mergeInto(name: string) {
    this.page.once("dialog", (dialog) => void dialog.accept());
    const form = this.page.getByRole("form", { name: "Merge into another record" });
    await form.getByLabel("Merge into…").fill(name);
    await form.getByRole("button", { name: "Merge" }).click();
  }

  /** Splits a record listed as merged into this one off again, accepting the confirmation. */
  async splitOff(name: string) {
    this.page.once("dialog", (dialog) => void dialog.accept());
    await this.merged().getByRole("listitem").filter({ hasText: name }).getByRole("button", { name: "Split off" }).click();
  }
}

/** A record made through the API as `token`'s user; its id. */
export async function createRecordThroughApi(
  request: APIRequestContext,
  token: string,
  slug: string,
  record: { name: string; kind?: string; aliases?: string[] },
): Promise<string> {
  const response = await request.post(`/api/projects/${slug}/actors`, { headers: bearer(token), data: record });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { actor: { id: string } }).actor.id;
}

/** A reviewer's (or owner's) decision on a tag, through the API. */
export async function reviewThroughApi(request: APIRequestContext, token: string, tagId: string, decision: "accept" | "reject") {
  const response = await request.post(`/api/annotations/${tagId}/review`, { headers: bearer(token), data: { decision } });
  expect(response.status(), await response.text()).toBe(200);
}
