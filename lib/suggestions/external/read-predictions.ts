/**
 * A Label Studio ML backend's answer to `/predict`, read into Margin's suggestions. The answer's shapes
 * over the versions of label-studio-ml-backend: `{ results: [...] }` (1.x; older ones add a top-level
 * `model_version`), a bare list of predictions (older backends and hand-written ones), each entry a
 * prediction `{ result: [...], score?, model_version? }` or, since multiple predictions per task, a list of
 * them. Margin sends one task, so every prediction answered is for it.
 *
 * In a prediction's `result`, `labels` regions (`value: { start, end, text?, labels }`, offsets in code
 * points) become suggestions; a region's own `score` wins over its prediction's; `relation` regions
 * between a quote or claim and an actor become the speaker or source link (the labeling config Margin
 * sends names them "speaker" and "source"); a region may carry Margin's attributes in `meta.margin`.
 * A wrong answer as a whole (not JSON a backend would send) is thrown; a region Margin cannot use is
 * left out and said in `problems`, so that one odd span does not cost the others.
 */
import { OffsetIndex } from "@/lib/tags/offsets";
import { ACTOR_KINDS, type ActorKind } from "@/lib/vocabulary";
import type { Suggestion, SuggestionAttributes } from "../suggester";
import { SuggestionBackendError } from "./backend-error";
import { mapBackendLabel } from "./label-map";
import { placeRegion } from "./place-region";

export type BackendAnswer = { suggestions: Suggestion[]; model: string; problems: string[] };

/** A prediction's score when the backend gives none (spaCy's example gives none per span). */
export const DEFAULT_SCORE = 0.5;
/** Problems listed one by one; more are summed up in one line, so that a broken backend's report stays readable. */
const MAX_LISTED_PROBLEMS = 20;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

function predictionsOf(body: unknown, backend: string): { predictions: unknown[]; model?: unknown } {
  if (Array.isArray(body)) return { predictions: body.flat() };
  if (isObject(body)) {
    const list = Array.isArray(body.results) ? body.results : Array.isArray(body.predictions) ? body.predictions : null;
    if (list) return { predictions: list.flat(), model: body.model_version };
  }
  const keys = isObject(body) ? Object.keys(body).slice(0, 5).join(", ") || "none" : typeof body;
  throw new SuggestionBackendError(
    "wrong_shape",
    `${backend} answered JSON that is not a Label Studio prediction answer (no "results" list; it has: ${keys})`,
  );
}

/** Margin's attributes from a region's `meta.margin`, each kept only when it has the type the form has. */
function marginAttributes(region: Json): SuggestionAttributes {
  const given = isObject(region.meta) && isObject(region.meta.margin) ? region.meta.margin : {};
  const attributes: SuggestionAttributes = {};
  if (typeof given.canonicalName === "string" && given.canonicalName.trim()) attributes.canonicalName = given.canonicalName.trim();
  if (ACTOR_KINDS.includes(given.kind as ActorKind)) attributes.kind = given.kind as ActorKind;
  if (typeof given.direct === "boolean") attributes.direct = given.direct;
  if (given.value === null || (typeof given.value === "number" && Number.isFinite(given.value))) attributes.value = given.value;
  if (given.unit === null || typeof given.unit === "string") attributes.unit = given.unit;
  if (typeof given.approximate === "boolean") attributes.approximate = given.approximate;
  return attributes;
}

function scoreOf(region: Json, prediction: Json, problems: Set<string>): number {
  const raw = typeof region.score === "number" ? region.score : typeof prediction.score === "number" ? prediction.score : undefined;
  if (raw === undefined || !Number.isFinite(raw)) return DEFAULT_SCORE;
  if (raw < 0 || raw > 1) problems.add("scores outside 0 to 1 were clamped into it");
  return Math.min(1, Math.max(0, raw));
}

/** Reads `body` (the parsed JSON answer) for `text`; `backend` names the backend in messages. */
export function readPredictions(body: unknown, text: string, backend: string): BackendAnswer {
  const { predictions, model: topModel } = predictionsOf(body, backend);
  const index = new OffsetIndex(text);
  const problems: string[] = [];
  const notes = new Set<string>();
  const unmapped = new Map<string, number>();
  const byKey = new Map<string, Suggestion>();
  const keysOfRegion = new Map<string, string[]>();
  const relations: Json[] = [];
  let model = typeof topModel === "string" || typeof topModel === "number" ? String(topModel) : undefined;

  for (const prediction of predictions) {
    if (!isObject(prediction) || !Array.isArray(prediction.result)) {
      problems.push(`a prediction without a "result" list was left out`);
      continue;
    }
    if (model === undefined && (typeof prediction.model_version === "string" || typeof prediction.model_version === "number"))
      model = String(prediction.model_version);
    for (const region of prediction.result) {
      if (!isObject(region)) continue;
      if (region.type === "relation") {
        relations.push(region);
        continue;
      }
      const value = isObject(region.value) ? region.value : null;
      const names = value && Array.isArray(value.labels) ? value.labels.filter((name): name is string => typeof name === "string") : [];
      if (!value || names.length === 0) {
        notes.add(`regions of type ${String(region.type ?? "unknown")} are not spans with a label and were left out`);
        continue;
      }
      const placed = placeRegion(text, index, value);
      if ("problem" in placed) {
        problems.push(placed.problem);
        continue;
      }
      for (const name of names) {
        const mapped = mapBackendLabel(name);
        if (!mapped) {
          unmapped.set(name, (unmapped.get(name) ?? 0) + 1);
          continue;
        }
        const key = `${mapped.label}:${placed.start}-${placed.end}`;
        const attributes = { ...(mapped.kind ? { kind: mapped.kind } : {}), ...marginAttributes(region) };
        const suggestion: Suggestion = { key, label: mapped.label, ...placed, score: scoreOf(region, prediction, notes), attributes };
        const held = byKey.get(key);
        if (!held || held.score < suggestion.score) byKey.set(key, suggestion);
        if (typeof region.id === "string") keysOfRegion.set(region.id, [...(keysOfRegion.get(region.id) ?? []), key]);
      }
    }
  }

  for (const relation of relations) {
    const ends = [relation.from_id, relation.to_id].flatMap((id) => (typeof id === "string" ? (keysOfRegion.get(id) ?? []) : []));
    const suggestions = ends.map((key) => byKey.get(key)!);
    const actor = suggestions.find((suggestion) => suggestion.label === "actor");
    const linked = suggestions.find((suggestion) => suggestion.label === "quote" || suggestion.label === "claim");
    if (!actor || !linked) {
      notes.add("relations that do not join a quote or claim to an actor were left out");
      continue;
    }
    linked.attributes = { ...linked.attributes, [linked.label === "quote" ? "speakerKey" : "sourceKey"]: actor.key };
  }

  if (unmapped.size) {
    const count = [...unmapped.values()].reduce((sum, n) => sum + n, 0);
    const labels = [...unmapped].map(([name, n]) => `${name} (${n})`).join(", ");
    notes.add(`${count} span${count === 1 ? "" : "s"} with labels Margin does not use were left out: ${labels}`);
  }
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS);
  if (problems.length > listed.length) listed.push(`and ${problems.length - listed.length} more spans that could not be placed`);
  const suggestions = [...byKey.values()].sort((a, b) => a.start - b.start || a.end - b.end || a.label.localeCompare(b.label));
  return { suggestions, model: model ?? "unknown", problems: [...listed, ...notes] };
}
