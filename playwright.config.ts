import fs from "node:fs";
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
// A fresh database per run, named once in the runner and inherited by its workers through the environment.
process.env.E2E_DB_NAME ??= `e2e_${Date.now()}`;

/** A system Chromium when one is installed (or named), else Playwright's own browser. */
function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((candidate) => fs.existsSync(candidate));
}
const executablePath = chromiumPath();

export default defineConfig({
  testDir: "e2e",
  // Lets e2e fixtures import lib/ data modules (see tsconfig.node.json).
  tsconfig: "./tsconfig.node.json",
  globalSetup: "./e2e/global-setup.ts",
  fullyParallel: true,
  workers: Number(process.env.E2E_WORKERS ?? 2),
  forbidOnly: true,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath,
      // Flags for running as root in a container and on a machine without outside network.
      args: executablePath
        ? [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
          ]
        : [],
    },
  },
  webServer: {
    command: "node --import tsx server/main.ts",
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    env: {
      NODE_ENV: "production",
      TSX_TSCONFIG_PATH: "tsconfig.node.json",
      PORT: String(port),
      MARGIN_DB_PROFILE: "e2e",
      MARGIN_DB_NAME: process.env.E2E_DB_NAME,
      AUTH_SECRET: "e2e-only-secret-0123456789abcdefghijklmnopqrstuvwxyz",
      NEXT_TELEMETRY_DISABLED: "1",
      // The import-by-URL spec serves its pages from a local server, as an intranet newsroom would.
      MARGIN_IMPORT_ALLOW_PRIVATE_URLS: "1",
    },
  },
});
