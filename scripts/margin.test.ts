import { describe, expect, it } from "vitest";
import { authorizeProject } from "@/lib/auth/project-access";
import { authenticateRequest } from "@/lib/auth/session-gate";
import { prisma } from "@/lib/db/prisma";
import { uniqueId } from "@/lib/testing/factories";
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

    expect(await margin("project", "create", "--slug", slug, "--name", "CLI desk", "--owner", owner)).toMatchObject({ code: 0, stdout: `${slug}\n` });
    expect(await margin("member", "add", "--project", slug, "--email", editor, "--role", "editor")).toMatchObject({ code: 0, stderr: `added ${editor} as editor of ${slug}\n` });

    const token = await margin("token", "create", "--email", editor, "--name", "ci");
    expect(token.code).toBe(0);
    // The token is alone on stdout, so `$(npm run -s margin -- token create ...)` captures exactly it.
    expect(token.stdout).toMatch(/^mgn_[\w-]{43}\n$/);
    const actor = await authenticateRequest(new Request("http://margin.test/api/projects", { headers: { authorization: `Bearer ${token.stdout.trim()}` } }));
    expect(actor.email).toBe(editor);
    expect(await authorizeProject(actor, slug, "articles:import")).toMatchObject({ ok: true, value: { role: "editor" } });
  });

  it("prints help, and exits 2 on an unknown command, a missing option or an invalid value", async () => {
    const help = await margin("--help");
    expect(help.code).toBe(0);
    for (const command of ["user add", "project create", "member add", "token create", "seed"]) expect(help.stdout).toContain(command);
    expect(await margin("user", "add", "--help")).toMatchObject({ code: 0, stdout: expect.stringContaining("--password <value>") });

    expect(await margin("frobnicate")).toMatchObject({ code: 2, stderr: expect.stringContaining("unknown command: frobnicate") });
    expect(await margin("user", "add", "--email", "a@b.example", "--name", "A")).toMatchObject({ code: 2, stderr: expect.stringContaining("--password is required") });
    expect(await margin("user", "add", "--email", "not-an-email", "--name", "A", "--password", "long enough pw")).toMatchObject({ code: 2, stderr: expect.stringContaining("--email: Enter a valid email address") });
    expect(await margin("member", "add", "--project", "x", "--email", "a@b.example", "--role", "boss")).toMatchObject({ code: 2, stderr: expect.stringContaining("--role") });
    expect(await margin("token", "create", "--email", "a@b.example", "--name", "x", "--bogus")).toMatchObject({ code: 2, stderr: expect.stringContaining("bogus") });
  });

  it("exits 1 with a one-line reason when the command cannot be done", async () => {
    const email = `dup-${uniqueId()}@cli.example`;
    expect((await margin("user", "add", "--email", email, "--password", "long enough pw", "--name", "A")).code).toBe(0);
    expect(await margin("user", "add", "--email", email, "--password", "long enough pw", "--name", "A")).toEqual({ code: 1, stdout: "", stderr: "user add: An account with this email already exists\n" });
    expect(await margin("member", "add", "--project", "no-such-project", "--email", email, "--role", "viewer")).toEqual({ code: 1, stdout: "", stderr: "member add: no project with slug no-such-project\n" });
    expect(await margin("token", "create", "--email", `nobody-${uniqueId()}@cli.example`, "--name", "x")).toMatchObject({ code: 1 });
  });
});
