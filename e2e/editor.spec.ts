import { expect, test } from "./fixtures";
import { ArticlePage } from "./pages/article-page";
import { signInAs } from "./pages/sign-in-page";

// An emoji before the quote, in its paragraph: code-point and UTF-16 offsets of the quote differ.
const TEXT =
  "The council voted 7–2 after midnight.\n\n🌊 At dawn, “We cannot keep asking families on Wharf Street to bail out their kitchens,” said Councillor Imani Osei.\n\nMore than 200 residents watched.";

test("two colleagues tag and correct one article live; everything survives a reload and the API has exact offsets", async ({
  browser,
  world,
}) => {
  const alice = await world.user("Alice Annotator");
  const bob = await world.user("Bob Editor");
  const project = await world.project({ editor: [alice, bob] });
  const article = await world.article(project.slug, { title: "Flood wall", text: TEXT });

  const contextA = await browser.newContext();
  const contextB = await browser.newContext();
  const a = await contextA.newPage();
  const b = await contextB.newPage();
  await signInAs(a, alice, article.url);
  await signInAs(b, bob, article.url);
  const pageA = new ArticlePage(a);
  const pageB = new ArticlePage(b);
  await pageA.ready();
  await pageB.ready();
  // Each sees the other.
  await expect(a.getByRole("list", { name: "People on this article" }).getByRole("listitem")).toHaveCount(2);

  // A tags the quote with key 4; B sees it within a second.
  const quote = "“We cannot keep asking families on Wharf Street to bail out their kitchens,”";
  await pageA.select(quote);
  await a.keyboard.press("4");
  await expect(pageB.tags()).toHaveCount(1, { timeout: 1000 });
  await expect(pageB.tags().first()).toHaveText(quote);
  await expect(pageB.panel().getByTestId("count-quote")).toHaveText("1");

  // A relabels it in its details; B sees the change within a second.
  await pageA.listed(/We cannot keep asking/).click();
  await pageA.details().getByLabel("Label").selectOption({ label: "Claim" });
  await expect(pageB.panel().getByTestId("count-claim")).toHaveText("1", { timeout: 1000 });
  await pageA.details().getByLabel("Label").selectOption({ label: "Quote" });
  await expect(pageB.panel().getByTestId("count-quote")).toHaveText("1", { timeout: 1000 });

  // B corrects a word just before A's tag, in its paragraph; A sees it within a second, and A's tag
  // still covers the same words.
  await pageB.correctText();
  await pageB.select("dawn");
  await b.keyboard.type("first light");
  await expect(pageA.editor()).toContainText("🌊 At first light, “We cannot", { timeout: 1000 });
  await expect(pageA.tags().first()).toHaveText(quote);

  // Both reload: the text, the correction and the tag are all there.
  await a.reload();
  await b.reload();
  await pageA.ready();
  await pageB.ready();
  await expect(pageA.editor()).toContainText("At first light, “We cannot");
  await expect(pageB.tags().first()).toHaveText(quote);

  // The API returns the tag with exact offsets (code points, as Python counts them).
  const token = await world.token(alice);
  const before = "The council voted 7–2 after midnight.\n\n🌊 At first light, ";
  expect([...before].length).toBe(before.length - 1);
  await expect
    .poll(async () => {
      const response = await a.request.get(`/api/articles/${article.id}/annotations`, { headers: { authorization: `Bearer ${token}` } });
      return (await response.json()).annotations;
    })
    .toEqual([
      expect.objectContaining({
        label: "quote",
        text: quote,
        start: [...before].length,
        end: [...before].length + [...quote].length,
        offsetUnit: "codepoint",
      }),
    ]);
  // And in UTF-16 units, as JavaScript counts them, with ?offsetUnit=utf16.
  const utf16 = await a.request.get(`/api/articles/${article.id}/annotations?offsetUnit=utf16`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect((await utf16.json()).annotations).toEqual([
    expect.objectContaining({ start: before.length, end: before.length + quote.length, offsetUnit: "utf16" }),
  ]);
  await contextA.close();
  await contextB.close();
});

test("a viewer sees tags but cannot tag or edit", async ({ page, world }) => {
  const editor = await world.user();
  const viewer = await world.user("Vera Viewer");
  const project = await world.project({ editor: [editor], viewer: [viewer] });
  const article = await world.article(project.slug, { title: "Storm", text: "Winds reached 140 km/h on the coast." });
  const token = await world.token(editor);
  const created = await page.request.post(`/api/articles/${article.id}/annotations`, {
    headers: { authorization: `Bearer ${token}` },
    data: { label: "figure", start: 14, end: 22 },
  });
  expect(created.status()).toBe(201);
  expect((await created.json()).annotation).toMatchObject({
    text: "140 km/h",
    attributes: { value: 140, unit: "km/h", approximate: false },
  });

  await signInAs(page, viewer, article.url);
  const articlePage = new ArticlePage(page);
  await articlePage.ready();
  await expect(articlePage.tags()).toHaveText(["140 km/h"]);
  await expect(articlePage.editor()).toHaveAttribute("contenteditable", "false");
  await articlePage.select("coast");
  await page.keyboard.press("1");
  await expect(page.getByRole("toolbar", { name: "Tag the selection" })).toHaveCount(0);
  await expect(articlePage.tags()).toHaveCount(1);
});

test("relabelling a tag in its details offers the new label's fields, and saving them works", async ({ page, world }) => {
  const editor = await world.user();
  const project = await world.project({ editor: [editor] });
  const article = await world.article(project.slug, { title: "Storm", text: "The Coast Guard said winds reached 140 km/h." });
  const token = await world.token(editor);
  const created = await page.request.post(`/api/articles/${article.id}/annotations`, {
    headers: { authorization: `Bearer ${token}` },
    data: { label: "figure", start: 4, end: 15 },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()).annotation;

  await signInAs(page, editor, article.url);
  const articlePage = new ArticlePage(page);
  await articlePage.ready();
  await articlePage.listed(/Coast Guard/).click();
  const details = articlePage.details();
  await expect(details.getByLabel("Unit or what is counted")).toBeVisible();
  await details.getByLabel("Label").selectOption({ label: "Actor" });
  await details.getByLabel("Kind").selectOption("government");
  // An actor's record is picked from the registry; a name no record answers to is made one, of the form's kind.
  await details.getByLabel("Actor record").fill("US Coast Guard");
  await details.getByRole("button", { name: "Create record “US Coast Guard”" }).click();
  await expect(details.getByRole("status")).toHaveText("Created “US Coast Guard” and linked this tag to it.");
  const saved = await page.request.get(`/api/annotations/${id}`, { headers: { authorization: `Bearer ${token}` } });
  const { annotation } = await saved.json();
  expect(annotation).toMatchObject({ label: "actor", attributes: { actorId: expect.any(String), kind: "government" } });
  const record = await page.request.get(`/api/projects/${project.slug}/actors/${annotation.attributes.actorId}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect((await record.json()).actor).toMatchObject({ name: "US Coast Guard", kind: "government", aliases: [] });
});

test("a tag whose words were deleted is listed as orphaned, and its author attaches it to other words", async ({ page, world }) => {
  const editor = await world.user();
  const project = await world.project({ editor: [editor] });
  const article = await world.article(project.slug, { title: "Flood wall", text: TEXT });
  const token = await world.token(editor);
  const words = "Imani Osei";
  const id = await world.tag(editor, { id: article.id, text: TEXT }, words, "actor");

  await signInAs(page, editor, article.url);
  const articlePage = new ArticlePage(page);
  await articlePage.ready();
  const orphans = await articlePage.orphan(words);
  await expect(articlePage.tags()).toHaveCount(0);

  await articlePage.select("200 residents");
  await orphans.getByRole("button", { name: "Attach to selected words" }).click();
  await expect(orphans).toHaveCount(0);
  await expect(articlePage.tagsOver("200 residents")).toHaveCount(1);
  // The editor shows the move as soon as the live document has it; the API reads the projection, stored a
  // moment later (the PATCH answers once it is): on a busy machine the first read can precede the store.
  await expect
    .poll(async () => {
      const moved = await page.request.get(`/api/annotations/${id}`, { headers: { authorization: `Bearer ${token}` } });
      return (await moved.json()).annotation;
    })
    .toMatchObject({ label: "actor", text: "200 residents", orphaned: false });
});

test("a click on words two colleagues tagged offers both tags", async ({ page, world }) => {
  const alice = await world.user("Alice Annotator");
  const bob = await world.user("Bob Annotator");
  const project = await world.project({ editor: [alice, bob] });
  const article = await world.article(project.slug, { title: "Flood wall", text: TEXT });
  const words = "Imani Osei";
  const start = [...TEXT.slice(0, TEXT.indexOf(words))].length;
  for (const [who, label] of [
    [alice, "actor"],
    [bob, "quote"],
  ] as const) {
    const created = await page.request.post(`/api/articles/${article.id}/annotations`, {
      headers: { authorization: `Bearer ${await world.token(who)}` },
      data: { label, start, end: start + words.length },
    });
    expect(created.status()).toBe(201);
  }

  await signInAs(page, alice, article.url);
  const articlePage = new ArticlePage(page);
  await articlePage.ready();
  await articlePage.tagsOver(words).last().click();
  const here = page.getByRole("navigation", { name: "Tags on these words" });
  await expect(here.getByRole("button")).toHaveCount(2);
  await expect(here).toContainText("Actor · Alice Annotator");
  await expect(here).toContainText("Quote · Bob Annotator");
  const details = articlePage.details();
  const other = here.getByRole("button", { pressed: false });
  const otherLabel = (await other.innerText()).startsWith("Quote") ? "Bob Annotator" : "Alice Annotator";
  await other.click();
  await expect(details).toContainText(`Tagged by ${otherLabel}`);
  await expect(here.getByRole("button", { pressed: true })).toContainText(otherLabel);
});

test("after the connection drops and comes back, the editor is the same one: its undo history and selection survive", async ({
  page,
  world,
}) => {
  const editor = await world.user();
  const project = await world.project({ editor: [editor] });
  const article = await world.article(project.slug, { title: "Flood wall", text: TEXT });
  // The page's WebSockets, so that the test can drop the connection as a network would.
  await page.addInitScript(() => {
    const sockets: WebSocket[] = [];
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
      constructor(...args: ConstructorParameters<typeof WebSocket>) {
        super(...args);
        sockets.push(this);
      }
    };
    (window as unknown as { sockets: WebSocket[] }).sockets = sockets;
  });
  await signInAs(page, editor, article.url);
  const articlePage = new ArticlePage(page);
  await articlePage.ready();
  const live = page.getByRole("status").filter({ hasText: /^Live$|Reconnecting/ });
  await expect(live).toHaveText("Live");
  await articlePage.correctText();
  await articlePage.select("residents");
  await page.keyboard.type("neighbours");
  await expect(articlePage.editor()).toContainText("More than 200 neighbours watched.");
  // Something only this editor instance carries: a rebuilt editor would not have it.
  await articlePage.editor().evaluate((element) => ((element as HTMLElement & { marked?: boolean }).marked = true));

  const opened = () => page.evaluate(() => (window as unknown as { sockets: WebSocket[] }).sockets.length);
  const before = await opened();
  await page.evaluate(() => (window as unknown as { sockets: WebSocket[] }).sockets.forEach((socket) => socket.close()));
  await expect.poll(opened, { timeout: 15_000 }).toBeGreaterThan(before);
  await expect(live).toHaveText("Live", { timeout: 15_000 });

  expect(await articlePage.editor().evaluate((element) => (element as HTMLElement & { marked?: boolean }).marked === true)).toBe(true);
  await articlePage.editor().focus();
  await page.keyboard.press("Control+z");
  await expect(articlePage.editor()).toContainText("More than 200 residents watched.");
});

test("a key press either tags or types: 1–4 tag in tagging mode; correcting, keys type, Alt+3 tags, and a replaced last word stays in its tag", async ({
  page,
  world,
}) => {
  const editor = await world.user();
  const project = await world.project({ editor: [editor] });
  const article = await world.article(project.slug, {
    title: "Budget",
    text: "The Israeli government opposition said the plan cost 52 million euros.",
  });
  await signInAs(page, editor, article.url);
  const articlePage = new ArticlePage(page);
  await articlePage.ready();

  // Tagging mode: the digit tags the words, and the text does not change.
  await articlePage.select("Israeli government opposition");
  await page.keyboard.press("1");
  await expect(articlePage.tagsOver("Israeli government opposition")).toHaveCount(1);
  // The first tag moves the article from New to In progress, shown once and without a reload.
  await expect(page.locator('[aria-label="Workflow"]')).toContainText("In progress");
  await expect(page.getByText("New", { exact: true })).toHaveCount(0);
  // Again on the same words: the existing tag is selected, not doubled.
  await articlePage.details().getByRole("button", { name: "Close details" }).click();
  await articlePage.select("Israeli government opposition");
  await page.keyboard.press("1");
  await expect(articlePage.details()).toBeVisible();
  await expect(articlePage.tags()).toHaveCount(1);
  await articlePage.select("plan");
  await page.keyboard.type("x");
  await expect(articlePage.editor()).toContainText("said the plan cost");

  // Correcting: "31" over "52" types, and tags nothing.
  await articlePage.correctText();
  await articlePage.select("52");
  await page.keyboard.type("31");
  await expect(articlePage.editor()).toContainText("cost 31 million euros.");
  await expect(articlePage.tags()).toHaveCount(1);

  // Replacing the tag's last word with the keyboard keeps the new word in the tag.
  await articlePage.select("opposition");
  await page.keyboard.type("objections");
  await expect(articlePage.tagsOver("Israeli government objections")).toHaveCount(1);
  // Typing just after the tag's last character, at a caret put there, stays outside it.
  await articlePage.select(" said");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.type(" today");
  await expect(articlePage.editor()).toContainText("objections today said");
  await expect(articlePage.tags().filter({ hasText: "today" })).toHaveCount(0);

  // Alt with the key tags while correcting.
  await articlePage.select("31 million euros");
  await page.keyboard.press("Alt+3");
  await expect(articlePage.tagsOver("31 million euros")).toHaveCount(1);
});

test("label names show on the text, and a selected quote's speaker link is drawn to the actor", async ({ page, world }) => {
  const editor = await world.user();
  const project = await world.project({ editor: [editor] });
  const text = "“We cannot wait,” said Imani Osei, the councillor.";
  const article = await world.article(project.slug, { title: "Wall", text });
  const speaker = await world.tag(editor, { id: article.id, text }, "Imani Osei", "actor");
  await world.tag(editor, { id: article.id, text }, "“We cannot wait,”", "quote", { speakerId: speaker, direct: true });

  await signInAs(page, editor, article.url);
  const articlePage = new ArticlePage(page);
  await articlePage.ready();
  const names = articlePage.editor().locator(".margin-tag-label");
  await expect(names).toHaveCount(2);
  await expect(names.first()).toHaveAttribute("data-label", "Quote");
  await expect(names.first()).toBeVisible();
  await expect(names.nth(1)).toHaveAttribute("data-label", "Actor");
  // The names are drawn, not typed: the text is unchanged.
  await expect(articlePage.editor()).toHaveText(text);

  await expect(page.getByTestId("tag-links")).toHaveCount(0);
  await articlePage.listed(/We cannot wait/).click();
  await expect(page.getByTestId("tag-links").locator('[data-link="speaker"]')).toHaveCount(1);
});

test("a selection never tags half a character: a joined emoji or a letter without its combining accent is taken whole", async ({
  page,
  world,
}) => {
  const editor = await world.user();
  const project = await world.project({ editor: [editor] });
  const article = await world.article(project.slug, { title: "Characters", text: "The coder 👩‍💻 met Adébáyọ̀ today." });
  await signInAs(page, editor, article.url);
  const articlePage = new ArticlePage(page);
  await articlePage.ready();

  // A drag that ends after the woman, before the joiner and the laptop: the whole emoji is tagged.
  await articlePage.select("👩");
  await page.keyboard.press("1");
  await expect(articlePage.tagsOver("👩‍💻")).toHaveCount(1);
  // Selected with Alt held: the exact characters, but not an "ọ" without its accent (no precomposed form).
  await page.keyboard.down("Alt");
  await articlePage.select("met Adébáyọ");
  await page.keyboard.up("Alt");
  await page.keyboard.press("2");
  await expect(articlePage.tagsOver("met Adébáyọ̀")).toHaveCount(1);
});
