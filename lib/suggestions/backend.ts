/**
 * The project's external suggester (a Label Studio ML backend) as a run calls it. The client itself is
 * lib/suggestions/external (its own module: the protocol, timeouts and size limits); this file is the one
 * place a run reaches it.
 */
import type { SuggestContext, Suggestion } from "./suggester";

export type BackendConfig = { url: string; token?: string; timeoutMs?: number; maxBytes?: number };
type SuggestFromBackend = (
  config: BackendConfig,
  text: string,
  context: SuggestContext,
) => Promise<{ suggestions: Suggestion[]; model: string }>;

// MERGE(sugg-external): replace this stand-in with `import { suggestFromBackend } from "./external";`
// (lib/suggestions/external was not on any branch when this was written).
const suggestFromBackend: SuggestFromBackend = async () => {
  throw new Error("this build has no client for external suggesters yet");
};

/** The name an external backend's suggestions are stored under; its model version is their version. */
export const EXTERNAL_SUGGESTER = "external";

export async function suggestWithBackend(config: BackendConfig, text: string, context: SuggestContext) {
  const { suggestions, model } = await suggestFromBackend(config, text, context);
  const name = EXTERNAL_SUGGESTER;
  // Keys of the backend's answer are its own: prefixed, so that they never meet a built-in's.
  const prefixed = (key: string | undefined) => (key === undefined ? undefined : `${name}#${key}`);
  return suggestions.map((suggestion) => ({
    ...suggestion,
    key: prefixed(suggestion.key)!,
    attributes: {
      ...suggestion.attributes,
      speakerKey: linkKey(suggestion.attributes.speakerKey, context, prefixed),
      sourceKey: linkKey(suggestion.attributes.sourceKey, context, prefixed),
    },
    suggester: name,
    version: (model || "unknown").slice(0, 200),
  }));
}

/** A link names an actor tag of the context as is, or another suggestion of the same answer. */
function linkKey(key: string | undefined, context: SuggestContext, prefixed: (key: string | undefined) => string | undefined) {
  if (key === undefined) return undefined;
  return context.actorTags?.some((tag) => tag.id === key) ? key : prefixed(key);
}
