/**
 * A real local HTTP server that speaks the Label Studio ML backend protocol, for the external suggesters'
 * tests: `GET /health`, `POST /setup` and `POST /predict` on 127.0.0.1 and a free port, each request
 * recorded with its parsed body. What `/predict` answers is the test's choice: a spaCy-like answer built
 * from the text the request carried (offsets counted in code points, as Python counts them), a bare list
 * as older backends answer, a slow or endless answer, an error status, garbage. Reaching it needs the
 * operator's setting for private addresses, as a backend on the newsroom's own network would.
 */
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";

export type ReceivedRequest = { method: string; path: string; headers: http.IncomingHttpHeaders; body: unknown };
export type PredictHandler = (body: PredictBody, response: http.ServerResponse) => void;
export type PredictBody = {
  tasks?: { id?: unknown; data?: { text?: string } }[];
  label_config?: string;
  project?: unknown;
  params?: unknown;
};

export type MlBackend = {
  url: string;
  requests: ReceivedRequest[];
  /** What `/predict` answers from now on. */
  onPredict(handler: PredictHandler): void;
  close(): Promise<void>;
};

/** One entity as spaCy's example backend reports it: its words found in the text (the `nth` occurrence). */
export type Entity = { label: string; words: string; nth?: number; score?: number; withText?: boolean };

/** Python's str index of a JavaScript UTF-16 offset: code points before it. */
const codePoints = (text: string, utf16: number) => [...text.slice(0, utf16)].length;

/** Label Studio `labels` regions for `entities` in `text`, offsets in code points, from_name/to_name of Margin's config. */
export function regionsFor(text: string, entities: readonly Entity[]) {
  return entities.map((entity, index) => {
    let at = text.indexOf(entity.words);
    for (let n = 1; n < (entity.nth ?? 1); n++) at = text.indexOf(entity.words, at + 1);
    if (at < 0) throw new Error(`"${entity.words}" is not in the text`);
    const start = codePoints(text, at);
    return {
      id: `r${index}`,
      from_name: "label",
      to_name: "text",
      type: "labels",
      value: {
        start,
        end: start + [...entity.words].length,
        ...(entity.withText === false ? {} : { text: entity.words }),
        labels: [entity.label],
      },
      ...(entity.score === undefined ? {} : { score: entity.score }),
    };
  });
}

export function sendJson(response: http.ServerResponse, body: unknown, status = 200) {
  const bytes = Buffer.from(JSON.stringify(body));
  response.writeHead(status, { "content-type": "application/json", "content-length": bytes.length });
  response.end(bytes);
}

/** label-studio-ml-backend 1.x: `{ results: [prediction] }`, the prediction built from the request's text. */
export function answerResults(build: (text: string) => unknown[], extra: { score?: number; model_version?: string } = {}): PredictHandler {
  return (body, response) => {
    const text = body.tasks?.[0]?.data?.text ?? "";
    sendJson(response, { results: [{ result: build(text), ...extra }] });
  };
}

/** An older backend's answer: a bare list of predictions. */
export function answerBareList(build: (text: string) => unknown[], extra: { score?: number; model_version?: string } = {}): PredictHandler {
  return (body, response) => sendJson(response, [{ result: build(body.tasks?.[0]?.data?.text ?? ""), ...extra }]);
}

export function answerRaw(status: number, contentType: string, text: string): PredictHandler {
  return (_body, response) => {
    response.writeHead(status, { "content-type": contentType });
    response.end(text);
  };
}

/** A backend stuck in its model: nothing at all, or (`headers`) a 200's headers and then nothing. */
export function answerNever({ headers = false } = {}): PredictHandler {
  return (_body, response) => {
    if (!headers) return;
    response.writeHead(200, { "content-type": "application/json" });
    response.flushHeaders();
  };
}

/** A JSON answer that never ends, a chunk every few milliseconds, with no length announced. */
export function answerEndlessly(): PredictHandler {
  return (_body, response) => {
    response.writeHead(200, { "content-type": "application/json" });
    response.write('{"results": [{"result": [');
    const chunk = `${JSON.stringify({ type: "labels", value: { start: 0, end: 1, labels: ["PERSON"] } })},`.repeat(200);
    const timer = setInterval(() => (response.destroyed ? clearInterval(timer) : response.write(chunk)), 2);
    response.on("close", () => clearInterval(timer));
  };
}

export async function startMlBackend(): Promise<MlBackend> {
  const requests: ReceivedRequest[] = [];
  const sockets = new Set<Socket>();
  let predict: PredictHandler = answerResults(() => []);
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      let body: unknown = raw;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        // Recorded as the text it was: a test then sees what was sent.
      }
      const path = new URL(request.url ?? "/", "http://backend").pathname;
      requests.push({ method: request.method ?? "", path, headers: request.headers, body });
      if (request.method === "GET" && (path === "/health" || path === "/"))
        return sendJson(response, { status: "UP", model_class: "TestBackend" });
      if (request.method === "POST" && path === "/setup") return sendJson(response, { model_version: "test-model-1" });
      if (request.method === "POST" && path === "/predict") return predict(body as PredictBody, response);
      sendJson(response, { error: "not here" }, 404);
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    onPredict: (handler) => void (predict = handler),
    close: () =>
      new Promise<void>((resolve) => {
        // Stalled and endless answers keep their sockets open: end them, or close() would wait for them.
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
