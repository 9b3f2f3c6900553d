import { describe, expect, it } from "vitest";
import type { OffsetUnit } from "@/lib/tags/offsets";
import type { ExportArticle, ExportPerson } from "@/lib/export/shape";
import { exportHeader, fixtureArticles, MAYOR_RECORD_NAME, PEOPLE, runExport, sliceIn, tagOver } from "./fixtures";
import { LABEL_STUDIO_CONFIG, labelStudioTask } from "./labelstudio";

type Region = {
  id: string;
  from_name: string;
  to_name: string;
  type: "labels";
  value: { start: number; end: number; text: string; labels: string[] };
  meta?: { text: string[]; margin: { actorId?: string; actorName?: string; copiedFrom?: string; copyOf?: string; reason?: string } };
};
type Relation = { type: "relation"; from_id: string; to_id: string; direction: string; labels: string[] };
type Task = {
  data: { text: string; title: string; margin_id: string };
  annotations: { completed_by?: { email: string }; ground_truth: boolean; was_cancelled: boolean; result: (Region | Relation)[] }[];
};

const tasksOf = (unit: OffsetUnit) => JSON.parse(runExport("labelstudio", exportHeader(unit), fixtureArticles())) as Task[];
const regions = (task: Task) =>
  task.annotations.flatMap((annotation) => annotation.result.filter((item): item is Region => item.type === "labels"));
/** The regions that are tags (not copies of another annotator's actor, see the writer's header). */
const tagRegions = (task: Task) => regions(task).filter((region) => !region.meta?.margin.copiedFrom);
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
        expect(
          tagRegions(tasks[index]!)
            .map((region) => region.id)
            .sort(),
        ).toEqual(item.tags.map((tag) => tag.id).sort());
        for (const region of regions(tasks[index]!))
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

  it("writes relations inside the annotation holding both tags, and copies another annotator's actor to link it", () => {
    const [news, , polls] = tasksOf("codepoint");
    expect(relations(news!)).toEqual([
      [
        { type: "relation", from_id: "c1", to_id: "a1", direction: "right", labels: ["source"] },
        { type: "relation", from_id: "q1", to_id: "a1", direction: "right", labels: ["speaker"] },
      ],
      [],
    ]);
    // The claim is Ana's, its source the mayor tagged by Ben: Ana's annotation gets a marked copy of him.
    expect(relations(polls!)).toEqual([
      [{ type: "relation", from_id: "c-polls", to_id: "a-mayor_copy", direction: "right", labels: ["source"] }],
      [],
    ]);
    const copy = polls!.annotations[0]!.result.find((item) => item.type === "labels" && item.id === "a-mayor_copy") as Region;
    const original = polls!.annotations[1]!.result.find((item) => item.type === "labels" && item.id === "a-mayor") as Region;
    expect(copy.value).toEqual(original.value);
    // The copy carries its original's actor record too.
    expect(copy.meta).toEqual({
      text: [`Copied from ${PEOPLE.ben.email}: the target of a link`, `Actor record: ${MAYOR_RECORD_NAME} (rec-mayor)`],
      margin: {
        actorId: "rec-mayor",
        actorName: MAYOR_RECORD_NAME,
        copiedFrom: PEOPLE.ben.email,
        copyOf: "a-mayor",
        reason: "link target by another annotator",
      },
    });
  });

  it("carries an actor's record in its region's meta, the note Label Studio shows; regions of other tags have none", () => {
    const [news] = tasksOf("codepoint");
    const byId = new Map(regions(news!).map((region) => [region.id, region]));
    expect(byId.get("a1")!.meta).toEqual({
      text: ["Actor record: Zoë Álvarez (rec-alvarez)"],
      margin: { actorId: "rec-alvarez", actorName: "Zoë Álvarez" },
    });
    expect(byId.get("a3")!.meta?.margin).toEqual({ actorId: "rec-dupont", actorName: "Luc Dupont" });
    // a2 is an actor linked to no record; quotes, claims and figures never carry one.
    for (const id of ["a2", "q1", "c1", "f1"]) expect(byId.get(id)!.meta, id).toBeUndefined();
  });

  it("keeps every link of a project where annotators quote each other's actors, each actor copied once", () => {
    const text = "“We are ready,” said Ana Lopes. “So are we,” added Ben Diaz — and Ana Lopes agreed: “Good.” 🗳️";
    const quote = (exact: string, id: string, author: ExportPerson, speakerId: string) =>
      tagOver(text, exact, { id, label: "quote", authors: [author], attributes: { speakerId } });
    const tags = [
      tagOver(text, "Ana Lopes", { id: "actor-ana", label: "actor", authors: [PEOPLE.ana] }),
      tagOver(text, "Ben Diaz", { id: "actor-ben", label: "actor", authors: [PEOPLE.ben] }),
      quote("“We are ready,”", "q-ready", PEOPLE.ben, "actor-ana"),
      quote("“So are we,”", "q-so", PEOPLE.ana, "actor-ben"),
      quote("“Good.”", "q-good", PEOPLE.ben, "actor-ana"),
      tagOver(text, "and Ana Lopes agreed", {
        id: "c-agreed",
        label: "claim",
        authors: [PEOPLE.rita],
        attributes: { sourceId: "actor-ana" },
      }),
    ].sort((a, b) => a.start - b.start || a.end - b.end);
    const relationsIn: ExportArticle["relations"] = [
      { from: "c-agreed", to: "actor-ana", type: "source" },
      { from: "q-good", to: "actor-ana", type: "speaker" },
      { from: "q-ready", to: "actor-ana", type: "speaker" },
      { from: "q-so", to: "actor-ben", type: "speaker" },
    ];
    const task = labelStudioTask({ ...fixtureArticles()[1]!, text, tags, relations: relationsIn }) as unknown as Task;
    // Every link is a relation inside one annotation, whose two ends are regions of that annotation.
    const found = task.annotations.flatMap((annotation) => {
      const ids = new Set(annotation.result.filter((item) => item.type === "labels").map((item) => (item as Region).id));
      return annotation.result
        .filter((item): item is Relation => item.type === "relation")
        .map((relation) => {
          expect(ids.has(relation.from_id) && ids.has(relation.to_id)).toBe(true);
          return `${relation.from_id}>${relation.to_id.replace(/_copy$/, "")}:${relation.labels[0]}`;
        });
    });
    expect(found.sort()).toEqual(relationsIn.map((relation) => `${relation.from}>${relation.to}:${relation.type}`).sort());
    // Ben quotes Ana's actor twice: one copy in his annotation. Rita's claim gets its own copy.
    const copies = task.annotations.map((annotation) =>
      annotation.result.filter((item) => item.type === "labels" && (item as Region).meta).map((item) => (item as Region).id),
    );
    expect(task.annotations.map((annotation) => annotation.completed_by?.email)).toEqual([
      PEOPLE.ben.email,
      PEOPLE.ana.email,
      PEOPLE.rita.email,
    ]);
    expect(copies).toEqual([["actor-ana_copy"], ["actor-ben_copy"], ["actor-ana_copy"]]);
    for (const region of regions(task)) expect(sliceIn(text, region.value.start, region.value.end, "codepoint")).toBe(region.value.text);
    expect(tagRegions(task)).toHaveLength(tags.length);
  });

  it("writes the same bytes twice", () => {
    expect(runExport("labelstudio", exportHeader("utf16"), fixtureArticles())).toBe(
      runExport("labelstudio", exportHeader("utf16"), fixtureArticles()),
    );
  });
});
