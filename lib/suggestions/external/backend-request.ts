/**
 * One JSON request to a suggestion backend, with the limits that keep a slow, broken or hostile backend
 * from hanging the editor or the server: one deadline for the whole exchange (connecting, sending,
 * reading), a cap on the answer's size (reading stops there), no redirects, and the URL import's address
 * rule (lib/articles/url/address-policy.ts): the server refuses loopback, private, link-local and metadata
 * addresses, judged where the socket connects (fetch-page.ts's guarded lookup, so DNS rebinding gains
 * nothing), unless the operator allows private addresses with MARGIN_SUGGESTER_ALLOW_PRIVATE_URLS=1. A
 * project owner chooses the backend's URL; without this rule, that choice could make the server reach the
 * database or the cloud's metadata service. Every failure is a SuggestionBackendError naming the backend.
 */
import http from "node:http";
import https from "node:https";
import { checkPageUrl } from "@/lib/articles/url/address-policy";
import { guardedLookup } from "@/lib/articles/url/fetch-page";
import { SuggestionBackendError } from "./backend-error";

export type BackendConfig = { url: string; token?: string; timeoutMs?: number; maxBytes?: number };

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;

/** Whether the operator lets backends live on private addresses (a model on the same machine or network). */
export function privateBackendsAllowed(): boolean {
  return process.env.MARGIN_SUGGESTER_ALLOW_PRIVATE_URLS === "1";
}

const ALLOW_HINT = "(an operator can allow private addresses with MARGIN_SUGGESTER_ALLOW_PRIVATE_URLS=1)";

/** The backend's base URL, checked by the address rule, its path without a trailing "/" or "/predict" (some give the endpoint). */
export function checkBackendUrl(raw: string, allowPrivate = privateBackendsAllowed()): URL {
  const checked = checkPageUrl(raw, allowPrivate);
  if (!checked.ok) {
    const message = checked.message.replace("can be imported", "can be used");
    if (checked.reason === "bad_url")
      throw new SuggestionBackendError("bad_url", `the suggestion backend address is not usable: ${message}`);
    throw new SuggestionBackendError("refused", `the suggestion backend address is refused: ${message} ${ALLOW_HINT}`);
  }
  const url = checked.url;
  url.pathname = url.pathname.replace(/\/+$/, "").replace(/\/predict$/, "");
  url.hash = "";
  return url;
}

/** "the suggestion backend at http://host:9090": the base address without its query, which may hold a key. */
export function describeBackend(url: URL): string {
  return `the suggestion backend at ${url.origin}${url.pathname}`;
}

/**
 * The Authorization header: `Bearer <token>`, or the token as it is when it names its own scheme
 * ("Basic dXNlcjpwYXNz" for a label-studio-ml-backend started with BASIC_AUTH_USER/BASIC_AUTH_PASS).
 */
function authorization(token: string | undefined): Record<string, string> {
  if (!token) return {};
  return { authorization: /^(Basic|Bearer|Token) \S/.test(token) ? token : `Bearer ${token}` };
}

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;
const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${Number((bytes / 1024 / 1024).toFixed(1))} MB` : `${Math.ceil(bytes / 1024)} KB`);

type Exchange = { status: number; statusText: string; body: Buffer };

function exchange(
  backend: string,
  url: URL,
  method: "GET" | "POST",
  payload: string | undefined,
  config: BackendConfig,
  signal: AbortSignal,
  maxBytes: number,
) {
  return new Promise<Exchange>((resolve, reject) => {
    const client = url.protocol === "https:" ? https : http;
    const request = client.request(url, {
      method,
      agent: false,
      lookup: guardedLookup(privateBackendsAllowed()),
      signal,
      headers: {
        accept: "application/json",
        "user-agent": "Margin suggestions",
        ...(payload === undefined ? {} : { "content-type": "application/json", "content-length": Buffer.byteLength(payload) }),
        ...authorization(config.token),
      },
    });
    const failed = (error: NodeJS.ErrnoException) => {
      if (signal.aborted || error.name === "AbortError") return reject(signal.reason ?? error);
      if (/resolves to/.test(error.message))
        return reject(
          new SuggestionBackendError(
            "refused",
            `${backend} is refused: ${error.message.replace("can be imported", "can be used")} ${ALLOW_HINT}`,
          ),
        );
      const what: Record<string, string> = {
        ENOTFOUND: `no such host: ${url.hostname}`,
        ECONNREFUSED: "the connection was refused (is the backend running?)",
        ECONNRESET: "the backend closed the connection",
        EHOSTUNREACH: "the host cannot be reached",
        ENETUNREACH: "the host cannot be reached",
      };
      reject(new SuggestionBackendError("unreachable", `${backend} cannot be reached: ${what[error.code ?? ""] ?? error.message}`));
    };
    request.on("error", failed);
    request.on("response", (response) => {
      const declared = Number(response.headers["content-length"]);
      const tooLarge = () =>
        new SuggestionBackendError("too_large", `${backend} answered more than ${size(maxBytes)}; Margin stopped reading`);
      if (declared > maxBytes) {
        response.destroy();
        return reject(tooLarge());
      }
      const encoding = (response.headers["content-encoding"] ?? "identity").trim().toLowerCase();
      if (encoding !== "identity" && encoding !== "") {
        response.destroy();
        return reject(new SuggestionBackendError("not_json", `${backend} answered in an encoding Margin did not ask for (${encoding})`));
      }
      const chunks: Buffer[] = [];
      let received = 0;
      response.on("data", (chunk: Buffer) => {
        received += chunk.length;
        if (received > maxBytes) {
          response.destroy();
          return reject(tooLarge());
        }
        chunks.push(chunk);
      });
      response.on("error", failed);
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, statusText: response.statusMessage ?? "", body: Buffer.concat(chunks) }),
      );
    });
    request.end(payload);
  });
}

/** Sends `payload` (JSON) to `path` under the backend's URL and answers the parsed JSON it answers. */
export async function requestBackend(config: BackendConfig, method: "GET" | "POST", path: string, payload?: unknown): Promise<unknown> {
  const base = checkBackendUrl(config.url);
  const url = new URL(base);
  url.pathname = `${base.pathname.replace(/\/+$/, "")}/${path}`;
  const backend = describeBackend(base);
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const signal = AbortSignal.timeout(timeoutMs);
  let answer: Exchange;
  try {
    answer = await exchange(
      backend,
      url,
      method,
      payload === undefined ? undefined : JSON.stringify(payload),
      config,
      signal,
      config.maxBytes ?? DEFAULT_MAX_BYTES,
    );
  } catch (error) {
    if (error instanceof SuggestionBackendError) throw error;
    if (signal.aborted) throw new SuggestionBackendError("timeout", `${backend} did not answer within ${seconds(timeoutMs)}`);
    throw error;
  }
  const excerpt = () => answer.body.toString("utf8", 0, Math.min(answer.body.length, 300)).replace(/\s+/g, " ").trim();
  if (answer.status >= 300 && answer.status < 400)
    throw new SuggestionBackendError("http_status", `${backend} answered ${answer.status} (a redirect); give the backend's final address`);
  if (answer.status < 200 || answer.status > 299)
    throw new SuggestionBackendError(
      "http_status",
      `${backend} answered ${answer.status} ${answer.statusText}${excerpt() ? `: ${excerpt()}` : ""}`.trim(),
    );
  try {
    return JSON.parse(answer.body.toString("utf8"));
  } catch {
    throw new SuggestionBackendError("not_json", `${backend} answered something that is not JSON: ${excerpt() || "(nothing)"}`);
  }
}
