import { expect, test } from "./fixtures";
import { signInAs } from "./pages/sign-in-page";

test("an API token created in the UI reads the project list, and stops working once revoked", async ({ page, world, playwright }) => {
  const user = await world.user();
  const project = await world.project({ reviewer: [user] });
  await signInAs(page, user);
  await page.goto("/settings/tokens");
  await page.getByLabel("Token name").fill("nightly export");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = await page.getByTestId("new-token").inputValue();
  expect(token).toMatch(/^mgn_[\w-]{43}$/);

  // A separate client with no cookies: only the token authenticates it.
  const script = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  const listed = await script.get("/api/projects", { headers: { authorization: `Bearer ${token}` } });
  expect(listed.status()).toBe(200);
  expect((await listed.json()).projects).toEqual([expect.objectContaining({ slug: project.slug, role: "reviewer" })]);

  await page.reload();
  await page.getByRole("button", { name: "Revoke nightly export" }).click();
  await expect(page.getByRole("list", { name: "Tokens" })).toContainText("revoked");
  const refused = await script.get("/api/projects", { headers: { authorization: `Bearer ${token}` } });
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toEqual({ error: { code: "unauthorized", message: "Invalid or revoked API token" } });
  await script.dispose();
});

test("the API answers bad requests with JSON errors that say what is wrong", async ({ request, world }) => {
  expect((await request.get("/api/projects")).status()).toBe(401);
  const unknown = await request.post("/api/no/such/route", { data: {} });
  expect(unknown.status()).toBe(404);
  expect(await unknown.json()).toEqual({ error: { code: "not_found", message: "No API route POST /api/no/such/route" } });

  const malformed = await request.post("/api/auth/callback/credentials", { form: { email: "not-an-email", password: "x" } });
  expect(malformed.status()).toBe(400);
  expect(await malformed.json()).toEqual({ error: { code: "bad_request", message: "email: Enter a valid email address", field: "email" } });
  const missing = await request.post("/api/auth/callback/credentials", { form: { email: "a@b.example" } });
  expect((await missing.json()).error.field).toBe("password");

  const user = await world.user();
  const project = await world.project({ viewer: [user] });
  const token = await world.token(user);
  const badPage = await request.get(`/api/projects/${project.slug}/articles?page=0`, { headers: { authorization: `Bearer ${token}` } });
  expect(badPage.status()).toBe(400);
  expect(await badPage.json()).toEqual({ error: { code: "bad_request", message: "page: page must be 1 or more", field: "page" } });
});

test("health reports the database", async ({ request }) => {
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ status: "ok", database: "ok" });
});
