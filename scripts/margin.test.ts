import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { authorizeProject } from "@/lib/auth/project-access";
import { authenticateRequest } from "@/lib/auth/session-gate";
import { prisma } from "@/lib/db/prisma";
import { sessionCookie } from "@/lib/testing/actors";
import { createProjectWith, uniqueId } from "@/lib/testing/factories";
import { runEntry } from "@/lib/testing/run-process";

// The CLI runs as its own process against this test file's database (DATABASE_URL is inherited).
const margin = (...args: string[]) => runEntry("scripts/margin.ts", args);

describe("margin CLI", () => {
  it("sets up a user, a project, a member and an API token that the HTTP API accepts", async () => {
    const owner = `owner-${uniqueId()}@cli.example`;
    const editor = `editor-${uniqueId()}@cli.example`;
    const slug = `cli-${uniqueId()}`;

    const added = await margin("user", "add", "--email", owner, "--password", "owner password 1", "--name", "Owen Owner", "--admin");
    expect(added).toMatchObject({ code: 0, stderr: `created user ${owner} (admin)\n` });
    expect(added.stdout.trim()).toBe((await prisma.user.findUniqueOrThrow({ where: { email: owner } })).id);
    expect((await margin("user", "add", "--email", editor.toUpperCase(), "--password", "editor password 1", "--name", "Eda")).code).toBe(0);

    expect(await margin("project", "create", "--slug", slug, "--name", "CLI desk", "--owner", owner)).toMatchObject({
      code: 0,
      stdout: `${slug}\n`,
    });
    expect(await margin("member", "add", "--project", slug, "--email", editor, "--role", "editor")).toMatchObject({
      code: 0,
      stderr: `added ${editor} as editor of ${slug}\n`,
    });

    const token = await margin("token", "create", "--email", editor, "--name", "ci");
    expect(token.code).toBe(0);
    // The token is alone on stdout, so `$(npm run -s margin -- token create ...)` captures exactly it.
    expect(token.stdout).toMatch(/^mgn_[\w-]{43}\n$/);
    const actor = await authenticateRequest(
      new Request("http://margin.test/api/projects", { headers: { authorization: `Bearer ${token.stdout.trim()}` } }),
    );
    expect(actor.email).toBe(editor);
    expect(await authorizeProject(actor, slug, "articles:import")).toMatchObject({ ok: true, value: { role: "editor" } });
  });

  it("prints help, and exits 2 on an unknown command, a missing option or an invalid value", async () => {
    const help = await margin("--help");
    expect(help.code).toBe(0);
    for (const command of ["user add", "project create", "member add", "token create", "seed"]) expect(help.stdout).toContain(command);
    expect(await margin("user", "add", "--help")).toMatchObject({ code: 0, stdout: expect.stringContaining("--password <value>") });

    expect(await margin("frobnicate")).toMatchObject({ code: 2, stderr: expect.stringContaining("unknown command: frobnicate") });
    expect(await margin("user", "add", "--email", "a@b.example", "--name", "A")).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("--password is required"),
    });
    expect(await margin("user", "add", "--email", "not-an-email", "--name", "A", "--password", "long enough pw")).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("--email: Enter a valid email address"),
    });
    expect(await margin("member", "add", "--project", "x", "--email", "a@b.example", "--role", "boss")).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("--role"),
    });
    expect(await margin("token", "create", "--email", "a@b.example", "--name", "x", "--bogus")).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("bogus"),
    });
  });

  it("exits 1 with a one-line reason when the command cannot be done", async () => {
    const email = `dup-${uniqueId()}@cli.example`;
    expect((await margin("user", "add", "--email", email, "--password", "long enough pw", "--name", "A")).code).toBe(0);
    expect(await margin("user", "add", "--email", email, "--password", "long enough pw", "--name", "A")).toEqual({
      code: 1,
      stdout: "",
      stderr: "user add: An account with this email already exists\n",
    });
    expect(await margin("member", "add", "--project", "no-such-project", "--email", email, "--role", "viewer")).toEqual({
      code: 1,
      stdout: "",
      stderr: "member add: no project with slug no-such-project\n",
    });
    expect(await margin("token", "create", "--email", `nobody-${uniqueId()}@cli.example`, "--name", "x")).toMatchObject({ code: 1 });
  });

  it("imports files and globs, prints one line per article and a summary, and exits 1 when any failed", async () => {
    const { slug, projectId } = await createProjectWith({});
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "margin-import-"));
    const write = (name: string, content: string | Buffer) => fs.writeFileSync(path.join(dir, name), content);
    write("a-good.txt", "Bridge reopens\n\nThe bridge reopened on Friday — two weeks early.\n\nShare on Facebook");
    write("b-copy.txt", "Bridge reopens\r\n\r\nThe bridge reopened on Friday — two weeks early.\r\n\r\nShare on Facebook\r\n");
    write("c-binary.txt", Buffer.from([0, 1, 2, 3]));
    write("page.html", "<article><h1>Dam inspection</h1><p>Engineers found “no cracks”…</p></article>");
    write("feed.jsonl", '{"title":"From a feed","text":"Feed body."}\n{oops\n');
    try {
      const result = await margin(
        "import",
        "--project",
        slug,
        path.join(dir, "*.txt"),
        path.join(dir, "page.html"),
        path.join(dir, "feed.jsonl"),
        path.join(dir, "missing.md"),
      );
      expect(result.code).toBe(1);
      const lines = result.stdout.trim().split("\n");
      const rel = (name: string) => path.join(dir, name);
      expect(lines).toEqual([
        expect.stringMatching(new RegExp(`^imported   ${rel("a-good.txt")} → \\w+ "Bridge reopens" \\(2 furniture paragraphs removed\\)$`)),
        expect.stringMatching(new RegExp(`^duplicate  ${rel("b-copy.txt")} = \\w+ "Bridge reopens"$`)),
        `failed     ${rel("c-binary.txt")}: binary file, not text`,
        expect.stringMatching(new RegExp(`^imported   ${rel("page.html")} → \\w+ "Dam inspection"`)),
        expect.stringMatching(new RegExp(`^imported   ${rel("feed.jsonl")} line 1 → \\w+ "From a feed"$`)),
        expect.stringMatching(new RegExp(`^failed     ${rel("feed.jsonl")} line 2: invalid JSON`)),
        `failed     ${rel("missing.md")}: no such file`,
        "6 files, 7 articles: 3 imported, 1 duplicate, 3 failed",
      ]);
      const stored = await prisma.article.findMany({
        where: { projectId },
        orderBy: { title: "asc" },
        select: { title: true, text: true, origin: true },
      });
      expect(stored).toEqual([
        { title: "Bridge reopens", text: "The bridge reopened on Friday — two weeks early.", origin: `cli:${rel("a-good.txt")}` },
        { title: "Dam inspection", text: "Engineers found “no cracks”…", origin: `cli:${rel("page.html")}` },
        { title: "From a feed", text: "Feed body.", origin: `cli:${rel("feed.jsonl")}` },
      ]);

      const kept = await margin("import", "--project", slug, "--keep-artifacts", rel("a-good.txt"));
      expect(kept).toMatchObject({ code: 0, stdout: expect.stringContaining("1 file, 1 article: 1 imported, 0 duplicate, 0 failed") });
      expect(await margin("import", "--project", slug)).toMatchObject({
        code: 2,
        stderr: expect.stringContaining("give files, globs or addresses..."),
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("ends every session of a user, whose old cookies then sign nobody in", async () => {
    const email = `leaving-${uniqueId()}@cli.example`;
    expect((await margin("user", "add", "--email", email, "--password", "leaving password 1", "--name", "Lee")).code).toBe(0);
    const user = await prisma.user.findUniqueOrThrow({ where: { email } });
    const cookie = await sessionCookie(user);
    const request = () => new Request("http://margin.test/api/me", { headers: { cookie, host: "margin.test" } });
    expect(await authenticateRequest(request())).toMatchObject({ userId: user.id });
    expect(await margin("user", "sign-out", "--email", email)).toMatchObject({
      code: 0,
      stdout: "1\n",
      stderr: `ended 1 session of ${email}\n`,
    });
    await expect(authenticateRequest(request())).rejects.toMatchObject({ code: "unauthorized" });
    expect(await margin("user", "sign-out", "--email", `nobody-${uniqueId()}@cli.example`)).toMatchObject({ code: 1 });
  });
});
