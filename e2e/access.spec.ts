import { expect, test } from "./fixtures";
import { signInAs } from "./pages/sign-in-page";

test("a viewer cannot reach the members page, and does not see it offered", async ({ page, world }) => {
  const viewer = await world.user();
  const project = await world.project({ viewer: [viewer] });
  await signInAs(page, viewer);
  await page.goto(`/projects/${project.slug}`);
  await expect(page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Members" })).toHaveCount(0);
  const response = await page.goto(`/projects/${project.slug}/members`);
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Members" })).toHaveCount(0);
});

test("a member of project A gets 404 for project B's article, in the page and in the API", async ({ page, world }) => {
  const alice = await world.user();
  const bob = await world.user();
  await world.project({ editor: [alice] });
  const projectB = await world.project({ editor: [bob] });
  const secret = await world.article(projectB.slug, { title: "Embargoed story", text: "Not for project A." });

  await signInAs(page, alice);
  const pageResponse = await page.goto(secret.url);
  expect(pageResponse?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(page.getByText("Embargoed story")).toHaveCount(0);

  const api = await page.request.get(`/api/articles/${secret.id}`);
  expect(api.status()).toBe(404);
  expect(await api.json()).toEqual({ error: { code: "not_found", message: `No article "${secret.id}"` } });
  // The same answer as for an article that does not exist at all: nothing leaks.
  const missing = await page.request.get(`/api/articles/does-not-exist`);
  expect(missing.status()).toBe(404);
  expect((await page.request.get(`/api/projects/${projectB.slug}`)).status()).toBe(404);
});

test("an owner adds an existing user and invites a newcomer, who joins through the link", async ({ page, world, browser }) => {
  const owner = await world.user("Olga Owner");
  const colleague = await world.user("Carl Colleague");
  const project = await world.project({ owner: [owner] });
  await signInAs(page, owner);
  await page.goto(`/projects/${project.slug}/members`);

  // A mistyped email is refused and stays in the field to be corrected.
  await page.getByLabel("Email", { exact: true }).fill("carl.colleague@");
  await page.getByRole("button", { name: "Add member" }).click();
  await expect(page.getByLabel("Email", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue("carl.colleague@");

  await page.getByLabel("Email", { exact: true }).fill(colleague.email);
  await page.getByLabel("Role", { exact: true }).selectOption("reviewer");
  await page.getByRole("button", { name: "Add member" }).click();
  await expect(page.getByRole("status")).toHaveText(`${colleague.email} joined as reviewer.`);
  await expect(page.getByRole("list", { name: "Members" })).toContainText(colleague.email);

  const newcomer = `newcomer-${Date.now()}@test.example`;
  await page.getByLabel("Email", { exact: true }).fill(newcomer);
  await page.getByLabel("Role", { exact: true }).selectOption("editor");
  await page.getByRole("button", { name: "Add member" }).click();
  const link = await page.getByLabel("Invite link").inputValue();
  expect(link).toMatch(/\/invite\/[\w-]{43}$/);

  const guest = await browser.newContext();
  const invitee = await guest.newPage();
  await invitee.goto(link);
  await expect(invitee.getByText(`Olga Owner invited ${newcomer}`)).toBeVisible();
  await invitee.getByLabel("Your name").fill("Nia Newcomer");
  await invitee.getByLabel("Choose a password").fill("a brand new password");
  await invitee.getByRole("button", { name: "Create account and join" }).click();
  await expect(invitee).toHaveURL(new RegExp(`/projects/${project.slug}$`));
  await expect(invitee.getByRole("heading", { name: project.name })).toBeVisible();
  await guest.close();

  await page.reload();
  await expect(page.getByRole("list", { name: "Members" })).toContainText(newcomer);
});

test("a signed-in browser's cookie cannot be used by another site to change data", async ({ page, world }) => {
  const editor = await world.user();
  const project = await world.project({ editor: [editor] });
  await signInAs(page, editor);
  const endpoint = `/api/projects/${project.slug}/articles`;
  const foreign = await page.request.post(endpoint, { headers: { origin: "https://attacker.example" }, data: { text: "Planted story." } });
  expect(foreign.status()).toBe(403);
  expect(await foreign.json()).toEqual({ error: { code: "forbidden", message: "Cross-site request refused" } });
  const own = await page.request.post(endpoint, { headers: { origin: new URL(page.url()).origin }, data: { text: "Own story." } });
  expect(own.status()).toBe(201);
});
