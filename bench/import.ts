/**
 * `npm run bench:import`: imports 1,000 articles of about 8,000 characters through the CLI
 * (`margin import --project … "dir/*.txt"`) into a scratch database and prints articles per second and the
 * CLI's peak memory (via /usr/bin/time when installed). Options: --articles N --chars N.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createScratchDatabase, openDatabase } from "@/lib/db/database";
import { applyMigrations } from "@/lib/db/migrations";
import { newsText, rng } from "./news-text";

const { values } = parseArgs({ options: { articles: { type: "string", default: "1000" }, chars: { type: "string", default: "8000" } } });
const count = Number(values.articles);
const chars = Number(values.chars);

function cli(args: string[], env: Record<string, string>, timed = false) {
  const command = [process.execPath, "--import", "tsx", "scripts/margin.ts", ...args];
  const time = timed && fs.existsSync("/usr/bin/time");
  const result = spawnSync(time ? "/usr/bin/time" : command[0]!, time ? ["-f", "TIME %e %M", ...command] : command.slice(1), {
    env: { ...process.env, ...env, TSX_TSCONFIG_PATH: "tsconfig.node.json" } as NodeJS.ProcessEnv,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`margin ${args.join(" ")} failed:\n${result.stderr}`);
  return result;
}

async function main() {
  const server = await openDatabase({ profile: "test", database: "postgres", migrate: false });
  const scratch = await createScratchDatabase(server.url, "margin_bench");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "margin-bench-import-"));
  try {
    await applyMigrations(scratch.url);
    const env = { DATABASE_URL: scratch.url };
    cli(["user", "add", "--email", "bench@example.com", "--password", "benchmark password", "--name", "Bench"], env);
    cli(["project", "create", "--slug", "bench", "--name", "Bench", "--owner", "bench@example.com"], env);
    const random = rng(42);
    let bytes = 0;
    for (let index = 0; index < count; index++) {
      const text = `Benchmark story ${index + 1}\nBy Staff Writer\n\n${newsText(random, chars)}\n\nShare on Facebook\n`;
      bytes += Buffer.byteLength(text);
      fs.writeFileSync(path.join(dir, `article-${String(index).padStart(5, "0")}.txt`), text);
    }
    const started = performance.now();
    const result = cli(["import", "--project", "bench", path.join(dir, "*.txt")], env, true);
    const wall = (performance.now() - started) / 1000;
    const summary = result.stdout.trim().split("\n").pop();
    const timing = /TIME ([\d.]+) (\d+)/.exec(result.stderr);
    console.log(
      `machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    );
    console.log(`input: ${count} articles, ${(bytes / 1024 / 1024).toFixed(1)} MB (${Math.round(bytes / count)} bytes each)`);
    console.log(`result: ${summary}`);
    console.log(
      `wall time: ${wall.toFixed(1)} s (CLI start included) → ${(count / wall).toFixed(0)} articles/s, ${(bytes / 1024 / 1024 / wall).toFixed(1)} MB/s`,
    );
    console.log(
      timing ? `CLI peak RSS: ${(Number(timing[2]) / 1024).toFixed(0)} MB` : "CLI peak RSS: not measured (/usr/bin/time not installed)",
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await scratch.drop();
    await server.stop();
  }
}

void main();
