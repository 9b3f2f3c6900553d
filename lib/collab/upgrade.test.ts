/**
 * What reaches the collaboration server before any document: upgrade requests it cannot read are answered
 * 400 (the server carries on), and a socket that never authenticates is closed after a short while.
 */
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { startCollabServer } from "@/lib/testing/collab";

type Server = Awaited<ReturnType<typeof startCollabServer>>;
let server: Server;

beforeAll(async () => {
  server = await startCollabServer({ authenticationTimeoutMs: 300 });
});

afterAll(async () => {
  await server.close();
});

/** Sends a raw upgrade request and resolves with the status line the server answers (or "" if it hangs up). */
function rawUpgrade(target: string, headers: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, "127.0.0.1", () => {
      const lines = [
        `GET ${target} HTTP/1.1`,
        "Connection: Upgrade",
        "Upgrade: websocket",
        "Sec-WebSocket-Version: 13",
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
        ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
      ];
      socket.write(`${lines.join("\r\n")}\r\n\r\n`);
    });
    let answer = "";
    const done = () => {
      socket.destroy();
      resolve(answer.split("\r\n")[0] ?? "");
    };
    socket.on("data", (chunk) => {
      answer += chunk.toString("latin1");
      if (answer.includes("\r\n")) done();
    });
    socket.on("close", done);
    socket.on("error", reject);
  });
}

describe("upgrade requests", () => {
  it.each([
    ["an opaque Origin", "/collab", { Host: "127.0.0.1", Origin: "null" }],
    ["an Origin that is not a URL", "/collab", { Host: "127.0.0.1", Origin: "::::" }],
    ["a Host with a space", "/collab", { Host: "a b" }],
    ["an absolute target with a broken host", "http://[bad/collab", { Host: "127.0.0.1" }],
  ])("answers 400 to %s, and keeps serving", async (_what, target, headers) => {
    expect(await rawUpgrade(target, headers)).toBe("HTTP/1.1 400 Bad Request");
    // Still alive: a well-formed upgrade from our own origin is accepted.
    expect(await rawUpgrade("/collab", { Host: `127.0.0.1:${server.port}`, Origin: `http://127.0.0.1:${server.port}` })).toBe(
      "HTTP/1.1 101 Switching Protocols",
    );
  });

  it("refuses another site's origin with 403", async () => {
    expect(await rawUpgrade("/collab", { Host: `127.0.0.1:${server.port}`, Origin: "https://evil.example" })).toBe(
      "HTTP/1.1 403 Forbidden",
    );
  });

  it("closes a socket that authenticates no document", async () => {
    const socket = new WebSocket(server.url);
    const closed = new Promise<number>((resolve) => socket.once("close", (code) => resolve(code)));
    await new Promise((resolve) => socket.once("open", resolve));
    expect(await closed).toBe(4401);
  });
});
