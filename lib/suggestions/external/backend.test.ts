import dns from "node:dns/promises";
import os from "node:os";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { LABEL_STUDIO_CONFIG } from "@/lib/export/formats/labelstudio";
import {
  answerBareList,
  answerEndlessly,
  answerNever,
  answerRaw,
  answerResults,
  type MlBackend,
  regionsFor,
  sendJson,
  startMlBackend,
} from "@/lib/testing/ml-backend";
import { blockedAddressReason } from "@/lib/articles/url/address-policy";
import { checkBackend, SuggestionBackendError, suggestFromBackend } from "./index";

const TEXT =
  "“We will not wait,” said Amara Okafor 🇳🇬 — the minister — on Tuesday. The Harbour Authority 🚢 moved 4.5 million tonnes, up 12%.\n\n" +
  "Okafor’s office 👩‍💻 said €3 billion was spent.";

let backend: MlBackend;
const setting = process.env.MARGIN_SUGGESTER_ALLOW_PRIVATE_URLS;

beforeAll(async () => {
  backend = await startMlBackend();
});
afterAll(() => backend.close());
beforeEach(() => {
  // The local backend is on 127.0.0.1: the operator's setting lets the server reach it.
  process.env.MARGIN_SUGGESTER_ALLOW_PRIVATE_URLS = "1";
  backend.requests.length = 0;
});
afterEach(() => {
  if (setting === undefined) delete process.env.MARGIN_SUGGESTER_ALLOW_PRIVATE_URLS;
  else process.env.MARGIN_SUGGESTER_ALLOW_PRIVATE_URLS = setting;
});

/** The error a call throws, so that its reason and message can both be checked. */
async function failure(promise: Promise<unknown>): Promise<SuggestionBackendError> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(SuggestionBackendError);
  return error as SuggestionBackendError;
}

describe("suggestFromBackend with a spaCy-like backend", () => {
  it("sends Label Studio's /predict request and reads its answer into exact suggestions", async () => {
    backend.onPredict(
      answerResults(
        (text) =>
          regionsFor(text, [
            { label: "PERSON", words: "Amara Okafor", score: 0.91 },
            { label: "ORG", words: "The Harbour Authority" },
            { label: "QUANTITY", words: "4.5 million tonnes" },
            { label: "PERCENT", words: "12%" },
            { label: "PERSON", words: "Okafor", nth: 2, withText: false },
            { label: "MONEY", words: "€3 billion", score: 0.88 },
            { label: "DATE", words: "Tuesday" },
          ]),
        { score: 0.66, model_version: "en_core_web_sm-3.8" },
      ),
    );
    const answer = await suggestFromBackend({ url: backend.url, token: "s3cret" }, TEXT, {});

    expect(backend.requests).toHaveLength(1);
    const [request] = backend.requests;
    expect(request).toMatchObject({ method: "POST", path: "/predict" });
    expect(request!.headers["content-type"]).toBe("application/json");
    expect(request!.headers.authorization).toBe("Bearer s3cret");
    expect(request!.body).toEqual({
      tasks: [{ id: expect.any(Number), data: { text: TEXT } }],
      project: "margin",
      label_config: LABEL_STUDIO_CONFIG,
      params: {},
    });

    expect(answer.model).toBe("en_core_web_sm-3.8");
    expect(answer.suggestions.map(({ label, text, score, attributes }) => [label, text, score, attributes.kind])).toEqual([
      ["actor", "Amara Okafor", 0.91, "person"],
      ["actor", "The Harbour Authority", 0.66, "organization"],
      ["figure", "4.5 million tonnes", 0.66, undefined],
      ["figure", "12%", 0.66, undefined],
      ["actor", "Okafor", 0.66, "person"],
      ["figure", "€3 billion", 0.88, undefined],
    ]);
    for (const suggestion of answer.suggestions) expect(TEXT.slice(suggestion.start, suggestion.end)).toBe(suggestion.text);
    expect(answer.problems).toEqual(["1 span with labels Margin does not use were left out: DATE (1)"]);
  });

  it("reads an older backend's bare list, and sends a token that names its scheme as it is", async () => {
    backend.onPredict(
      answerBareList((text) => regionsFor(text, [{ label: "Quote", words: "“We will not wait,”" }]), { model_version: "0.0.1" }),
    );
    const answer = await suggestFromBackend({ url: `${backend.url}/`, token: "Basic dXNlcjpwYXNz" }, TEXT, {});
    expect(backend.requests[0]!.headers.authorization).toBe("Basic dXNlcjpwYXNz");
    expect(answer).toMatchObject({
      model: "0.0.1",
      problems: [],
      suggestions: [{ label: "quote", start: 0, end: 19, text: "“We will not wait,”" }],
    });
  });

  it("gives the same text the same task id and another text another", async () => {
    backend.onPredict(answerResults(() => []));
    await suggestFromBackend({ url: backend.url }, TEXT, {});
    await suggestFromBackend({ url: `${backend.url}/predict` }, TEXT, {});
    await suggestFromBackend({ url: backend.url }, `${TEXT} More.`, {});
    const ids = backend.requests.map((request) => (request.body as { tasks: { id: number }[] }).tasks[0]!.id);
    expect(backend.requests.map((request) => request.path)).toEqual(["/predict", "/predict", "/predict"]);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).not.toBe(ids[0]);
  });
});

describe("suggestFromBackend when the backend fails", () => {
  it("gives up on a backend that does not answer in time, before or after its headers, and says so", async () => {
    for (const headers of [false, true]) {
      backend.onPredict(answerNever({ headers }));
      const started = Date.now();
      const error = await failure(suggestFromBackend({ url: backend.url, timeoutMs: 300 }, TEXT, {}));
      expect(Date.now() - started).toBeLessThan(3000);
      expect(error.reason).toBe("timeout");
      expect(error.code).toBe("gateway_timeout");
      expect(error.message).toBe(`the suggestion backend at ${backend.url}/ did not answer within 0.3 s`);
    }
  });

  it("stops reading an answer larger than the limit, announced or not", async () => {
    backend.onPredict(answerEndlessly());
    const endless = await failure(suggestFromBackend({ url: backend.url, maxBytes: 64 * 1024, timeoutMs: 5000 }, TEXT, {}));
    expect(endless.reason).toBe("too_large");
    expect(endless.message).toBe(`the suggestion backend at ${backend.url}/ answered more than 64 KB; Margin stopped reading`);
    backend.onPredict((_body, response) => sendJson(response, { results: [{ result: [], padding: "x".repeat(200_000) }] }));
    const announced = await failure(suggestFromBackend({ url: backend.url, maxBytes: 64 * 1024 }, TEXT, {}));
    expect(announced.reason).toBe("too_large");
  });

  it("reports an error status with what the backend said", async () => {
    backend.onPredict(answerRaw(500, "text/plain", "CUDA out of memory"));
    const error = await failure(suggestFromBackend({ url: backend.url }, TEXT, {}));
    expect(error.message).toBe(`the suggestion backend at ${backend.url}/ answered 500 Internal Server Error: CUDA out of memory`);
    expect(error.code).toBe("bad_gateway");
  });

  it("reports garbage and JSON of the wrong shape", async () => {
    backend.onPredict(answerRaw(200, "text/html", "<html>502 Bad Gateway</html>"));
    const garbage = await failure(suggestFromBackend({ url: backend.url }, TEXT, {}));
    expect(garbage.reason).toBe("not_json");
    expect(garbage.message).toBe(
      `the suggestion backend at ${backend.url}/ answered something that is not JSON: <html>502 Bad Gateway</html>`,
    );
    backend.onPredict((_body, response) => sendJson(response, { status: "UP" }));
    const shape = await failure(suggestFromBackend({ url: backend.url }, TEXT, {}));
    expect(shape.reason).toBe("wrong_shape");
    expect(shape.message).toMatch(/no "results" list; it has: status\)$/);
  });

  it("does not follow a redirect", async () => {
    backend.onPredict((_body, response) => {
      response.writeHead(307, { location: "http://169.254.169.254/latest/meta-data/" });
      response.end();
    });
    const error = await failure(suggestFromBackend({ url: backend.url }, TEXT, {}));
    expect(error.message).toBe(`the suggestion backend at ${backend.url}/ answered 307 (a redirect); give the backend's final address`);
    expect(backend.requests).toHaveLength(1);
  });

  it("reports a backend that is not running", async () => {
    const gone = await startMlBackend();
    await gone.close();
    const error = await failure(suggestFromBackend({ url: gone.url }, TEXT, {}));
    expect(error.reason).toBe("unreachable");
    expect(error.message).toBe(
      `the suggestion backend at ${gone.url}/ cannot be reached: the connection was refused (is the backend running?)`,
    );
  });
});

describe("the address rule", () => {
  it("refuses loopback and private addresses unless the operator allows them, before any request", async () => {
    delete process.env.MARGIN_SUGGESTER_ALLOW_PRIVATE_URLS;
    const port = new URL(backend.url).port;
    for (const url of [backend.url, `http://localhost:${port}`, `http://[::ffff:127.0.0.1]:${port}`, "http://169.254.169.254/"]) {
      const error = await failure(suggestFromBackend({ url }, TEXT, {}));
      expect(error.reason, url).toBe("refused");
      expect(error.code).toBe("bad_request");
      expect(error.message).toMatch(
        /^the suggestion backend address is refused: .* only public addresses can be used \(an operator can allow private addresses with MARGIN_SUGGESTER_ALLOW_PRIVATE_URLS=1\)$/,
      );
    }
    expect(backend.requests).toHaveLength(0);
  });

  it("refuses a host name whose DNS answer is private, where the socket would connect", async () => {
    delete process.env.MARGIN_SUGGESTER_ALLOW_PRIVATE_URLS;
    // A name the URL alone does not give away: only its DNS answer says it is the machine itself.
    const name = os.hostname();
    const answer = await dns.lookup(name, { all: true }).catch(() => null);
    const port = new URL(backend.url).port;
    const error = await failure(suggestFromBackend({ url: `http://${name}:${port}` }, TEXT, {}));
    if (answer?.some(({ address }) => blockedAddressReason(address))) {
      expect(error.reason).toBe("refused");
      expect(error.message).toContain(`${name} resolves to `);
    } else expect(error.reason).toBe("unreachable");
    expect(backend.requests).toHaveLength(0);
  });

  it("refuses what is no http address", async () => {
    for (const url of ["ftp://models.example/", "not a url", "http://user:pass@models.example/"]) {
      const error = await failure(suggestFromBackend({ url }, TEXT, {}));
      expect(error.reason, url).toBe("bad_url");
    }
  });
});

describe("checkBackend", () => {
  it("asks /health and /setup with Margin's labeling config, and answers the model version", async () => {
    expect(await checkBackend({ url: backend.url })).toEqual({ model: "test-model-1" });
    expect(backend.requests.map(({ method, path }) => `${method} ${path}`)).toEqual(["GET /health", "POST /setup"]);
    expect(backend.requests[1]!.body).toMatchObject({ project: "margin", schema: LABEL_STUDIO_CONFIG });
  });
});
