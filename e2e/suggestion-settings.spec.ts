import { expect, test } from "./fixtures";
import { ProjectPage } from "./pages/project-page";
import { signInAs } from "./pages/sign-in-page";

const TEXT =
  "Mayor Ana Ruiz said the council approved 3,000 new homes on Tuesday.\n\n“We will build them by 2030,” said Ruiz. About 12 percent of the budget goes to housing 🏠.";

test("an owner turns suggestions on import on and keeps a backend token write-only; imported articles arrive with suggestions, measured on the Agreement page", async ({
  page,
  world,
}) => {
  const owner = await world.user("Olga Owner");
  const project = await world.project({ owner: [owner] });
  await signInAs(page, owner, `/projects/${project.slug}/settings`);
  const form = page.getByRole("form", { name: "Suggestion settings" });

  // A backend on a private address is refused when saved (the operator has not allowed private backends).
  await form.getByLabel("Suggest on import").check();
  await form.getByLabel("External backend (Label Studio ML backend)").fill("http://10.0.0.7:9090");
  await form.getByRole("button", { name: "Save suggestion settings" }).click();
  await expect(form).toContainText("The suggestion settings could not be saved.");
  await expect(form.getByLabel("External backend (Label Studio ML backend)")).toHaveAttribute("aria-invalid", "true");

  // The choices come back with the refusal. A public address and a token are kept; the token is never
  // shown again, only that one is set.
  await expect(form.getByLabel("Suggest on import")).toBeChecked();
  await form.getByLabel("External backend (Label Studio ML backend)").fill("https://models.example.com");
  await form.getByLabel("Backend token").fill("s3cret-token");
  await form.getByRole("button", { name: "Save suggestion settings" }).click();
  await expect(form).toContainText("Saved");
  await page.reload();
  await expect(form.getByLabel("Suggest on import")).toBeChecked();
  await expect(form.getByTestId("backend-token-state")).toHaveText("A token is set. Type a new one to replace it.");
  await expect(form.getByLabel("Backend token")).toHaveValue("");
  expect(await page.content()).not.toContain("s3cret-token");

  // An import now arrives with the built-in suggesters' suggestions, without anyone pressing Suggest.
  const projectPage = new ProjectPage(page, project.slug);
  await projectPage.goto();
  await projectPage.uploadFiles([{ name: "homes.txt", content: TEXT }]);
  await expect(page.getByRole("status").filter({ hasText: "Done:" })).toHaveText("Done: 1 imported, 0 duplicate, 0 failed");
  await page.getByRole("list", { name: "Import results" }).getByRole("link").first().click();
  const panel = page.getByRole("region", { name: "Suggestions" });
  await expect(panel.getByTestId("suggestion-count-figure")).toHaveText("2");

  // Accepting them makes the owner's tags, and the Agreement page measures the suggester against the owner.
  await panel.getByRole("form", { name: "Accept all suggestions of a label" }).getByLabel("Label to accept").selectOption("figure");
  await panel.getByRole("form", { name: "Accept all suggestions of a label" }).getByLabel("Lowest score").fill("0");
  await panel.getByRole("form", { name: "Accept all suggestions of a label" }).getByRole("button", { name: "Accept 2" }).click();
  await expect(page.getByRole("complementary", { name: "Tags" }).getByTestId("count-figure")).toHaveText("2");
  await expect(panel.getByTestId("suggestion-count-figure")).toHaveCount(0);
  await page.goto(`/projects/${project.slug}/agreement`);
  const table = page.getByRole("table", { name: "F1 of each suggester against each annotator" });
  await expect(table.getByRole("row").filter({ hasText: "builtin:figures@2" }).filter({ hasText: "Olga Owner" })).toHaveCount(1);
});
