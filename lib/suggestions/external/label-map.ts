/**
 * Which of Margin's four labels a backend's label stands for. A backend set up with Margin's labeling
 * config answers "Actor", "Claim", "Figure" or "Quote"; one that people already run unchanged (spaCy's
 * en_core_web_* models, a transformers NER model such as dslim/bert-base-NER) answers its own named-entity
 * labels, so the common ones are mapped too. Everything else (places, dates, works of art, MISC…) is no
 * label of Margin's: the caller drops it and reports how many it dropped.
 */
import type { ActorKind, Label } from "@/lib/vocabulary";
import { LABELS } from "@/lib/vocabulary";

export type MappedLabel = { label: Label; kind?: ActorKind };

/**
 * The named-entity labels Margin reads, upper-case. Sources: spaCy's OntoNotes scheme (PERSON, NORP, ORG,
 * GPE, MONEY, PERCENT, QUANTITY, CARDINAL) and the CoNLL-2003 scheme of most transformers NER models (PER,
 * ORG). A GPE in news is most often the state acting ("France said…"), hence "government"; NORP names
 * nationalities and political or religious groups. LOC, DATE, TIME, ORDINAL and the like are not figures
 * or actors in Margin's guidelines (bench/gold/guidelines.md) and stay unmapped.
 */
export const NER_LABELS: Readonly<Record<string, MappedLabel>> = {
  PERSON: { label: "actor", kind: "person" },
  PER: { label: "actor", kind: "person" },
  ORG: { label: "actor", kind: "organization" },
  NORP: { label: "actor", kind: "group" },
  GPE: { label: "actor", kind: "government" },
  MONEY: { label: "figure" },
  PERCENT: { label: "figure" },
  QUANTITY: { label: "figure" },
  CARDINAL: { label: "figure" },
};

/** Margin's label (and the actor kind the name implies) for a backend's label, or null when it has none. */
export function mapBackendLabel(name: string): MappedLabel | null {
  const trimmed = name.trim();
  const own = LABELS.find((label) => label === trimmed.toLowerCase());
  if (own) return { label: own };
  return NER_LABELS[trimmed.toUpperCase()] ?? null;
}
