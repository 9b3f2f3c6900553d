import { describe, expect, it } from "vitest";
import type { OffsetUnit } from "@/lib/tags/offsets";
import type { ExportArticle } from "@/lib/export/shape";
import { exportHeader, fixtureArticles, PEOPLE, runExport, sliceIn, tagOver } from "./fixtures";
import { LABEL_STUDIO_CONFIG, labelStudioTask } from "./labelstudio";

type Region = {
  id: string;
  from_name: string;
  to_name: string;
  type: "labels";
  value: { start: number; end: number; text: string; labels: string[] };
};
type Relation = { type: "relation"; from_id: string; to_id: string; direction: string; labels: string[] };
type Task = {
  data: { text: string; title: string; margin_id: string };
  annotations: { completed_by?: { email: string }; ground_truth: boolean; was_cancelled: boolean; result: (Region | Relation)[] }[];
};

const tasksOf = (unit: OffsetUnit) => JSON.parse(runExport("labelstudio", exportHeader(unit), fixtureArticles())) as Task[];
const regions = (task: Task) =>
  task.annotations.flatMap((annotation) => annotation.result.filter((item): item is Region => item.type === "labels"));
const relations = (task: Task) =>
  task.annotations.map((annotation) => annotation.result.filter((item): item is Relation => item.type === "relation"));

describe("labelstudio writer", () => {
  it("writes a JSON array with one task per article, its text under the name the config reads", () => {
    const tasks = tasksOf("codepoint");
    expect(tasks.map((task) => task.data)).toEqual(
      fixtureArticles().map((item) => ({ text: item.text, title: item.title, margin_id: item.id })),
    );
    expect(tasks[1]!.annotations).toEqual([]);
  });

  it.each<OffsetUnit>(["codepoint", "utf16"])(
    "counts start and end in code points, as Label Studio's Text tag does, whatever the header's unit (%s)",
    (unit) => {
      const tasks = tasksOf(unit);
      fixtureArticles().forEach((item, index) => {
        const found = regions(tasks[index]!);
        expect(found.map((region) => region.id).sort()).toEqual(item.tags.map((tag) => tag.id).sort());
        for (const region of found)
          expect(sliceIn(tasks[index]!.data.text, region.value.start, region.value.end, "codepoint")).toBe(region.value.text);
      });
    },
  );

  it("matches Label Studio's own emoji case: “test” at 21-25 after a cat", () => {
    // web/libs/editor/tests/integration/e2e/ner/emoji.cy.ts in HumanSignal/label-studio expects exactly this.
    const text = "🐱 Warning: This is a test text";
    const item: ExportArticle = { ...fixtureArticles()[1]!, text, tags: [tagOver(text, "test", { id: "t1", label: "claim" })] };
    expect(labelStudioTask(item).annotations[0]!.result[0]).toMatchObject({
      value: { start: 21, end: 25, text: "test", labels: ["Claim"] },
    });
  });

  it("writes one annotation per first author, with results the labeling config names", () => {
    const [news] = tasksOf("codepoint");
    expect(news!.annotations.map((annotation) => annotation.completed_by)).toEqual([
      { email: PEOPLE.ana.email },
      { email: PEOPLE.ben.email },
    ]);
    expect(
      news!.annotations.map((annotation) => annotation.result.filter((item) => item.type === "labels").map((item) => (item as Region).id)),
    ).toEqual([
      ["q1", "a1", "c1", "c2", "a3"],
      ["a2", "f1", "c3", "f2"],
    ]);
    for (const annotation of news!.annotations) expect([annotation.ground_truth, annotation.was_cancelled]).toEqual([false, false]);
    const names = (tag: string, attribute: string) =>
      [...LABEL_STUDIO_CONFIG.matchAll(new RegExp(`<${tag} [^>]*${attribute}="([^"]+)"`, "g"))].map((match) => match[1]);
    expect(LABEL_STUDIO_CONFIG).toContain('<Labels name="label" toName="text">');
    expect(LABEL_STUDIO_CONFIG).toContain('<Text name="text" value="$text"/>');
    expect(names("Label", "value")).toEqual(["Actor", "Claim", "Figure", "Quote"]);
    expect(names("Relation", "value")).toEqual(["speaker", "source"]);
    for (const region of regions(news!)) {
      expect(region).toMatchObject({ from_name: "label", to_name: "text", type: "labels" });
      expect(names("Label", "value")).toContain(region.value.labels[0]);
      expect(region.id).toMatch(/^[A-Za-z0-9_-]+$/);
    }
  });

  it("writes relations inside the annotation holding both tags, and leaves out those across annotators", () => {
    const [news, , polls] = tasksOf("codepoint");
    expect(relations(news!)).toEqual([
      [
        { type: "relation", from_id: "c1", to_id: "a1", direction: "right", labels: ["source"] },
        { type: "relation", from_id: "q1", to_id: "a1", direction: "right", labels: ["speaker"] },
      ],
      [],
    ]);
    // The claim is Ana's, its source the mayor tagged by Ben: a relation cannot join two annotations.
    expect(relations(polls!)).toEqual([[], []]);
  });

  it("writes the same bytes twice", () => {
    expect(runExport("labelstudio", exportHeader("utf16"), fixtureArticles())).toBe(
      runExport("labelstudio", exportHeader("utf16"), fixtureArticles()),
    );
  });
});
