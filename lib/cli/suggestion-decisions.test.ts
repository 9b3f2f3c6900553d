/**
 * The CLI's bulk decisions on suggestions, through a real running server (the production build as a child
 * process on this file's database): accepting makes the member's tags in the live documents, dismissing
 * hides suggestions from that member only, and the token the CLI mints for the member is revoked after.
 */
import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/api-tokens/mutations";
import { prisma } from "@/lib/db/prisma";
import { createArticle, createProjectWith, createUser } from "@/lib/testing/factories";
import { exitOf, startServerProcess } from "@/lib/testing/server-process";
import { CommandFailure } from "./command-types";
import { listSuggestionsCommand } from "./suggest-commands";

const TEXT = "🌊 The council counted 1,219 ballots and about 40% more voters, Mayor Ana Ruiz said — “a record,” she added.";
const port = 61000 + Math.floor(Math.random() * 1000);
const server = `http://127.0.0.1:${port}`;
let child: ChildProcess;
let slug: string;
let article: string;
let editor: { id: string; email: string };
let colleague: { id: string; email: string };
const tokens: Record<string, string> = {};

const api = async (who: string, path: string, init: { method?: string; body?: unknown } = {}) => {
  const response = await fetch(`${server}${path}`, {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${tokens[who]}`, "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};
const offered = async (who: string) =>
  (await api(who, `/api/articles/${article}/suggestions`)).body.suggestions as { id: string; label: string; text: string; score: number }[];

beforeAll(async () => {
  editor = await createUser({ name: "Editor" });
  colleague = await createUser({ name: "Colleague" });
  ({ slug } = await createProjectWith({ editor: [editor, colleague] }));
  article = (await createArticle(slug, { title: "Count", text: TEXT })).id;
  tokens.editor = (await createApiToken(editor.id, "test")).token;
  tokens.colleague = (await createApiToken(colleague.id, "test")).token;
  ({ child } = await startServerProcess({ PORT: String(port), DATABASE_URL: process.env.DATABASE_URL }));
  expect((await api("editor", `/api/articles/${article}/suggestions`, { method: "POST", body: {} })).status).toBe(200);
}, 90_000);

afterAll(async () => {
  if (child) {
    child.kill("SIGTERM");
    await exitOf(child);
  }
});

describe("margin suggestions --accept-above / --dismiss-below", () => {
  it("accepts a label's suggestions above a score as the member's tags, through the running server", async () => {
    const figures = (await offered("editor")).filter((item) => item.label === "figure");
    expect(figures.map((item) => item.text)).toContain("1,219 ballots");
    const output = await listSuggestionsCommand({
      project: slug,
      article,
      "accept-above": "0.5",
      label: "figure",
      as: editor.email,
      server,
    });
    expect(output.stderr).toEqual([`${figures.length} figure suggestions scoring at least 0.5 accepted as ${editor.email}'s tags`]);
    const tags = (await api("editor", `/api/articles/${article}/annotations`)).body.annotations as {
      label: string;
      text: string;
      annotators: { id: string }[];
    }[];
    expect(
      tags
        .filter((tag) => tag.label === "figure")
        .map((tag) => tag.text)
        .sort(),
    ).toEqual(figures.map((item) => item.text).sort());
    expect(tags.every((tag) => tag.annotators.map((who) => who.id).join() === editor.id)).toBe(true);
  });

  it("dismisses a label's suggestions below a score for the member only", async () => {
    const actors = (await offered("colleague")).filter((item) => item.label === "actor");
    expect(actors.length).toBeGreaterThan(0);
    const output = await listSuggestionsCommand({
      project: slug,
      article,
      "dismiss-below": "1",
      label: "actor",
      as: colleague.email,
      server,
    });
    expect(output.stdout).toHaveLength(actors.length);
    expect((await offered("colleague")).filter((item) => item.label === "actor")).toEqual([]);
    expect(
      (await offered("editor"))
        .filter((item) => item.label === "actor")
        .map((item) => item.id)
        .sort(),
    ).toEqual(actors.map((item) => item.id).sort());
  });

  it("says what is wrong, and leaves no live token behind, whatever happened", async () => {
    await expect(
      listSuggestionsCommand({
        project: slug,
        article,
        "accept-above": "0.5",
        label: "figure",
        as: editor.email,
        server: "http://127.0.0.1:9",
      }),
    ).rejects.toThrow(CommandFailure);
    await expect(
      listSuggestionsCommand({ project: slug, article, "accept-above": "2", label: "figure", as: editor.email, server }),
    ).rejects.toThrow(/--accept-above: a score from 0 to 1/);
    await expect(listSuggestionsCommand({ project: slug, article, "accept-above": "0.5", label: "figure", server })).rejects.toThrow(
      /--as/,
    );
    const minted = await prisma.apiToken.findMany({
      where: { name: { startsWith: "margin suggestions (CLI" } },
      select: { revokedAt: true },
    });
    expect(minted.length).toBe(3);
    expect(minted.every((token) => token.revokedAt !== null)).toBe(true);
  });
});
