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

test("health reports the database, and which instance answers with how many live articles it owns", async ({ request }) => {
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ status: "ok", database: "ok", instance: expect.any(String), articles: expect.any(Number) });
});

test("scripts import articles through the API and read their own writes, with clear errors for bad input", async ({ request, world }) => {
  const editor = await world.user();
  const project = await world.project({ editor: [editor] });
  const headers = { authorization: `Bearer ${await world.token(editor)}` };
  const endpoint = `/api/projects/${project.slug}/articles`;

  const created = await request.post(endpoint, {
    headers,
    data: {
      title: "Budget passes",
      text: "The budget passed 31–12 — a “historic” margin. 🎉\r\n\r\nShare on Facebook",
      source: "Wire",
      publishedAt: "2026-11-20",
    },
  });
  expect(created.status()).toBe(201);
  const { article } = await created.json();
  expect(article).toMatchObject({
    title: "Budget passes",
    text: "The budget passed 31–12 — a “historic” margin. 🎉",
    source: "Wire",
    publishedAt: "2026-11-20T00:00:00.000Z",
    wordCount: 7,
  });
  expect(article.removedArtifacts).toEqual([{ index: 1, text: "Share on Facebook", reason: "share-buttons" }]);
  expect((await (await request.get(`/api/articles/${article.id}`, { headers })).json()).article.text).toBe(article.text);

  const again = await request.post(endpoint, { headers, data: { text: "The budget passed 31–12 — a “historic” margin. 🎉" } });
  expect(again.status()).toBe(409);
  expect((await again.json()).error).toMatchObject({ code: "conflict", duplicateOf: article.id });

  const kept = await request.post(endpoint, { headers, data: { text: "Another story.\n\nShare on Facebook", keepArtifacts: true } });
  expect((await kept.json()).article.text).toBe("Another story.\n\nShare on Facebook");

  const found = await request.get(`${endpoint}?q=${encodeURIComponent('"historic margin"')}`, { headers });
  expect((await found.json()).items.map((item: { id: string }) => item.id)).toEqual([article.id]);

  const bad = async (data: unknown, field: string, message: RegExp) => {
    const response = await request.post(endpoint, { headers, data });
    expect(response.status()).toBe(400);
    expect((await response.json()).error).toMatchObject({ code: "bad_request", field, message });
  };
  await bad({ title: "No body" }, "text", /give either text or html/);
  await bad({ text: "x", html: "<p>x</p>" }, "text", /give either text or html/);
  await bad({ text: "x", publishedAt: "last Tuesday" }, "publishedAt", /ISO 8601/);
  await bad({ html: "<script>alert(1)</script>" }, "html", /No article text found/);
  const notJson = await request.post(endpoint, { headers: { ...headers, "content-type": "text/plain" }, data: "text=hello" });
  expect((await notJson.json()).error).toMatchObject({ field: "body", message: /application\/json/ });
  expect((await request.post(`/api/projects/no-such-project/articles`, { headers, data: { text: "x" } })).status()).toBe(404);

  const preview = await request.post(`${endpoint}/preview`, {
    headers,
    data: { html: "<h1>Storm</h1><p>By Kai Lund</p><p>Winds reached 140 km/h.</p><p>Image</p>" },
  });
  expect((await preview.json()).preview).toMatchObject({
    detected: { title: "Storm", byline: "By Kai Lund" },
    paragraphs: ["Storm", "By Kai Lund", "Winds reached 140 km/h.", "Image"],
    artifacts: [
      { index: 0, reason: "repeated-headline" },
      { index: 1, reason: "byline" },
      { index: 3, reason: "media-placeholder" },
    ],
    result: { ok: true, text: "Winds reached 140 km/h.", wordCount: 4 },
  });

  const upload = await request.post(`/api/projects/${project.slug}/imports`, {
    headers,
    multipart: { file: { name: "notes.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.7") } },
  });
  expect(upload.status()).toBe(200);
  expect((await upload.json()).results).toEqual([
    { label: "notes.pdf", status: "failed", error: expect.stringContaining('unsupported file type ".pdf"') },
  ]);
});
