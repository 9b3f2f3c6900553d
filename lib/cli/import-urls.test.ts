import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { createProjectWith, createUser } from "@/lib/testing/factories";
import { htmlPage, startPageServer, type PageServer } from "@/lib/testing/page-server";
import { execute, resolve, type CliResult } from "./run";

let pages: PageServer;

const STORY = `<!DOCTYPE html><html lang="en"><head><title>Ferry returns | Island Post</title>
<link rel="canonical" href="https://islandpost.example/ferry-returns"></head>
<body><nav><a href="/">Home</a></nav><article><h1>Ferry returns</h1>
<p>The “Morning Star” ferry returned to service on Tuesday — three weeks after its engine failed 🚢.</p>
<p>Islanders queued from dawn; the first crossing sold out in an hour.</p></article></body></html>`;

beforeAll(async () => {
  process.env.MARGIN_IMPORT_ALLOW_PRIVATE_URLS = "1";
  pages = await startPageServer();
  pages.route("/ferry", htmlPage(STORY));
  pages.route("/ferry-amp", htmlPage(STORY.replace("three weeks", "21 days")));
  pages.route("/photo.jpg", htmlPage("JFIF", "image/jpeg"));
});
afterAll(async () => {
  delete process.env.MARGIN_IMPORT_ALLOW_PRIVATE_URLS;
  await pages.close();
});

async function run(argv: string[]): Promise<CliResult> {
  const resolved = resolve(argv);
  return "command" in resolved ? execute(resolved) : resolved;
}

describe("margin import <addresses>", () => {
  it("imports each page, one line per address and a summary; a failure sets exit status 1", async () => {
    const { slug, projectId } = await createProjectWith({ owner: [await createUser()] });
    const result = await run(["import", "--project", slug, pages.url("/ferry"), pages.url("/ferry-amp"), pages.url("/photo.jpg")]);
    const [imported] = await prisma.article.findMany({ where: { projectId } });
    expect(result).toEqual({
      exitCode: 1,
      stdout: [
        `imported   ${pages.url("/ferry")} → ${imported!.id} "Ferry returns"`,
        // Another text at the same canonical address.
        `duplicate  ${pages.url("/ferry-amp")} = ${imported!.id} "Ferry returns" (same address)`,
        `failed     ${pages.url("/photo.jpg")}: could not import: the address answers image/jpeg, not an HTML page`,
        "3 addresses: 1 imported, 1 duplicate, 1 failed",
      ],
    });
    expect(imported).toMatchObject({
      url: "https://islandpost.example/ferry-returns",
      origin: `url:${pages.url("/ferry")}`,
      language: "en",
    });
    expect(imported!.text).toBe(
      "The “Morning Star” ferry returned to service on Tuesday — three weeks after its engine failed 🚢.\n\nIslanders queued from dawn; the first crossing sold out in an hour.",
    );
  });

  it("refuses files and addresses mixed in one run, and documents addresses in its help", async () => {
    const { slug } = await createProjectWith({ owner: [await createUser()] });
    expect(await run(["import", "--project", slug, "story.txt", pages.url("/ferry")])).toMatchObject({
      exitCode: 2,
      stderr: expect.arrayContaining(["import: give either files or web page addresses, not both in one run"]),
    });
    const help = await run(["import", "--help"]);
    expect(help.stdout?.join("\n")).toContain("MARGIN_IMPORT_ALLOW_PRIVATE_URLS=1");
  });
});
