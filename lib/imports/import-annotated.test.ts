/**
 * The annotated import against the real database, through its route with real multipart requests: the
 * preview, the refusal of unmapped labels (nothing written), the import (tags at exact offsets, links,
 * people matched by email, history, pending status), the NDJSON progress and report, duplicates, and
 * the 400s for unknown formats and unreadable files.
 */
import { beforeAll, describe, expect, it } from "vitest";
import * as annotatedRoute from "@/app/api/projects/[slug]/imports/annotated/route";
import { prisma } from "@/lib/db/prisma";
import { person, type Person } from "@/lib/export/test-support";
import { createProjectWith } from "@/lib/testing/factories";

let slug: string;
let projectId: string;
let editor: Person;
let annotator: Person;
let viewer: Person;

beforeAll(async () => {
  editor = await person("Editor");
  annotator = await person("Annotator");
  viewer = await person("Viewer");
  ({ slug, projectId } = await createProjectWith({ editor: [editor, annotator], viewer: [viewer] }));
});

function post(who: Person, query: Record<string, string>, files: File[]) {
  const form = new FormData();
  for (const file of files) form.append("file", file);
  const request = new Request(`http://margin.test/api/route?${new URLSearchParams(query)}`, {
    method: "POST",
    headers: { authorization: `Bearer ${who.token}` },
    body: form,
  });
  return annotatedRoute.POST(request, { params: Promise.resolve({ slug }) });
}

/** The NDJSON lines of an import's answer. */
async function lines(response: Response): Promise<Record<string, unknown>[]> {
  expect(response.headers.get("content-type")).toMatch(/^application\/x-ndjson/);
  return (await response.text())
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

// CRLF, a trailing space and an NFD accent: the stored text differs from the file's, so tags are re-anchored.
const TEXT = "“Taxes will rise,” said Jose\u0301 Ruiz 🗳️. \r\nAcme Corp disagreed — twice.\r\n";
const points = (text: string, words: string) => {
  const index = text.indexOf(words);
  const start = [...text.slice(0, index)].length;
  return { start, end: start + [...words].length, text: words };
};

function labelStudioFile(text = TEXT, name = "project.json", url = "https://news.example/taxes") {
  const region = (id: string, label: string, words: string) => ({
    id,
    from_name: "label",
    to_name: "text",
    type: "labels",
    value: { ...points(text, words), labels: [label] },
  });
  const tasks = [
    {
      id: 1,
      data: { text, title: "Taxes", url },
      annotations: [
        {
          id: 10,
          completed_by: { email: annotator.email },
          result: [
            region("q", "QUOTE", "“Taxes will rise,”"),
            region("p", "PER", "Jose\u0301 Ruiz"),
            region("o", "ORG", "Acme Corp"),
            region("m", "MISC", "twice"),
            { type: "relation", from_id: "q", to_id: "p", direction: "right", labels: [] },
          ],
        },
        { id: 11, completed_by: { email: "outsider@example.com" }, result: [region("p2", "PER", "Acme Corp")] },
      ],
      predictions: [{ model_version: "v1", score: 0.9, result: [region("x", "PER", "Jose\u0301")] }],
    },
  ];
  return new File([JSON.stringify(tasks)], name, { type: "application/json" });
}

describe("POST /api/projects/{slug}/imports/annotated", () => {
  it("previews the format, documents and labels with counts and the map's targets", async () => {
    const response = await post(editor, { preview: "1", map: "PER=actor" }, [labelStudioFile()]);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      format: "labelstudio",
      documents: 1,
      labels: [
        { label: "PER", count: 2, target: "actor" },
        { label: "MISC", count: 1 },
        { label: "ORG", count: 1 },
        // Margin's own label names map to themselves, whatever their case.
        { label: "QUOTE", count: 1, target: "quote" },
      ],
      predictions: 1,
      problems: [],
    });
  });

  it("refuses unmapped labels with their list and counts, writing nothing", async () => {
    const before = await prisma.article.count({ where: { projectId } });
    const response = await post(editor, { format: "labelstudio", map: "PER=actor" }, [labelStudioFile()]);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { message: string; field: string; unmapped: unknown } };
    expect(body.error.field).toBe("map");
    expect(body.error.message).toMatch(/^Unmapped labels: MISC \(1\), ORG \(1\)\./);
    expect(body.error.unmapped).toEqual([
      { label: "MISC", count: 1 },
      { label: "ORG", count: 1 },
    ]);
    expect(await prisma.article.count({ where: { projectId } })).toBe(before);
  });

  it("imports tags at exact offsets in the stored text, the speaker link, authors and history; reports skipped tags", async () => {
    const response = await post(editor, { map: "PER=actor,ORG=actor,QUOTE=quote", skipUnmapped: "1" }, [labelStudioFile()]);
    expect(response.status).toBe(200);
    const answer = await lines(response);
    expect(answer[0]).toEqual({ progress: { done: 0, total: 1 } });
    expect(answer.at(-2)).toEqual({ progress: { done: 1, total: 1 } });
    const { report } = answer.at(-1) as { report: Record<string, unknown> };
    expect(report).toMatchObject({
      format: "labelstudio",
      counts: { imported: 1, duplicate: 0, failed: 0 },
      tags: 4,
      skipped: [{ document: "project.json#1 (task 1)", label: "MISC", text: "twice", reason: 'label "MISC" is not mapped' }],
      skippedCount: 1,
      predictionsSkipped: 1,
      mappedToSkip: 0,
    });
    const id = (report.results as { id: string }[])[0]!.id;
    const article = await prisma.article.findUniqueOrThrow({ where: { id }, include: { annotations: true } });
    expect(article.text).toBe("“Taxes will rise,” said José Ruiz 🗳️.\nAcme Corp disagreed — twice.");
    expect(article).toMatchObject({ title: "Taxes", url: "https://news.example/taxes", origin: "import:labelstudio" });
    const codePoints = [...article.text];
    const tags = article.annotations.sort((a, b) => a.start! - b.start! || a.authorId.localeCompare(b.authorId));
    // Imported tags are never orphans: each has its offsets.
    for (const tag of tags) expect(codePoints.slice(tag.start!, tag.end!).join("")).toBe(tag.text);
    expect(tags.map((tag) => [tag.label, tag.text, tag.status])).toEqual(
      expect.arrayContaining([
        ["quote", "“Taxes will rise,”", "pending"],
        ["actor", "José Ruiz", "pending"],
        ["actor", "Acme Corp", "pending"],
      ]),
    );
    const quote = tags.find((tag) => tag.label === "quote")!;
    const speaker = tags.find((tag) => tag.text === "José Ruiz")!;
    expect((quote.attributes as Record<string, unknown>).speakerId).toBe(speaker.id);
    // A member is matched by email; someone without an account becomes the importer.
    expect(speaker.authorId).toBe(annotator.id);
    expect(
      tags
        .filter((tag) => tag.text === "Acme Corp")
        .map((tag) => tag.authorId)
        .sort(),
    ).toEqual([annotator.id, editor.id].sort());
    const events = await prisma.annotationEvent.findMany({ where: { annotationId: speaker.id } });
    expect(events[0]).toMatchObject({
      kind: "imported",
      data: expect.objectContaining({ from: "labelstudio:project.json#1 (task 1)", foreignId: "a1:p", foreignLabel: "PER" }),
    });
  });

  it("reports the same text again as a duplicate and imports predictions only when asked", async () => {
    // (Another text at the same address would be a duplicate too: lib/articles/url/comparable-url.ts.)
    const again = await lines(await post(editor, { map: "PER=actor,ORG=actor,QUOTE=quote,MISC=skip" }, [labelStudioFile()]));
    expect((again.at(-1) as { report: unknown }).report).toMatchObject({
      counts: { imported: 0, duplicate: 1, failed: 0 },
      tags: 0,
      skipped: [],
    });
    const other = TEXT.replace("disagreed", "objected");
    const withPredictions = await lines(
      await post(editor, { map: "PER=actor,ORG=actor,QUOTE=quote,MISC=skip", predictions: "1" }, [
        labelStudioFile(other, "rents.json", "https://news.example/rents"),
      ]),
    );
    expect((withPredictions.at(-1) as { report: unknown }).report).toMatchObject({
      counts: { imported: 1 },
      tags: 5,
      predictionsSkipped: 0,
      mappedToSkip: 1,
    });
  });

  it("imports doccano and spaCy JSONL, detected from their content", async () => {
    const doccano = new File(
      [
        JSON.stringify({
          text: "Li Wei said 40% agreed.",
          label: [
            [0, 6, "PER"],
            [12, 22, "CLAIM"],
          ],
          title: "Poll",
        }) + "\n",
      ],
      "poll.jsonl",
    );
    const spacy = new File(
      [JSON.stringify({ text: "Mr. Dupont 👍🏽 left.", spans: [{ start: 0, end: 10, label: "actor" }], meta: { title: "Left" } }) + "\n"],
      "left.jsonl",
    );
    const one = await lines(await post(editor, { map: "PER=actor,CLAIM=claim" }, [doccano]));
    expect((one.at(-1) as { report: unknown }).report).toMatchObject({ format: "doccano", counts: { imported: 1 }, tags: 2 });
    const two = await lines(await post(editor, {}, [spacy]));
    expect((two.at(-1) as { report: unknown }).report).toMatchObject({ format: "spacy", counts: { imported: 1 }, tags: 1 });
  });

  it("answers 400 for an unknown format, files it cannot tell, files without documents, and a bad map; 403 to a viewer", async () => {
    const notes = new File(['{"hello": "world"}'], "notes.json");
    const unknown = await post(editor, { format: "excel" }, [notes]);
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toMatch(
      /format must be one of labelstudio, doccano, w3c, brat, spacy, conll, auto/,
    );
    const undetected = await post(editor, {}, [notes]);
    expect(undetected.status).toBe(400);
    expect(((await undetected.json()) as { error: { message: string } }).error.message).toMatch(/^Cannot tell the files' format/);
    const broken = await post(editor, { format: "doccano" }, [new File(["{oops"], "broken.jsonl")]);
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: { message: string } }).error.message).toBe(
      "No document could be read as doccano: broken.jsonl:1: not valid JSON (a JSON Lines file holds one JSON object per line)",
    );
    const badMap = await post(editor, { map: "PER=person" }, [labelStudioFile()]);
    expect(badMap.status).toBe(400);
    expect(((await badMap.json()) as { error: { message: string } }).error.message).toMatch(/^map: "PER=person"/);
    expect((await post(viewer, { preview: "1" }, [labelStudioFile()])).status).toBe(403);
  });
});
