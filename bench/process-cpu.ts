/**
 * CPU time of the server process and of the PostgreSQL cluster behind it, read from /proc (Linux): what each
 * keystroke or tag costs the machine, which latency alone hides while the cores are idle.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";

const TICKS_PER_SECOND = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

/** Fields of /proc/<pid>/stat after the command's name (which may hold spaces): [0] is field 3, the state. */
function statFields(pid: number): string[] | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null;
  }
}

/**
 * User plus system CPU seconds of these processes; with `children`, also of their children that have ended
 * (a postmaster collects its backends' times as they exit).
 */
export function cpuSeconds(pids: number[], options: { children?: boolean } = {}): number {
  let ticks = 0;
  for (const pid of pids) {
    const fields = statFields(pid);
    if (fields) ticks += Number(fields[11]) + Number(fields[12]) + (options.children ? Number(fields[13]) + Number(fields[14]) : 0);
  }
  return ticks / TICKS_PER_SECOND;
}

const processIds = () =>
  fs
    .readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map(Number);

/** The PostgreSQL postmaster listening on `port`, and its backends and helpers as they are now. */
function postgresProcesses(port: number): { postmaster?: number; children: number[] } {
  const postmaster = processIds().find((pid) => {
    try {
      const command = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      return command[0]?.endsWith("/postgres") && command.includes(String(port)) && command.includes("-p");
    } catch {
      return false;
    }
  });
  if (postmaster === undefined) return { children: [] };
  return { postmaster, children: processIds().filter((pid) => statFields(pid)?.[1] === String(postmaster)) };
}

export type CpuMeter = { read(): { server: number; database: number } };

/** Reads the server's and the database's CPU seconds; the database's processes are listed anew each time. */
export function cpuMeter(serverPid: number, databasePort: number): CpuMeter {
  return {
    read: () => {
      const database = postgresProcesses(databasePort);
      return {
        server: cpuSeconds([serverPid]),
        // NaN for a database this machine does not show as a postmaster with `-p <port>` (a system service).
        database: database.postmaster ? cpuSeconds([database.postmaster], { children: true }) + cpuSeconds(database.children) : NaN,
      };
    },
  };
}

/**
 * Waits until a process has used under a tenth of a core for two seconds (at most a minute): work left from
 * an earlier part (storing, unloading a large article, collecting its garbage) would be counted in the next.
 */
export async function settle(pid: number, options: { share?: number; quietMs?: number; maxMs?: number } = {}): Promise<void> {
  const { share = 0.1, quietMs = 2000, maxMs = 60_000 } = options;
  const started = performance.now();
  let quietSince = started;
  let last = cpuSeconds([pid]);
  while (performance.now() - started < maxMs) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = cpuSeconds([pid]);
    if (now - last > share * 0.5) quietSince = performance.now();
    else if (performance.now() - quietSince >= quietMs) return;
    last = now;
  }
}
