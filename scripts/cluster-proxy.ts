/**
 * The load balancer in front of a cluster of Margin instances on this machine, shared by `npm run cluster`
 * (scripts/cluster.ts) and the test of the shipped configuration (server/haproxy.test.ts): HAProxy with
 * deploy/haproxy.cfg rendered for the instances' addresses, or, where HAProxy is not installed, a plain
 * round-robin TCP proxy.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export const HAPROXY_CONFIG = path.join(import.meta.dirname, "..", "deploy", "haproxy.cfg");

export type Upstream = { name: string; address: string };

const SERVERS_START = /^\s*# servers:/;
const SERVERS_END = /^\s*# end servers/;
const SERVER_LINE = /^(\s*server\s+)(\S+)\s+(\S+)(.*)$/;

/**
 * The configuration with each backend's server list replaced by `upstreams`. Every block between a
 * "# servers:" and an "# end servers" line holds one line per instance; its first `server` line is the
 * pattern (options kept, its own name replaced wherever it appears, as in `track margin_article/margin1`),
 * so that an operator's edits of the options survive the rendering.
 */
export function renderHaproxyConfig(template: string, upstreams: readonly Upstream[]): string {
  if (upstreams.length === 0) throw new Error("a cluster needs at least one instance");
  const lines = template.split("\n");
  const out: string[] = [];
  let blocks = 0;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    out.push(line);
    if (!SERVERS_START.test(line)) continue;
    const block: string[] = [];
    for (index++; index < lines.length && !SERVERS_END.test(lines[index]!); index++) block.push(lines[index]!);
    if (index === lines.length) throw new Error(`"${line.trim()}" has no "# end servers" line`);
    const pattern = block.map((server) => SERVER_LINE.exec(server)).find((match) => match !== null);
    if (!pattern) throw new Error(`no server line after "${line.trim()}"`);
    const [lead, name, options] = [pattern[1]!, pattern[2]!, pattern[4]!];
    for (const upstream of upstreams) {
      const rest = options.replaceAll(`/${name}`, `/${upstream.name}`);
      out.push(`${lead}${upstream.name} ${upstream.address}${rest}`);
    }
    out.push(lines[index]!);
    blocks++;
  }
  if (blocks === 0) throw new Error('the configuration has no "# servers:" block');
  return out.join("\n");
}

function executable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * HAProxy's binary: HAPROXY when set (and null if that is not an executable), else `haproxy` on the PATH
 * or in the sbin folders Debian installs to, which an ordinary user's PATH often lacks.
 */
export function findHaproxy(): string | null {
  if (process.env.HAPROXY) return executable(process.env.HAPROXY) ? process.env.HAPROXY : null;
  const folders = [...(process.env.PATH ?? "").split(path.delimiter), "/usr/sbin", "/usr/local/sbin", "/sbin"];
  return folders.map((folder) => folder && path.join(folder, "haproxy")).find((candidate) => candidate && executable(candidate)) || null;
}

export type RunningHaproxy = {
  child: ChildProcess;
  /** Everything HAProxy printed so far (its log goes to standard output, alerts and warnings to stderr). */
  output(): string;
  /** Stops it at once (SIGTERM: a hard stop; a soft stop would wait for every WebSocket to end). */
  stop(): Promise<void>;
};

/** Resolves when the process has ended, or could not be started at all (its "exit" may then never come). */
function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.once("error", () => resolve());
  });
}

async function accepts(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, host);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/**
 * Runs HAProxy in the foreground with deploy/haproxy.cfg rendered for `upstreams`, listening on
 * `host:port`; resolves once it accepts connections. `onOutput` receives its output line by line.
 * `detached` puts it in a process group of its own, so that a Ctrl-C in the terminal reaches only the
 * script that stops it in order.
 */
export async function startHaproxy(options: {
  binary: string;
  upstreams: readonly Upstream[];
  port: number;
  host?: string;
  /** Added to its environment (MARGIN_HAPROXY_LOG_LEVEL=info logs every request). */
  env?: Record<string, string>;
  /** Each line it prints: its log on standard output, its alerts and warnings (state changes too) on stderr. */
  onOutput?: (line: string, stream: "stdout" | "stderr") => void;
  detached?: boolean;
}): Promise<RunningHaproxy> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "margin-haproxy-"));
  const config = path.join(folder, "haproxy.cfg");
  fs.writeFileSync(config, renderHaproxyConfig(fs.readFileSync(HAPROXY_CONFIG, "utf8"), options.upstreams));
  const host = options.host ?? "127.0.0.1";
  const bind = `${options.host ?? ""}:${options.port}`;
  const child = spawn(options.binary, ["-db", "-f", config], {
    env: { ...process.env, ...options.env, MARGIN_BIND: bind },
    stdio: ["ignore", "pipe", "pipe"],
    detached: options.detached ?? false,
  });
  let output = "";
  for (const [name, stream] of [
    ["stdout", child.stdout!],
    ["stderr", child.stderr!],
  ] as const) {
    let partial = "";
    stream.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (!options.onOutput) return;
      const lines = (partial + chunk.toString()).split("\n");
      partial = lines.pop()!;
      for (const line of lines) if (line.trim()) options.onOutput(line, name);
    });
  }
  const gone = exited(child).then(() => fs.rmSync(folder, { recursive: true, force: true }));
  // Set when the binary cannot be run at all (the child then never starts).
  const spawnError: { error?: Error } = {};
  child.once("error", (error) => (spawnError.error = error));
  const deadline = Date.now() + 10_000;
  while (!(await accepts(options.port, host))) {
    if (spawnError.error || child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      await gone;
      throw new Error(`HAProxy did not start on ${bind}${spawnError.error ? ` (${spawnError.error.message})` : ""}:\n${output.trim()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    child,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await gone;
    },
  };
}

/**
 * The fallback without HAProxy: each new connection goes to the next instance in turn, skipping one that
 * refuses it. No hashing, so an article's sockets often reach an instance that forwards them to the owner:
 * correct, one hop more.
 */
export async function startRoundRobinProxy(ports: readonly number[], listen: { port: number; host?: string }) {
  let next = 0;
  const sockets = new Set<net.Socket>();
  const proxy = net.createServer((client) => {
    sockets.add(client);
    client.once("close", () => sockets.delete(client));
    // A client gone before its instance answered: nothing to tell.
    client.on("error", () => client.destroy());
    client.pause();
    const tryInstance = (attempt: number) => {
      if (attempt >= ports.length) return client.destroy();
      const upstream = net.connect(ports[next++ % ports.length]!, "127.0.0.1");
      upstream.once("connect", () => {
        upstream.removeAllListeners("error");
        // As a load balancer does: small messages (a keystroke) go out at once, not after Nagle's wait.
        client.setNoDelay(true);
        upstream.setNoDelay(true);
        client.pipe(upstream).pipe(client);
        client.resume();
        const end = () => {
          client.destroy();
          upstream.destroy();
        };
        client.on("error", end).on("close", end);
        upstream.on("error", end).on("close", end);
      });
      // Refused (stopped, or starting): the next instance, as a load balancer's health check would do.
      upstream.once("error", () => tryInstance(attempt + 1));
    };
    tryInstance(0);
  });
  await new Promise<void>((resolve, reject) => {
    proxy.once("error", reject);
    proxy.listen(listen.port, listen.host, resolve);
  });
  return {
    /** The port it listens on (the one asked for, or the one given for 0). */
    port: (proxy.address() as net.AddressInfo).port,
    stop: () =>
      new Promise<void>((resolve) => {
        proxy.close(() => resolve());
        // Open WebSockets would keep it from closing.
        for (const socket of sockets) socket.destroy();
      }),
  };
}
