/**
 * The server's memory, for bench/editor.ts: its heap after a full collection, through the inspector it
 * announced on its output (started with `--inspect=127.0.0.1:0`), and its resident set from /proc.
 */
import fs from "node:fs";
import { WebSocket } from "ws";

export function residentMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

export async function inspect(output: string) {
  const url = /Debugger listening on (ws:\/\/\S+)/.exec(output)?.[1];
  if (!url) throw new Error(`the server announced no inspector:\n${output}`);
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
  let next = 0;
  const call = (method: string, params: object = {}) =>
    new Promise<{ result?: { result?: { value?: unknown } } }>((resolve) => {
      const id = ++next;
      const onMessage = (data: Buffer) => {
        const message = JSON.parse(data.toString()) as { id?: number };
        if (message.id !== id) return;
        socket.off("message", onMessage);
        resolve(message as { result?: { result?: { value?: unknown } } });
      };
      socket.on("message", onMessage);
      socket.send(JSON.stringify({ id, method, params }));
    });
  return {
    heapMb: async () => {
      await call("HeapProfiler.collectGarbage");
      const answer = await call("Runtime.evaluate", { expression: "process.memoryUsage().heapUsed", returnByValue: true });
      return Number(answer.result?.result?.value) / 2 ** 20;
    },
    close: () => socket.close(),
  };
}
