import { expect, test } from "./fixtures";
import { SignInPage, signInAs } from "./pages/sign-in-page";

const ARTICLE_TEXT =
  "“We counted 1,219 ballots,” said Ana Ruiz — the county clerk.\n\nMore than 200 volunteers waited outside 🗳️ until dawn.";

test("a member signs in, sees the project and reads its article, then signs out", async ({ page, world }) => {
  const editor = await world.user("Edna Editor");
  const project = await world.project({ editor: [editor] });
  const article = await world.article(project.slug, { title: "Clerk certifies the count", source: "The Test Ledger", text: ARTICLE_TEXT });

  await page.goto("/projects");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fprojects/);
  await signInAs(page, editor);

  await page.getByRole("link", { name: new RegExp(project.name) }).click();
  await page.getByRole("link", { name: "Clerk certifies the count" }).click();
  await expect(page).toHaveURL(article.url);
  const text = page.getByTestId("article-text");
  await expect(text.getByText("“We counted 1,219 ballots,” said Ana Ruiz — the county clerk.")).toBeVisible();
  await expect(text.getByText("More than 200 volunteers waited outside 🗳️ until dawn.")).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto(article.url);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
});

test("signing out ends the session on the server: a copy of the old cookie no longer signs in", async ({ page, world, browser }) => {
  const user = await world.user("Sam Signout");
  await signInAs(page, user);
  const cookies = await page.context().cookies();
  expect(cookies.some((cookie) => cookie.name.includes("session-token"))).toBe(true);
  expect((await page.request.get("/api/me")).status()).toBe(200);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  // Someone who copied the cookie before sign-out (another browser, a stolen laptop) replays it.
  const replay = await browser.newContext();
  try {
    await replay.addCookies(cookies);
    expect((await replay.request.get("/api/me")).status()).toBe(401);
    const page2 = await replay.newPage();
    await page2.goto("/projects");
    await expect(page2).toHaveURL(/\/sign-in\?callbackUrl=/);
  } finally {
    await replay.close();
  }
});

test("a wrong password shows an error and does not sign in", async ({ page, world }) => {
  const user = await world.user();
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(user.email, "not the password");
  await expect(signIn.error()).toHaveText("Wrong email or password.");
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/projects");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("signing in returns to the page that asked for it", async ({ page, world }) => {
  const viewer = await world.user();
  const project = await world.project({ viewer: [viewer] });
  await page.goto(`/projects/${project.slug}`);
  await signInAs(page, viewer, `/projects/${project.slug}`);
  await expect(page.getByRole("heading", { name: project.name })).toBeVisible();
});

test("too many wrong passwords lock the account for a while, even against the right one", async ({ page, world }) => {
  const user = await world.user();
  const signIn = new SignInPage(page);
  await signIn.goto();
  for (let attempt = 1; attempt <= 5; attempt++) {
    await signIn.signInAndWait(user.email, `wrong guess ${attempt}`);
    await expect(signIn.error()).toHaveText("Wrong email or password.");
    // The form keeps the email after a failed attempt.
    await expect(page.getByLabel("Email")).toHaveValue(user.email);
  }
  await signIn.signInAndWait(user.email, user.password);
  await expect(signIn.error()).toHaveText("Too many failed sign-in attempts. Wait 15 minutes and try again.");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("pages fit a 390-pixel phone screen without sideways scrolling", async ({ page, world }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const owner = await world.user("A Rather Long Owner Name For A Small Screen");
  const project = await world.project({ owner: [owner] });
  const article = await world.article(project.slug, {
    title: "A headline long enough to wrap over several lines on a phone screen",
    text: "Body text.",
  });
  await signInAs(page, owner);
  for (const path of ["/projects", `/projects/${project.slug}`, `/projects/${project.slug}/members`, article.url, "/settings/tokens"]) {
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
});

test("every page has the site's icon", async ({ request }) => {
  const icon = await request.get("/favicon.ico");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toMatch(/image\//);
});
