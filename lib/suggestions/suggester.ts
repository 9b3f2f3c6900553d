/**
 * What a suggester is: a named, versioned, pure function from an article's canonical text to spans it
 * proposes, each with a label, a score and the attributes the details form would hold. Suggestions are not
 * tags: they carry their provenance (suggester, version, score) and stay out of agreement, review and the
 * dataset until a person accepts one. Built-in suggesters run offline in the server's process; external
 * ones (a Label Studio ML backend) answer the same shape over HTTP.
 */
import type { ActorKind, Label } from "@/lib/vocabulary";

export type SuggestionAttributes = {
  /** actor */
  canonicalName?: string;
  kind?: ActorKind;
  /** quote: the actor suggestion (its `key`) or the existing actor tag (its id) that speaks. */
  speakerKey?: string;
  direct?: boolean;
  /** claim: the actor suggestion or tag that makes the claim. */
  sourceKey?: string;
  /** figure */
  value?: number | null;
  unit?: string | null;
  approximate?: boolean;
};

export type Suggestion = {
  /** Unique within one suggester's answer for one text: links between suggestions name it. */
  key: string;
  label: Label;
  /** UTF-16 offsets into the canonical text, end exclusive (converted at the API's edge like tags' offsets). */
  start: number;
  end: number;
  /** text.slice(start, end), always. */
  text: string;
  /** 0 to 1: how sure the suggester is. */
  score: number;
  attributes: SuggestionAttributes;
};

/** What the project already knows, for suggesters that use it (the project's actor names). */
export type SuggestContext = {
  /** Canonical names (and their aliases) of actors already tagged in the project. */
  knownActors?: readonly { name: string; kind?: ActorKind; aliases?: readonly string[] }[];
  /** Existing actor tags of this article, so that a quote's speaker can link to one (UTF-16 offsets). */
  actorTags?: readonly { id: string; start: number; end: number; canonicalName?: string }[];
};

export type Suggester = {
  /** Stable identifier, e.g. "builtin:figures". */
  name: string;
  /** Changes whenever its output may change: provenance records it with every suggestion. */
  version: string;
  labels: readonly Label[];
  suggest(text: string, context?: SuggestContext): Suggestion[];
};
