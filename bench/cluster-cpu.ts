/**
 * Where bench/cluster.ts's CPU went over a window, from /proc (Linux): each server of the cluster, the
 * PostgreSQL backends of its database, the benchmark itself, and the whole machine.
 */
import fs from "node:fs";
import os from "node:os";
import type { Cluster } from "@/lib/testing/cluster";
import { cpuSeconds } from "./process-cpu";

/** CPU time (ms) of a process so far; 0 once it is gone. */
const cpuMs = (pid: number) => cpuSeconds([pid]) * 1000;

/** The PostgreSQL backends serving one database (their process titles name it). */
function backendsOf(database: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").includes(` ${database} `)) pids.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return pids;
}

/** The whole machine's busy and total CPU time (ms), every core, from /proc/stat. */
function machineMs(): { busy: number; total: number } {
  const [, ...ticks] = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/);
  const numbers = ticks.map(Number);
  const idle = numbers[3]! + numbers[4]!;
  const total = numbers.reduce((sum, value) => sum + value, 0);
  return { busy: (total - idle) * 10, total: total * 10 };
}

/** Where the CPU went over a window: each server, this database's PostgreSQL backends, this process, the machine. */
export function cpuMeter(cluster: Cluster, databaseName: string) {
  const servers = cluster.instances.map((instance) => instance.process?.child.pid ?? 0);
  const backends = new Map(backendsOf(databaseName).map((pid) => [pid, cpuMs(pid)]));
  const own = process.cpuUsage();
  const machine = machineMs();
  const serversBefore = servers.map(cpuMs);
  const started = performance.now();
  return () => {
    const wall = performance.now() - started;
    const percent = (cpu: number) => `${Math.round((cpu / wall) * 100)} %`;
    const serverCpu = servers.map((pid, index) => cpuMs(pid) - serversBefore[index]!);
    let postgres = 0;
    for (const pid of backendsOf(databaseName)) postgres += cpuMs(pid) - (backends.get(pid) ?? 0);
    const used = process.cpuUsage(own);
    const after = machineMs();
    return `CPU over the window (100 % = one core): servers ${serverCpu.map(percent).join(" + ")}, PostgreSQL ${percent(postgres)}, this benchmark ${percent((used.user + used.system) / 1000)}; the machine ${Math.round(((after.busy - machine.busy) / (after.total - machine.total)) * 100)} % busy of ${os.cpus().length} cores (other work included)`;
  };
}
