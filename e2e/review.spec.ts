import { expect, test } from "./fixtures";
import { ArticlePage } from "./pages/article-page";
import { signInAs } from "./pages/sign-in-page";

const TEXT =
  "“We cannot keep asking families on Wharf Street to bail out their kitchens,” said Councillor Imani Osei. 🌊\n\nMore than 200 residents watched.";
const QUOTE = "“We cannot keep asking families on Wharf Street to bail out their kitchens,”";

/** Code-point offsets of `words` in the text, as the API takes them. */
const at = (words: string) => {
  const start = [...TEXT.slice(0, TEXT.indexOf(words))].length;
  return { start, end: start + [...words].length };
};

test("a reviewer compares two annotators, decides their tags with the keyboard and buttons, and the annotator sees it live", async ({
  browser,
  world,
}) => {
  const alice = await world.user("Alice Annotator");
  const bob = await world.user("Bob Annotator");
  const carol = await world.user("Carol Reviewer");
  const project = await world.project({ editor: [alice, bob], reviewer: [carol] });
  const article = await world.article(project.slug, { title: "Flood wall", text: TEXT });
  const tokens = { alice: await world.token(alice), bob: await world.token(bob) };
  const contextA = await browser.newContext();
  const contextC = await browser.newContext();
  const a = await contextA.newPage();
  const c = await contextC.newPage();
  const tag = async (token: string, label: string, words: string) => {
    const response = await a.request.post(`/api/articles/${article.id}/annotations`, {
      headers: { authorization: `Bearer ${token}` },
      data: { label, ...at(words) },
    });
    expect(response.status()).toBe(201);
  };
  await tag(tokens.alice, "quote", QUOTE);
  await tag(tokens.alice, "actor", "Imani Osei");
  await tag(tokens.bob, "actor", "Imani Osei");
  await tag(tokens.bob, "figure", "More than 200 residents");

  await signInAs(a, alice, article.url);
  await signInAs(c, carol, article.url);
  const pageA = new ArticlePage(a);
  const pageC = new ArticlePage(c);
  await pageA.ready();
  await pageC.ready();

  // Compare mode: Alice against Bob. They agree on the actor; the quote is Alice's alone, the figure Bob's.
  await c.getByLabel("Compare two annotators").check();
  const compare = c.getByRole("region", { name: "Compare annotators" });
  await compare.getByLabel("Annotator A").selectOption({ label: "Alice Annotator" });
  await compare.getByLabel("Annotator B").selectOption({ label: "Bob Annotator" });
  await expect(compare.getByRole("status")).toHaveText("2 disagreements · 1 agreed");
  await expect(compare.getByRole("list", { name: "Disagreements" }).getByRole("listitem")).toHaveText([
    /only Alice Annotator.*Quote/,
    /only Bob Annotator.*Figure/,
  ]);
  // Where they disagree, the text is outlined.
  await expect(pageC.tagsOver("More than 200 residents")).toHaveCSS("outline-style", "dashed");
  await expect(pageC.tagsOver("Imani Osei").first()).toHaveCSS("outline-style", "none");

  // The keyboard queue: j opens the first pending tag in reading order (the quote), a accepts it.
  await c.getByLabel("Review mode (keyboard queue)").check();
  await expect(c.getByRole("region", { name: "Review queue" })).toContainText("4 pending");
  await c.keyboard.press("j");
  const details = c.getByRole("region", { name: "Tag details" });
  await expect(details).toContainText(QUOTE);
  await c.keyboard.press("a");
  // The quote shows accepted, and the details move on to the next pending tag in reading order.
  await expect(pageC.panel().getByRole("button", { name: /We cannot keep asking/ })).toContainText("✓ accepted");
  await expect(details).toContainText("Imani Osei");
  await expect(details.getByTestId("tag-status")).toHaveText("pending");
  await expect(c.getByRole("region", { name: "Review queue" })).toContainText("3 pending");

  // Reject Bob's figure with a reason, from the details.
  await compare.getByRole("button", { name: /only Bob Annotator/ }).click();
  await expect(details).toContainText("More than 200 residents");
  await details.getByLabel("Reason (optional; starts the discussion)").fill("A crowd estimate, not a figure the article reports.");
  await details.getByRole("button", { name: /^Reject/ }).click();
  // A decision moves the reviewer on to the next pending tag; the rejected one leaves the visible layers.
  await expect(details).not.toContainText("More than 200 residents");
  await expect(details.getByTestId("tag-status")).toHaveText("pending");
  await expect(pageC.panel().getByRole("button", { name: /More than 200 residents/ })).toHaveCount(0);

  // Alice sees both decisions live: her quote accepted; Bob's figure hidden as rejected until she asks.
  const panelA = pageA.panel();
  await expect(panelA.getByRole("button", { name: /We cannot keep asking/ })).toContainText("✓ accepted", { timeout: 2000 });
  await expect(panelA.getByRole("button", { name: /More than 200 residents/ })).toHaveCount(0);
  // In her text too: the figure's words lose their highlight as the decision arrives, and are struck
  // through once she shows rejected tags.
  const figureA = pageA.tagsOver("More than 200 residents");
  await expect(figureA).toHaveCSS("text-decoration-line", "none");
  await expect(figureA).toHaveCSS("background-color", "rgba(0, 0, 0, 0)");
  await a.getByRole("group", { name: "Show review statuses" }).getByRole("button", { name: "Rejected" }).click();
  await expect(figureA).toHaveCSS("text-decoration-line", "line-through");
  await panelA.getByRole("button", { name: /More than 200 residents/ }).click();
  const detailsA = a.getByRole("region", { name: "Tag details" });
  await expect(detailsA.getByTestId("tag-decision")).toContainText("Rejected by Carol Reviewer");
  await expect(detailsA.getByRole("list", { name: "Comments" })).toContainText("A crowd estimate, not a figure the article reports.");
  // An annotator cannot decide.
  await expect(detailsA.getByRole("button", { name: /^Accept/ })).toHaveCount(0);

  // She answers in the thread; Carol, showing rejected tags again, sees the answer without reloading.
  await c.getByRole("group", { name: "Show review statuses" }).getByRole("button", { name: "Rejected" }).click();
  await pageC
    .panel()
    .getByRole("button", { name: /More than 200 residents/ })
    .click();
  await expect(details.getByTestId("tag-status")).toHaveText("✗ rejected");
  await detailsA.getByLabel("Write a comment").fill(`@${carol.email} fair, it is an estimate.`);
  await detailsA.getByRole("button", { name: "Comment", exact: true }).click();
  await expect(details.getByRole("list", { name: "Comments" })).toContainText("fair, it is an estimate.", { timeout: 2000 });

  // The history records who did what.
  await details.getByText("History").click();
  await expect(details.getByRole("list", { name: "History" })).toContainText("Carol Reviewer rejected");
  await contextA.close();
  await contextC.close();
});
