/**
 * `npm run bench:startup`: time from `npm run dev` to the first page served (the sign-in page), cold and
 * warm. Cold: a new embedded database (initdb, migrations, demo seed) and no Next.js dev cache. Warm: the
 * same again with both kept. Runs on its own port and data folder; stop a running `npm run dev` first
 * (Next.js allows one dev server per folder).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const port = 3900 + Math.floor(Math.random() * 90);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "margin-bench-"));
fs.chmodSync(dataDir, 0o755);

async function firstPage(): Promise<number> {
  const started = performance.now();
  const child = spawn("npm", ["run", "dev"], {
    env: {
      ...process.env,
      PORT: String(port),
      MARGIN_DATA_DIR: dataDir,
      MARGIN_PG_PORT: String(port + 50000 - 3900),
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: "ignore",
    detached: true,
  });
  try {
    for (;;) {
      const response = await fetch(`http://127.0.0.1:${port}/sign-in`).catch(() => null);
      if (response?.ok) return performance.now() - started;
      if (child.exitCode !== null) throw new Error(`npm run dev exited with ${child.exitCode}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    process.kill(-child.pid!, "SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
  }
}

async function main() {
  fs.rmSync(path.join(process.cwd(), ".next", "dev"), { recursive: true, force: true });
  const cold = await firstPage();
  const warm = await firstPage();
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(
    `machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  );
  console.log(`npm run dev → first page, cold (new database + seed, no .next cache): ${seconds(cold)}`);
  console.log(`npm run dev → first page, warm (existing database and cache):       ${seconds(warm)}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
}

void main();
