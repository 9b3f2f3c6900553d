/**
 * External suggesters: a project's Label Studio ML backend (label-studio-ml-backend, or anything that
 * speaks its protocol) asked for an article's suggestions. Margin sends what Label Studio itself sends to
 * `/predict`, so that a backend people already run (the spaCy or transformers NER examples) works
 * unchanged: one task whose `data.text` is the article's canonical text, and the labeling config of
 * Margin's Label Studio export (from_name "label", to_name "text", the labels Actor, Claim, Figure, Quote,
 * the relations speaker and source), which such backends read to name their regions. The answer is read
 * by read-predictions.ts; the request's limits and address rule are backend-request.ts's.
 */
import { LABEL_STUDIO_CONFIG } from "@/lib/export/formats/labelstudio";
import type { SuggestContext, Suggestion } from "../suggester";
import { SuggestionBackendError } from "./backend-error";
import { type BackendConfig, checkBackendUrl, describeBackend, requestBackend } from "./backend-request";
import { readPredictions } from "./read-predictions";

export { SuggestionBackendError } from "./backend-error";
export { type BackendConfig, checkBackendUrl, privateBackendsAllowed } from "./backend-request";
export { NER_LABELS } from "./label-map";

/**
 * The backend's model cache key: Label Studio sends "<project id>.<created at>" and backends keep a
 * model (and its label config) per part before the dot; Margin is one such project to them.
 */
const PROJECT = "margin";

/**
 * The task's id: a hash of the text, so that a backend that caches predictions by task id never answers
 * one article's spans for another's text, and the same text asks for the same task. 31 bits: a Django
 * integer id, as Label Studio's are.
 */
export function taskIdOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  return hash >>> 1 || 1;
}

/** The body of `POST /predict` for one text. */
export function predictRequest(text: string) {
  return { tasks: [{ id: taskIdOf(text), data: { text } }], project: PROJECT, label_config: LABEL_STUDIO_CONFIG, params: {} };
}

/**
 * The backend's suggestions for `text`, in UTF-16 offsets, with the backend's model version and what it
 * answered that Margin left out (`problems`). Throws a SuggestionBackendError when the backend cannot be
 * asked or its answer cannot be read at all. `context` is not sent: the protocol has no place for the
 * project's actors, and a backend gets nothing but the article's text.
 */
export async function suggestFromBackend(
  config: BackendConfig,
  text: string,
  _context: SuggestContext,
): Promise<{ suggestions: Suggestion[]; model: string; problems: string[] }> {
  const backend = describeBackend(checkBackendUrl(config.url));
  const body = await requestBackend(config, "POST", "predict", predictRequest(text));
  return readPredictions(body, text, backend);
}

/**
 * Whether a backend is there and speaks the protocol, for a project owner registering one: `GET /health`
 * answers `{ status: "UP" }`, then `POST /setup` with the labeling config answers the model's version.
 */
export async function checkBackend(config: BackendConfig): Promise<{ model: string }> {
  const backend = describeBackend(checkBackendUrl(config.url));
  const health = await requestBackend(config, "GET", "health");
  const status = typeof health === "object" && health !== null ? (health as { status?: unknown }).status : undefined;
  if (status !== "UP")
    throw new SuggestionBackendError("wrong_shape", `${backend} is not up: /health answered ${JSON.stringify(health).slice(0, 200)}`);
  const setup = await requestBackend(config, "POST", "setup", {
    project: PROJECT,
    schema: LABEL_STUDIO_CONFIG,
    hostname: "",
    access_token: "",
  });
  const model = typeof setup === "object" && setup !== null ? (setup as { model_version?: unknown }).model_version : undefined;
  return { model: typeof model === "string" || typeof model === "number" ? String(model) : "unknown" };
}
