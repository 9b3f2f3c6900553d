import type { APIRequestContext } from "@playwright/test";
import type { ExportArticle } from "@/lib/export/shape";
import { expect, test } from "./fixtures";
import { AnnotatedImportSection } from "./pages/annotated-import-page";
import { ExportPage } from "./pages/export-page";
import { signInAs } from "./pages/sign-in-page";

// CRLF, a trailing space and an NFD accent: the stored text differs, so the tags are placed by their words.
const TEXT = "“Taxes will rise,” said Jose\u0301 Ruiz 🗳️. \r\nAcme Corp disagreed — twice 👩🏽‍🤝‍👩🏻.\r\n";

const codePoints = (text: string, words: string) => {
  const start = [...text.slice(0, text.indexOf(words))].length;
  return { start, end: start + [...words].length, text: words };
};

/** A Label Studio export, written by hand after its documentation: `count` tasks, the first with TEXT. */
function labelStudioExport(count = 1): string {
  const region = (text: string, id: string, label: string, words: string) => ({
    id,
    from_name: "label",
    to_name: "text",
    type: "labels",
    value: { ...codePoints(text, words), labels: [label] },
  });
  return JSON.stringify(
    Array.from({ length: count }, (_, index) => {
      const text = index === 0 ? TEXT : `Report ${index}: Acme Corp said profits rose.`;
      return {
        id: index + 1,
        data: { text, title: index === 0 ? "Taxes" : `Report ${index}` },
        annotations: [
          {
            id: 100 + index,
            completed_by: 1,
            result:
              index === 0
                ? [
                    region(text, "q", "QUOTE", "“Taxes will rise,”"),
                    region(text, "p", "PER", "Jose\u0301 Ruiz"),
                    region(text, "o", "ORG", "Acme Corp"),
                    region(text, "m", "MISC", "twice"),
                    { type: "relation", from_id: "q", to_id: "p", direction: "right", labels: ["speaker"] },
                  ]
                : [region(text, "o", "ORG", "Acme Corp")],
          },
        ],
      };
    }),
  );
}

async function exported(request: APIRequestContext, slug: string, token: string): Promise<ExportArticle[]> {
  const response = await request.get(`/api/projects/${slug}/export?format=json`, { headers: { authorization: `Bearer ${token}` } });
  return ((await response.json()) as { articles: ExportArticle[] }).articles;
}

test("imports a Label Studio export through the label map, leaving out an unmapped label with a report", async ({
  page,
  world,
  request,
}) => {
  const owner = await world.user("Olga Owner");
  const project = await world.project({ owner: [owner] });
  await signInAs(page, owner);
  await new ExportPage(page, project.slug).goto();
  const section = new AnnotatedImportSection(page);
  await section.choose([{ name: "project-1.json", content: labelStudioExport() }]);
  await expect(section.labelMap().getByRole("status")).toHaveText(
    "1 documents (labelstudio); map each label to one of Margin’s, or skip it.",
  );
  // Margin's own label names come mapped; the others wait for a choice, and Import waits for them.
  await expect(section.labelMap().getByLabel("Map QUOTE")).toHaveValue("quote");
  await section.map("PER", "actor");
  await section.map("ORG", "actor");
  await expect(section.labelMap().getByText("Not mapped yet: MISC")).toBeVisible();
  await expect(section.labelMap().getByRole("button", { name: "Import" })).toBeDisabled();
  await section.labelMap().getByLabel("Leave out the tags of labels not mapped").check();
  await section.labelMap().getByRole("button", { name: "Import" }).click();

  await expect(section.region().getByRole("status").filter({ hasText: "Done" })).toContainText(
    "Done (labelstudio): 1 imported (3 tags), 0 duplicate, 0 failed; 1 tags left out",
  );
  await expect(section.region().getByRole("list", { name: "Tags left out" })).toContainText(
    'MISC “twice” in project-1.json#1 (task 1): label "MISC" is not mapped',
  );
  await expect(section.region().getByRole("list", { name: "Annotated import results" }).getByRole("link", { name: "Taxes" })).toBeVisible();

  const [article] = await exported(request, project.slug, await world.token(owner));
  expect(article!.text).toBe("“Taxes will rise,” said José Ruiz 🗳️.\nAcme Corp disagreed — twice 👩🏽‍🤝‍👩🏻.");
  const points = [...article!.text];
  for (const tag of article!.tags) expect(points.slice(tag.start, tag.end).join("")).toBe(tag.text);
  expect(article!.tags.map((tag) => [tag.label, tag.text, tag.status]).sort()).toEqual([
    ["actor", "Acme Corp", "pending"],
    ["actor", "José Ruiz", "pending"],
    ["quote", "“Taxes will rise,”", "pending"],
  ]);
  expect(article!.relations).toEqual([
    { from: article!.tags.find((tag) => tag.label === "quote")!.id, to: expect.any(String), type: "speaker" },
  ]);
});

test("shows the import's progress on a file of many documents, and refuses a file it cannot read", async ({ page, world }) => {
  const owner = await world.user("Olga Owner");
  const project = await world.project({ owner: [owner] });
  await signInAs(page, owner);
  await new ExportPage(page, project.slug).goto();
  const section = new AnnotatedImportSection(page);

  await section.choose([{ name: "notes.json", content: '{"hello": "world"}' }]);
  await expect(section.region().getByRole("alert")).toContainText("Cannot tell the files' format from their names and content");

  await section.choose([{ name: "many.json", content: labelStudioExport(400) }]);
  await expect(section.labelMap().getByRole("status")).toContainText("400 documents (labelstudio)");
  await section.map("PER", "actor");
  await section.map("ORG", "actor");
  await section.map("MISC", "skip");
  await section.labelMap().getByRole("button", { name: "Import" }).click();
  // Something that moves while the server works: documents counted as they are imported.
  await expect(
    section
      .region()
      .getByRole("status")
      .filter({ hasText: /^Importing: \d+ of 400 documents$/ }),
  ).toBeVisible();
  await expect(section.region().getByRole("progressbar", { name: "Import progress" })).toHaveAttribute("max", "400");
  await expect(section.region().getByRole("status").filter({ hasText: "Done" })).toContainText("400 imported (402 tags)", {
    timeout: 60_000,
  });
  await expect(section.region().getByRole("status").filter({ hasText: "Done" })).toContainText("1 tags mapped to skip");
});
