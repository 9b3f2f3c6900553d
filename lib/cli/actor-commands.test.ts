/**
 * `margin actors …` on a real database, with tags made through the live operations: records created and
 * given aliases, merged and split with the counts of the Actors list following, the actor page, the checks;
 * bad input refused with exit 2 and unknown records with exit 1, nothing written either way. In-process
 * through the CLI's own door (resolve, execute), and once as its own process for the exit code.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActorListRow } from "@/lib/actors/data";
import { prisma } from "@/lib/db/prisma";
import { person, tag, type Person, type Server } from "@/lib/export/test-support";
import { startCollabServer } from "@/lib/testing/collab";
import { createArticle, createProjectWith } from "@/lib/testing/factories";
import { runEntry } from "@/lib/testing/run-process";
import { execute, resolve } from "./run";

async function margin(...argv: string[]) {
  const resolved = resolve(argv);
  const result = "command" in resolved ? await execute(resolved) : resolved;
  return { code: result.exitCode, stdout: (result.stdout ?? []).join("\n"), stderr: (result.stderr ?? []).join("\n") };
}

async function json<T>(...argv: string[]): Promise<T> {
  const result = await margin(...argv, "--json");
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as T;
}

// Curly quotes, an em dash and an emoji before the tags: their offsets count code points.
const TEXT = "Ana Ruiz 🌊 said “3,000 ferries will run by May” — Mr. Ruiz added. Acme Corp denied it: “no ferries at all.”";

let server: Server;
let owner: Person;
let slug: string;
let projectId: string;

beforeAll(async () => {
  server = await startCollabServer();
  owner = await person("Owner");
  ({ slug, projectId } = await createProjectWith({ owner: [owner] }));
});

afterAll(() => server.close());

const records = () => prisma.actorRecord.count({ where: { projectId } });

describe("margin actors", () => {
  it("creates a record with its aliases, changes it, adds and removes aliases, and shows its history", async () => {
    const created = await margin("actors", "create", slug, "--name", "  Ana Ruiz 🌊 ", "--kind", "person", "--alias", "A. Ruiz");
    expect(created.code, created.stderr).toBe(0);
    const id = created.stdout;
    expect(created.stderr).toBe(`created actor record "Ana Ruiz 🌊" (${id})`);
    const repeated = await margin(
      "actors",
      "create",
      slug,
      "--name",
      "Ben Ode",
      "--alias",
      "B. Ode",
      "--alias",
      "Benjamin Ode",
      "--alias",
      "b. ode",
    );
    expect(repeated.code, repeated.stderr).toBe(0);
    expect((await json<{ actor: { aliases: string[] } }>("actors", "show", slug, repeated.stdout)).actor.aliases).toEqual([
      "B. Ode",
      "Benjamin Ode",
    ]);

    const updated = await margin("actors", "update", slug, id, "--description", "Harbour minister — since 2024", "--external-id", "Q42");
    expect(updated.code, updated.stderr).toBe(0);
    const aliased = await margin("actors", "alias", slug, id, "--add", "Minister Ruiz", "--add", "ana ruiz 🌊", "--remove", "a. ruiz");
    expect(aliased.code, aliased.stderr).toBe(0);
    expect(aliased.stderr).toBe(`"ana ruiz 🌊" is already the name of "Ana Ruiz 🌊"\naliases of "Ana Ruiz 🌊": Minister Ruiz`);
    // An empty value clears a field.
    expect((await margin("actors", "update", slug, id, "--kind", "")).code).toBe(0);

    const { actor } = await json<{ actor: Record<string, unknown> & { history: { kind: string; userName: string | null }[] } }>(
      "actors",
      "show",
      slug,
      id,
    );
    expect(actor).toMatchObject({
      name: "Ana Ruiz 🌊",
      aliases: ["Minister Ruiz"],
      kind: null,
      description: "Harbour minister — since 2024",
      externalId: "Q42",
      mergedInto: null,
    });
    expect(actor.history.map((event) => event.kind)).toEqual(["changed", "changed", "changed", "created"]);
    const shown = await margin("actors", "show", slug, id);
    expect(shown.stdout).toContain("description  Harbour minister — since 2024");
    expect(shown.stdout).toMatch(
      /history \(4, newest first\)\n {2}AT +WHAT +BY +DETAILS\n {2}\S+ \S+ +changed +operator +kind: "person" → null\n.*changed +operator +aliases: \["A\. Ruiz"\] → \["Minister Ruiz"\]\n/,
    );
  });

  it("counts a merged record's tags for the record it was merged into, and gives them back on a split", async () => {
    const { slug, projectId } = await createProjectWith({ owner: [owner] });
    const articleId = (await createArticle(slug, { title: "Ferries “soon”", text: TEXT })).id;
    const ana = (await margin("actors", "create", slug, "--name", "Ana Ruiz", "--kind", "person")).stdout;
    const ruiz = (await margin("actors", "create", slug, "--name", "Mr. Ruiz")).stdout;
    const anaTag = await tag(server, owner, articleId, TEXT, "actor", "Ana Ruiz", { actorId: ana });
    const ruizTag = await tag(server, owner, articleId, TEXT, "actor", "Mr. Ruiz", { actorId: ruiz });
    await tag(server, owner, articleId, TEXT, "quote", "“3,000 ferries will run by May”", { speakerId: ruizTag, direct: true });
    await tag(server, owner, articleId, TEXT, "figure", "3,000", { value: 3000, unit: "ferries" });
    await tag(server, owner, articleId, TEXT, "claim", "3,000 ferries will run by May", { sourceId: anaTag });
    await tag(server, owner, articleId, TEXT, "quote", "“no ferries at all.”");

    const counts = async () =>
      Object.fromEntries(
        (await json<{ actors: ActorListRow[] }>("actors", "list", slug)).actors.map((row) => [
          row.name,
          [row.mentions, row.quotes, row.claims, row.articles],
        ]),
      );
    expect(await counts()).toEqual({ "Ana Ruiz": [1, 0, 1, 1], "Mr. Ruiz": [1, 1, 0, 1] });

    const merged = await margin("actors", "merge", slug, ruiz, "--into", ana);
    expect(merged).toMatchObject({ code: 0, stdout: ana, stderr: `merged ${ruiz} into "Ana Ruiz" (${ana})` });
    expect(await counts()).toEqual({ "Ana Ruiz": [2, 1, 1, 1] });
    // The merged record's name still finds its root.
    const found = await margin("actors", "list", slug, "--q", "mr.");
    expect(found.stdout.split("\n")).toEqual([
      expect.stringMatching(/^ID +NAME +KIND +MENTIONS +QUOTES +CLAIMS +ARTICLES +ALIASES$/),
      expect.stringMatching(new RegExp(`^${ana} +Ana Ruiz +person +2 +1 +1 +1 +—$`)),
    ]);
    expect(found.stderr).toBe("1 of 1 record");
    expect((await json<{ actor: { merged: { id: string }[] } }>("actors", "show", slug, ana)).actor.merged.map((m) => m.id)).toEqual([
      ruiz,
    ]);

    // The merged record's page is its root's: both mentions, the quote with the figure inside it, the claim.
    type Page = {
      rootId: string;
      items: { kind: string; text: string; start: number; end: number; by: string | null; figures: { text: string }[] }[];
    };
    const page = await json<Page>("actors", "timeline", slug, ruiz);
    expect(page.rootId).toBe(ana);
    expect(page.items.map((item) => [item.kind, item.text, item.by, item.figures.map((figure) => figure.text)])).toEqual([
      ["mention", "Ana Ruiz", null, []],
      ["quote", "“3,000 ferries will run by May”", "Mr. Ruiz", ["3,000"]],
      ["claim", "3,000 ferries will run by May", "Ana Ruiz", ["3,000"]],
      ["mention", "Mr. Ruiz", null, []],
    ]);
    for (const item of page.items) expect([...TEXT].slice(item.start, item.end).join("")).toBe(item.text);
    const table = await margin("actors", "timeline", slug, ruiz, "--status", "pending");
    expect(table.stderr).toBe(`${ruiz} is merged into ${ana}: the items are that record's\n4 items`);
    expect(table.stdout).toMatch(
      /^—\s+Ferries “soon”\s+quote \(direct\)\s+pending\s+“3,000 ferries will run by May”\s+Mr\. Ruiz\s+3,000$/m,
    );

    const split = await margin("actors", "split", slug, ruiz);
    expect(split).toMatchObject({ code: 0, stdout: ruiz, stderr: `split "Mr. Ruiz" (${ruiz}) off "Ana Ruiz"` });
    expect(await counts()).toEqual({ "Ana Ruiz": [1, 0, 1, 1], "Mr. Ruiz": [1, 1, 0, 1] });
    // A page in name order counts its own records only, and still says how many there are.
    const byName = await json<{ actors: ActorListRow[]; total: number }>(
      "actors",
      "list",
      slug,
      "--sort",
      "name",
      "--limit",
      "1",
      "--offset",
      "1",
    );
    expect(byName).toMatchObject({ total: 2, actors: [{ id: ruiz, mentions: 1, quotes: 1, claims: 0, articles: 1 }] });

    const checks = await json<{ quotesWithoutSpeaker: { total: number; tags: { text: string }[] } }>("actors", "checks", slug);
    expect(checks.quotesWithoutSpeaker).toMatchObject({ total: 1, tags: [{ text: "“no ferries at all.”" }] });
    expect((await margin("actors", "checks", slug)).stdout).toContain("quotes without a speaker: 1");
    expect(await prisma.actorRecord.count({ where: { projectId } })).toBe(2);
  });

  it("refuses bad input as bad usage (exit 2) and what the registry refuses with exit 1, writing nothing", async () => {
    const id = (await margin("actors", "create", slug, "--name", "Cara Lin")).stdout;
    const other = (await margin("actors", "create", slug, "--name", "Dev Rao")).stdout;
    const before = await records();
    const refusals: [string[], number, string][] = [
      [["create", slug, "--name", "  "], 2, "actors create: --name: name must not be empty"],
      [
        ["create", slug, "--name", "X", "--kind", "robot"],
        2,
        "actors create: --kind: kind must be one of person, organization, government, group, other",
      ],
      [["create", slug, "--name", "X", "--alias", "x".repeat(201)], 2, "actors create: --alias: an alias must be at most 200 characters"],
      [["create", "--name", "X"], 2, "actors create: give <project>"],
      [["list", slug, "--sort", "size"], 2, "actors list: --sort: sort must be name, mentions, quotes, claims or articles"],
      [["list", slug, "--limit", "0"], 2, "actors list: --limit:"],
      [["show", slug, "no such id!"], 2, "actors show: <actorId>: an actor id is 1 to 64 letters, digits, '-' or '_'"],
      [["show", slug, id, "extra"], 2, "actors show: unexpected argument extra"],
      [["update", slug, id], 2, "actors update: give at least one of --name, --kind, --description, --external-id"],
      [["alias", slug, id], 2, "actors alias: give --add or --remove"],
      [["timeline", slug, id, "--status", "gold"], 2, "actors timeline: --status: status must be one of"],
      [["merge", slug, id], 2, "actors merge: --into is required"],
      [["show", "no-such-project", id], 1, "actors show: no project with slug no-such-project"],
      [["show", slug, "nosuch"], 1, `actors show: No actor record "nosuch" in this project`],
      [["update", slug, "nosuch", "--name", "Y"], 1, `actors update: no actor record "nosuch" in this project`],
      [["alias", slug, id, "--remove", "Cara"], 1, `actors alias: "Cara Lin" has no alias "Cara"`],
      [["merge", slug, id, "--into", id], 1, "actors merge: a record cannot be merged into itself"],
      [["merge", slug, id, "--into", "nosuch"], 1, `actors merge: no actor record "nosuch" in this project to merge into`],
      [["split", slug, id], 1, `actors split: "Cara Lin" is not merged into another record`],
      [["timeline", slug, "nosuch"], 1, `actors timeline: No actor record "nosuch" in this project`],
    ];
    for (const [argv, code, message] of refusals) {
      const result = await margin("actors", ...argv);
      expect({ argv, code: result.code, stdout: result.stdout }).toEqual({ argv, code, stdout: "" });
      expect(result.stderr.split("\n")[0]).toContain(message);
    }
    // A merge into a merged record is refused too: the chain would hide where tags count.
    expect((await margin("actors", "merge", slug, other, "--into", id)).code).toBe(0);
    const third = (await margin("actors", "create", slug, "--name", "Eli Sato")).stdout;
    expect(await margin("actors", "merge", slug, third, "--into", other)).toMatchObject({
      code: 1,
      stderr: `actors merge: "Dev Rao" is merged into another record: merge into that one`,
    });
    expect(await records()).toBe(before + 1);
    const cara = await json<{ actor: { history: unknown[]; aliases: string[]; name: string } }>("actors", "show", slug, id);
    expect(cara.actor).toMatchObject({ name: "Cara Lin", aliases: [] });
    expect(cara.actor.history).toHaveLength(2);
  });

  it("exits 1 with the message as its own process when the record is unknown, 0 with the id when created", async () => {
    const unknown = await runEntry("scripts/margin.ts", ["actors", "show", slug, "nosuch"]);
    expect(unknown).toMatchObject({ code: 1, stdout: "", stderr: `actors show: No actor record "nosuch" in this project\n` });
    const created = await runEntry("scripts/margin.ts", [
      "actors",
      "create",
      slug,
      "--name",
      "Fay “Ferry” Ode",
      "--alias",
      "F. Ode",
      "--alias",
      "Fay Ode",
    ]);
    expect(created.code, created.stderr).toBe(0);
    const record = await prisma.actorRecord.findUniqueOrThrow({ where: { id: created.stdout.trim() } });
    expect(record).toMatchObject({ projectId, name: "Fay “Ferry” Ode", aliases: ["F. Ode", "Fay Ode"] });
  });
});
