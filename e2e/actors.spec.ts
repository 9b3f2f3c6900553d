import type { APIRequestContext } from "@playwright/test";
import { expect, test, type World } from "./fixtures";
import { ActorRecordPage, ActorsListPage, createRecordThroughApi, reviewThroughApi } from "./pages/actor-pages";
import { ArticlePage } from "./pages/article-page";
import { signInAs } from "./pages/sign-in-page";

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

// Curly quotes, an em dash and an emoji before the tags: offsets in the timeline's links must still hold.
const FLOOD = "“We will buy 40 pumps by spring,” said Councillor Imani Osei — to applause 🌊. Osei left early.";
const QUOTE = "“We will buy 40 pumps by spring,”";

test("an editor links an actor tag to a new record from the details, and its page lists the mention and the quote it speaks, by status", async ({
  page,
  request,
  world,
}) => {
  const eve = await world.user("Eve Editor");
  const rita = await world.user("Rita Reviewer");
  const project = await world.project({ editor: [eve], reviewer: [rita] });
  const article = await world.article(project.slug, { title: "Pumps for Wharf Street", publishedAt: new Date("2026-03-12"), text: FLOOD });
  const quote = await world.tag(eve, { id: article.id, text: FLOOD }, QUOTE, "quote", { direct: true });
  await world.tag(eve, { id: article.id, text: FLOOD }, "40 pumps", "figure", { value: 40, unit: "pumps" });

  await signInAs(page, eve, article.url);
  const editor = new ArticlePage(page);
  await editor.ready();
  // Tagged in the editor: no record answers to the words yet, so the tag starts unlinked.
  await editor.tag("Imani Osei", "1");
  const details = editor.details();
  await expect(details).toContainText("Imani Osei");
  const picker = details.getByLabel("Actor record");
  await expect(picker).toHaveValue("");
  await picker.fill("Imani Osei");
  await details.getByRole("button", { name: "Create record “Imani Osei”" }).click();
  await expect(details.getByRole("status")).toHaveText("Created “Imani Osei” and linked this tag to it.");
  await expect(details.getByTestId("linked-record")).toHaveText(/^Imani Osei Actor page →$/);
  await expect(details.getByRole("button", { name: /^Create record/ })).toHaveCount(0);

  // The quote's speaker is that tag, offered by its record's name.
  await editor.listed(/We will buy 40 pumps/).click();
  await details.getByLabel("Speaker").selectOption({ label: "Imani Osei" });
  await details.getByRole("button", { name: "Save" }).click();
  await expect(details.getByRole("status")).toHaveText("Saved.");

  // A reviewer accepts the mention; the quote stays pending.
  const tags = (await (await request.get(`/api/articles/${article.id}/annotations`, { headers: bearer(await world.token(eve)) })).json())
    .annotations as { id: string; label: string; attributes: Record<string, unknown> }[];
  const mention = tags.find((tag) => tag.label === "actor")!;
  expect(tags.find((tag) => tag.id === quote)!.attributes).toEqual({ direct: true, speakerId: mention.id });
  await reviewThroughApi(request, await world.token(rita), mention.id, "accept");

  await editor.listed(/^Imani Osei/).click();
  await details.getByRole("link", { name: "Actor page →" }).click();
  await page.waitForURL(new RegExp(`/projects/${project.slug}/actors/${mention.attributes.actorId}$`));
  const actorPage = new ActorRecordPage(page);
  await expect(page.getByRole("heading", { name: "Imani Osei", level: 2 })).toBeVisible();
  await expect(actorPage.timeline().getByRole("heading", { name: "Pumps for Wharf Street" })).toBeVisible();
  await expect(actorPage.timeline()).toContainText("12 Mar 2026");
  await expect(actorPage.items()).toHaveCount(2);
  await expect(actorPage.items("mention")).toContainText("✓ accepted");
  await expect(actorPage.items("mention").getByRole("link")).toHaveAttribute(
    "href",
    `/projects/${project.slug}/articles/${article.id}?tag=${mention.id}`,
  );
  const quoteItem = actorPage.items("quote");
  await expect(quoteItem).toContainText(QUOTE);
  await expect(quoteItem).toContainText("pending");
  await expect(quoteItem).toContainText("direct");
  await expect(quoteItem).toContainText("by Imani Osei");
  await expect(quoteItem.getByRole("list", { name: "Figures" })).toHaveText("40 pumps = 40 pumps");
  await expect(page.getByRole("table", { name: "Figures cited" }).getByRole("row").nth(1)).toHaveText(/40 pumps\s*40\s*pumps/);

  // Filtering by review status keeps the link's parameters and lists only what matches.
  await actorPage.filter({ status: "accepted" });
  await expect(page).toHaveURL(/status=accepted/);
  await expect(actorPage.items()).toHaveCount(1);
  await expect(actorPage.items("mention")).toHaveCount(1);
  await actorPage.filter({ status: "pending" });
  await expect(actorPage.items()).toHaveCount(1);
  await expect(actorPage.items("quote")).toHaveCount(1);
  await actorPage.filter({ status: "rejected" });
  await expect(page.getByText("Nothing of this record matches these filters.")).toBeVisible();

  // An item opens the editor with its tag selected.
  await actorPage.filter({ status: "" });
  await quoteItem.getByRole("link").click();
  await editor.ready();
  await expect(details).toContainText(QUOTE);
});

test("two records of one name are told apart in the tag details by their kind, and a name meaning both is not saved", async ({
  page,
  request,
  world,
}) => {
  const eve = await world.user("Eve Editor");
  const project = await world.project({ editor: [eve] });
  const token = await world.token(eve);
  await createRecordThroughApi(request, token, project.slug, { name: "Ana Ruiz", kind: "person" });
  const fund = await createRecordThroughApi(request, token, project.slug, {
    name: "Ana Ruiz",
    kind: "organization",
    aliases: ["the fund"],
  });
  const text = "“Pumps first,” the Ana Ruiz foundation — 🌊 — said.";
  const article = await world.article(project.slug, { title: "Fund", text });
  // Its words name two records: the tag is left unlinked.
  const id = await world.tag(eve, { id: article.id, text }, "Ana Ruiz", "actor");
  const quote = await world.tag(eve, { id: article.id, text }, "“Pumps first,”", "quote");

  await signInAs(page, eve, article.url);
  const editor = new ArticlePage(page);
  await editor.ready();
  await editor.listed(/^Ana Ruiz/).click();
  const details = editor.details();
  const picker = details.getByLabel("Actor record");
  await expect(picker).toHaveValue("");
  await picker.fill("ana ruiz");
  await expect(details).toContainText("Several records answer to this: pick one of them from the list.");
  await details.getByRole("button", { name: "Save" }).click();
  await expect(details.getByRole("status")).toHaveText("Several records answer to “ana ruiz”: pick one of them from the list.");
  // The type-ahead offers each by its kind, and the fund's alias.
  await expect(details.locator("datalist option")).toHaveCount(3);
  await picker.fill("Ana Ruiz — organization");
  await expect(details.getByTestId("linked-record")).toHaveText(/^Ana Ruiz — organization Actor page →$/);
  await details.getByRole("button", { name: "Save" }).click();
  await expect(details.getByRole("status")).toHaveText("Saved.");
  await expect
    .poll(async () => (await (await request.get(`/api/annotations/${id}`, { headers: bearer(token) })).json()).annotation.attributes)
    .toEqual({ actorId: fund });

  // The quote's speaker is offered by the record's name.
  await editor.listed(/Pumps first/).click();
  await details.getByLabel("Speaker").selectOption({ label: "Ana Ruiz" });
  await details.getByRole("button", { name: "Save" }).click();
  await expect(details.getByRole("status")).toHaveText("Saved.");
  await expect
    .poll(async () => (await (await request.get(`/api/annotations/${quote}`, { headers: bearer(token) })).json()).annotation.attributes)
    .toEqual({ speakerId: id });
});

const FIRST = "Mayor Ana Ruiz opened the pumping station on Wharf Street.";
const SECOND = "“It’s late,” said A. Ruiz — the mayor — of the 🌊 barrier.";

/** Two records of one person, each with one mention in its own article (dated apart), and the reviewer's page. */
async function twoRecords(world: World, request: APIRequestContext) {
  const eve = await world.user("Eve Editor");
  const rita = await world.user("Rita Reviewer");
  const project = await world.project({ editor: [eve], reviewer: [rita] });
  const token = await world.token(eve);
  const ana = await createRecordThroughApi(request, token, project.slug, { name: "Ana Ruiz", kind: "person" });
  const short = await createRecordThroughApi(request, token, project.slug, { name: "A. Ruiz", kind: "person" });
  const first = await world.article(project.slug, { title: "Station opens", publishedAt: new Date("2026-01-10"), text: FIRST });
  const second = await world.article(project.slug, { title: "Barrier late", publishedAt: new Date("2026-02-03"), text: SECOND });
  await world.tag(eve, { id: first.id, text: FIRST }, "Ana Ruiz", "actor", { actorId: ana });
  await world.tag(eve, { id: second.id, text: SECOND }, "A. Ruiz", "actor", { actorId: short });
  return { project, rita, ana, short, reviewerToken: await world.token(rita) };
}

test("a reviewer merges one record into another from its page: the target counts both mentions, and the list shows one row", async ({
  page,
  request,
  world,
}) => {
  const { project, rita, ana, short } = await twoRecords(world, request);
  const list = new ActorsListPage(page, project.slug);
  await signInAs(page, rita, `/projects/${project.slug}/actors`);
  await expect(list.names()).toHaveText(["A. Ruiz", "Ana Ruiz"]);

  await list.table().getByRole("link", { name: "A. Ruiz" }).click();
  await page.waitForURL(new RegExp(`/actors/${short}$`));
  const actorPage = new ActorRecordPage(page);
  await expect(actorPage.items("mention")).toHaveText([/A\. Ruiz/]);
  await actorPage.mergeInto("Ana Ruiz");

  // The page moves to the record merged into, which lists both mentions in the articles' order.
  await page.waitForURL(new RegExp(`/actors/${ana}$`));
  await expect(actorPage.items("mention")).toHaveCount(2);
  await expect(actorPage.timeline().getByRole("heading")).toHaveText(["Station opens", "Barrier late"]);
  await expect(actorPage.items("mention").nth(1)).toContainText("A. Ruiz");
  await expect(actorPage.merged().getByRole("listitem")).toHaveText([/^A\. Ruiz/]);
  await expect(actorPage.history()).toContainText("Rita Reviewer merged A. Ruiz into it");

  // The merged record's page says where its tags count now.
  await actorPage.merged().getByRole("link", { name: "A. Ruiz" }).click();
  await expect(page.getByRole("note")).toContainText("Merged into Ana Ruiz: its tags count for Ana Ruiz");
  await expect(actorPage.timeline()).toHaveCount(0);

  await list.goto();
  await expect(list.names()).toHaveText(["Ana Ruiz"]);
  await expect(list.cells("Ana Ruiz")).toHaveText(["person", "2", "0", "0", "2"]);
  // Its merged name still finds it.
  await list.goto("?q=a.%20ruiz");
  await expect(list.names()).toHaveText(["Ana Ruiz"]);
});

test("a reviewer splits a merged record off from the target's page: each page lists its own mention again", async ({
  page,
  request,
  world,
}) => {
  const { project, rita, ana, short, reviewerToken } = await twoRecords(world, request);
  const merged = await request.post(`/api/projects/${project.slug}/actors/${short}/merge`, {
    headers: bearer(reviewerToken),
    data: { into: ana },
  });
  expect(merged.status(), await merged.text()).toBe(200);

  await signInAs(page, rita, `/projects/${project.slug}/actors/${ana}`);
  const actorPage = new ActorRecordPage(page);
  await expect(actorPage.items("mention")).toHaveCount(2);
  await actorPage.splitOff("A. Ruiz");
  await expect(actorPage.merged()).toHaveCount(0);
  await expect(actorPage.items("mention")).toHaveCount(1);
  await expect(actorPage.items("mention")).toContainText("Ana Ruiz");
  await expect(actorPage.history()).toContainText("Rita Reviewer split A. Ruiz off it");

  await page.goto(`/projects/${project.slug}/actors/${short}`);
  await expect(page.getByRole("note")).toHaveCount(0);
  await expect(actorPage.items("mention")).toHaveCount(1);
  await expect(actorPage.items("mention")).toContainText("A. Ruiz");
  await expect(actorPage.history()).toContainText("Rita Reviewer split it off Ana Ruiz");

  const list = new ActorsListPage(page, project.slug);
  await list.goto("?sort=name");
  await expect(list.names()).toHaveText(["A. Ruiz", "Ana Ruiz"]);
  await expect(list.cells("A. Ruiz")).toHaveText(["person", "1", "0", "0", "1"]);
  await expect(list.cells("Ana Ruiz")).toHaveText(["person", "1", "0", "0", "1"]);
  // A column's heading sorts by it, and again the other way.
  await list.table().getByRole("link", { name: "Name" }).click();
  await expect(page).toHaveURL(/sort=name&order=desc/);
  await expect(list.names()).toHaveText(["Ana Ruiz", "A. Ruiz"]);
  await expect(list.table().getByRole("columnheader", { name: "Name" })).toHaveAttribute("aria-sort", "descending");
});

test("in a blind project an annotator's Actors list and actor page count only their own tags; the owner's count everyone's", async ({
  browser,
  request,
  world,
}) => {
  const olga = await world.user("Olga Owner");
  const alice = await world.user("Alice Editor");
  const bob = await world.user("Bob Editor");
  const project = await world.project({ owner: [olga], editor: [alice, bob] });
  const ownerToken = await world.token(olga);
  const blind = await request.patch(`/api/projects/${project.slug}`, { headers: bearer(ownerToken), data: { blindAnnotation: true } });
  expect(blind.status()).toBe(200);
  const osei = await createRecordThroughApi(request, ownerToken, project.slug, { name: "Imani Osei", kind: "person" });
  const article = await world.article(project.slug, { title: "Pumps for Wharf Street", text: FLOOD });
  await world.tag(alice, { id: article.id, text: FLOOD }, "Imani Osei", "actor", { actorId: osei });

  const sees = async (user: typeof alice, counts: string[], timeline: number) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAs(page, user, `/projects/${project.slug}/actors`);
    await expect(new ActorsListPage(page, project.slug).cells("Imani Osei")).toHaveText(counts);
    await page.goto(`/projects/${project.slug}/actors/${osei}`);
    await expect(new ActorRecordPage(page).items()).toHaveCount(timeline);
    await context.close();
  };
  await sees(bob, ["person", "0", "0", "0", "0"], 0);
  await sees(alice, ["person", "1", "0", "0", "1"], 1);
  await sees(olga, ["person", "1", "0", "0", "1"], 1);
});

test("an owner creates a record with the New actor form and corrects it on its page, where a refused change says why", async ({
  page,
  world,
}) => {
  const olga = await world.user("Olga Owner");
  const project = await world.project({ owner: [olga] });
  await signInAs(page, olga, `/projects/${project.slug}/actors`);
  await expect(page.getByText("No actor records yet")).toBeVisible();

  await page.getByText("New actor", { exact: true }).click();
  const form = page.getByRole("form", { name: "New actor" });
  await form.getByLabel("Name").fill("Imani Osei");
  await form.getByLabel("Kind").selectOption("person");
  await form.getByLabel("Aliases").fill("Councillor Osei, I. Osei\nOsei — 🌊");
  await form.getByLabel("External id").fill("Q42");
  await form.getByRole("button", { name: "Create actor" }).click();
  await expect(form.getByRole("status")).toHaveText("Created Imani Osei.");
  const list = new ActorsListPage(page, project.slug);
  await expect(list.names()).toHaveText(["Imani Osei"]);
  await expect(list.cells("Imani Osei")).toHaveText(["person", "0", "0", "0", "0"]);

  await form.getByRole("link", { name: "Imani Osei" }).click();
  const facts = page.getByRole("definition");
  await expect(facts.nth(1)).toHaveText("Councillor Osei, I. Osei, Osei — 🌊");
  await expect(page.getByRole("link", { name: "Q42 (Wikidata)" })).toHaveAttribute("href", "https://www.wikidata.org/wiki/Q42");

  await page.getByText("Edit record", { exact: true }).click();
  const edit = page.getByRole("form", { name: "Edit record" });
  await edit.getByLabel("Aliases").fill(`Councillor Osei\n${"x".repeat(201)}`);
  await edit.getByRole("button", { name: "Save record" }).click();
  await expect(edit.getByRole("alert").first()).toContainText("an alias must be at most 200 characters");
  await edit.getByLabel("Aliases").fill("Councillor Osei");
  await edit.getByLabel("Description").fill("Councillor for Wharf Street ward.");
  await edit.getByRole("button", { name: "Save record" }).click();
  await expect(edit.getByRole("status")).toHaveText("Saved.");
  await expect(facts.nth(1)).toHaveText("Councillor Osei");
  await expect(new ActorRecordPage(page).history().getByRole("listitem").first()).toContainText(
    "Olga Owner changed its aliases from Councillor Osei, I. Osei, Osei — 🌊 to Councillor Osei; its description from nothing to “Councillor for Wharf Street ward.”",
  );
});

const COUNCIL = "Ruiz said the council — “a body of 12” — backs Ruiz’s plan, a claim Osei 🌊 disputes.";

test("the registry checks list unlinked actors, quotes and claims without their actor, disagreeing kinds and split names, with links", async ({
  page,
  request,
  world,
}) => {
  const eve = await world.user("Eve Editor");
  const project = await world.project({ editor: [eve] });
  const token = await world.token(eve);
  const article = await world.article(project.slug, { title: "Council backs plan", text: COUNCIL });
  const mayor = await createRecordThroughApi(request, token, project.slug, { name: "Ana Ruiz", kind: "person" });
  const fund = await createRecordThroughApi(request, token, project.slug, { name: "Ruiz Fund", kind: "organization" });
  const at = (words: string, from = 0) => {
    const start = [...COUNCIL.slice(0, COUNCIL.indexOf(words, from))].length;
    return { start, end: start + [...words].length };
  };
  const tag = async (label: string, span: { start: number; end: number }, attributes: Record<string, unknown> = {}) => {
    const response = await request.post(`/api/articles/${article.id}/annotations`, {
      headers: bearer(token),
      data: { label, ...span, attributes },
    });
    expect(response.status(), await response.text()).toBe(201);
    return ((await response.json()) as { annotation: { id: string } }).annotation.id;
  };
  // "Ruiz" twice, linked to two records; the second tagged as an organization, which its record is not.
  const first = await tag("actor", at("Ruiz"), { actorId: mayor });
  const second = await tag("actor", at("Ruiz", 1), { actorId: fund, kind: "person" });
  const council = await tag("actor", at("the council"));
  const quote = await tag("quote", at("“a body of 12”"));
  const claim = await tag("claim", at("backs Ruiz’s plan"));

  await signInAs(page, eve, `/projects/${project.slug}/actors`);
  await page.getByRole("link", { name: "Registry checks →" }).click();
  const href = (id: string) => `/projects/${project.slug}/articles/${article.id}?tag=${id}`;
  const list = (name: string) => page.getByRole("list", { name, exact: true });
  await expect(page.getByRole("heading", { name: "Actor tags without a record (1)" })).toBeVisible();
  await expect(list("Actor tags without a record").getByRole("link")).toHaveAttribute("href", href(council));
  await expect(list("Quotes without a speaker").getByRole("link")).toHaveAttribute("href", href(quote));
  await expect(list("Quotes without a speaker")).toContainText("“a body of 12” in Council backs plan · pending");
  await expect(list("Claims without a source").getByRole("link")).toHaveAttribute("href", href(claim));
  await expect(list("Records whose kinds disagree")).toHaveText("Ruiz Fund person (1 tag), organization (the record)");
  const split = list("The same words linked to different records");
  await expect(split).toContainText("Ruiz in Council backs plan:");
  await expect(split.getByRole("link", { name: "Ana Ruiz" })).toHaveAttribute("href", `/projects/${project.slug}/actors/${mayor}`);
  await expect(split.getByRole("link", { name: "tag" })).toHaveText(["tag", "tag"]);
  await expect(split.getByRole("link", { name: "tag" }).nth(1)).toHaveAttribute("href", href(second));
  await expect(split.getByRole("link", { name: "tag" }).first()).toHaveAttribute("href", href(first));
});

test("each role is offered what it may do with records, and a record is not found through another project", async ({
  browser,
  request,
  world,
}) => {
  const olga = await world.user("Olga Owner");
  const eve = await world.user("Eve Editor");
  const victor = await world.user("Victor Viewer");
  const project = await world.project({ owner: [olga], editor: [eve], viewer: [victor] });
  const elsewhere = await world.project({ owner: [olga] });
  const token = await world.token(olga);
  const ana = await createRecordThroughApi(request, token, project.slug, { name: "Ana Ruiz" });
  const short = await createRecordThroughApi(request, token, project.slug, { name: "A. Ruiz" });
  const merged = await request.post(`/api/projects/${project.slug}/actors/${short}/merge`, { headers: bearer(token), data: { into: ana } });
  expect(merged.status()).toBe(200);

  const offered = async (user: typeof olga, can: { create: boolean; edit: boolean; merge: boolean }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAs(page, user, `/projects/${project.slug}/actors`);
    await expect(new ActorsListPage(page, project.slug).names()).toHaveText(["Ana Ruiz"]);
    await expect(page.getByText("New actor", { exact: true })).toHaveCount(can.create ? 1 : 0);
    await page.goto(`/projects/${project.slug}/actors/${ana}`);
    const actorPage = new ActorRecordPage(page);
    await expect(actorPage.merged()).toContainText("A. Ruiz");
    await expect(page.getByText("Edit record", { exact: true })).toHaveCount(can.edit ? 1 : 0);
    await expect(page.getByRole("form", { name: "Merge into another record" })).toHaveCount(can.merge ? 1 : 0);
    await expect(actorPage.merged().getByRole("button", { name: "Split off" })).toHaveCount(can.merge ? 1 : 0);
    if (user === olga) {
      const response = await page.goto(`/projects/${elsewhere.slug}/actors/${ana}`);
      expect(response?.status()).toBe(404);
    }
    await context.close();
  };
  await offered(victor, { create: false, edit: false, merge: false });
  await offered(eve, { create: true, edit: true, merge: false });
  await offered(olga, { create: true, edit: true, merge: true });
});
