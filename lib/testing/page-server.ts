/**
 * A real local web server for the import-by-URL tests: each path answers what the test put there (a page,
 * a redirect, a slow or endless body), on 127.0.0.1 and a free port. Fetching from it needs the operator's
 * setting that allows private addresses, as an intranet newsroom would.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export type PageRoute = (request: http.IncomingMessage, response: http.ServerResponse) => void;

export type PageServer = {
  origin: string;
  url(path: string): string;
  route(path: string, handler: PageRoute): void;
  close(): Promise<void>;
};

/** An HTML page answered as UTF-8 (or with the content type given). */
export function htmlPage(body: string | Buffer, contentType = "text/html; charset=utf-8"): PageRoute {
  return (_request, response) => {
    response.writeHead(200, { "content-type": contentType });
    response.end(body);
  };
}

export function redirectTo(location: string, status = 302): PageRoute {
  return (_request, response) => {
    response.writeHead(status, { location });
    response.end();
  };
}

export async function startPageServer(): Promise<PageServer> {
  const routes = new Map<string, PageRoute>();
  const sockets = new Set<import("node:net").Socket>();
  const server = http.createServer((request, response) => {
    // A route for the path with its query ("/story?amp=1") wins over one for the path alone.
    const handler = routes.get(request.url ?? "/") ?? routes.get(new URL(request.url ?? "/", "http://x").pathname);
    if (handler) return handler(request, response);
    response.writeHead(404, { "content-type": "text/plain" });
    response.end("not here");
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (path) => `${origin}${path}`,
    route: (path, handler) => void routes.set(path, handler),
    close: () =>
      new Promise<void>((resolve) => {
        // Endless and stalled answers keep their sockets open: end them, or close() would wait for them.
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
