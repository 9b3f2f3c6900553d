/**
 * Margin's production server as a child process (`npm start`), for tests that signal or kill it. It needs
 * `next build` first; `npm test` builds before it runs Vitest.
 */
import { spawn, type ChildProcess } from "node:child_process";

export type ServerProcess = { child: ChildProcess; port: number; output: () => string };

/**
 * `settings` override this process's environment; an undefined value removes the variable. `nodeArgs` go
 * to Node before the entry point (the editor benchmark inspects the server's heap with `--inspect`).
 */
export function startServerProcess(
  settings: Record<string, string | undefined> & { PORT: string },
  timeoutMs = 60_000,
  nodeArgs: string[] = [],
): Promise<ServerProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    TSX_TSCONFIG_PATH: "tsconfig.node.json",
    AUTH_SECRET: "server-test-secret",
  };
  for (const [key, value] of Object.entries(settings)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  const port = Number(settings.PORT);
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", "server/main.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("margin: ready on")) {
        clearTimeout(timer);
        resolve({ child, port, output: () => output });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}

export function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve(child.exitCode) : child.once("exit", (code) => resolve(code)),
  );
}
