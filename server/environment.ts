/**
 * Process configuration read before anything else starts: `.env` files (as Next.js reads them) and the
 * Auth.js secret.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { loadEnvConfig } from "@next/env";
import { DATA_ROOT, type DatabaseProfile } from "@/lib/db/database";
import { StartupError } from "@/lib/db/startup-error";

export function loadEnvironment(dev: boolean): void {
  loadEnvConfig(process.cwd(), dev, { info: () => {}, error: console.error });
}

/**
 * Auth.js signs sessions with AUTH_SECRET. Development and tests get one generated once and kept under the
 * data folder (so sessions survive restarts); production refuses to start without one, because a secret
 * nobody configured is a secret nobody rotates or backs up.
 */
export function ensureAuthSecret(dev: boolean): void {
  if (process.env.AUTH_SECRET) return;
  if (!dev) throw new StartupError("AUTH_SECRET must be set in production (generate one with `openssl rand -base64 33`)");
  const file = path.join(DATA_ROOT, "auth-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(DATA_ROOT, { recursive: true });
    fs.writeFileSync(file, randomBytes(33).toString("base64") + "\n", { mode: 0o600 });
  }
  process.env.AUTH_SECRET = fs.readFileSync(file, "utf8").trim();
}

export function databaseProfile(): DatabaseProfile {
  const profile = process.env.MARGIN_DB_PROFILE ?? "app";
  if (profile !== "app" && profile !== "test" && profile !== "e2e")
    throw new StartupError(`MARGIN_DB_PROFILE must be app, test or e2e (got "${profile}")`);
  return profile;
}

/** The embedded server's database name; e2e runs use a fresh one per run. */
export function databaseName(): string {
  const name = process.env.MARGIN_DB_NAME ?? "margin";
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new StartupError(`MARGIN_DB_NAME must be a lower-case SQL identifier (got "${name}")`);
  return name;
}

export function listenPort(): number {
  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new StartupError(`PORT must be a port number (got "${process.env.PORT}")`);
  return port;
}
