/**
 * The demo's work in progress, so that Review, Agreement and Compare have something to show from the first
 * run: two annotators (the editor and the owner) tag the first two articles, agreeing on most tags and not
 * on a few, and the reviewer has decided some of them. Tags are named by their words; `link` names another
 * tag of the same annotator (a quote's speaker, a claim's source).
 */
import type { Label } from "@/lib/vocabulary";

export type DemoTag = {
  key: string;
  by: "editor" | "owner";
  label: Label;
  words: string;
  attributes?: Record<string, unknown>;
  link?: string;
  decision?: { decision: "accept" | "reject"; comment?: string };
  note?: string;
};

/** Per demo article (by title), its tags. */
export const DEMO_TAGS: Record<string, DemoTag[]> = {
  "Harbor council approves flood wall after late-night vote": [
    {
      key: "osei",
      by: "editor",
      label: "actor",
      words: "Councillor Imani Osei",
      attributes: { canonicalName: "Imani Osei", kind: "person" },
    },
    {
      key: "wall-quote",
      by: "editor",
      label: "quote",
      words: "“We cannot keep asking families on Wharf Street to bail out their kitchens every spring,”",
      attributes: { direct: true },
      link: "osei",
      decision: { decision: "accept" },
    },
    {
      key: "cost",
      by: "editor",
      label: "figure",
      words: "48 million euros",
      attributes: { value: 48000000, unit: "EUR", approximate: false },
      decision: { decision: "accept" },
    },
    { key: "homes", by: "editor", label: "figure", words: "1,219 homes", attributes: { value: 1219, unit: "homes", approximate: false } },
    {
      key: "ramaker",
      by: "editor",
      label: "actor",
      words: "Councillor Piet Ramaker",
      attributes: { canonicalName: "Piet Ramaker", kind: "person" },
    },
    { key: "cut-off", by: "editor", label: "claim", words: "the wall would “cut the harbor off from the town”", link: "ramaker" },
    // The owner, annotating the same article: agrees on some words, not on others.
    {
      key: "o-osei",
      by: "owner",
      label: "actor",
      words: "Imani Osei",
      attributes: { canonicalName: "Imani Osei", kind: "person" },
      decision: { decision: "reject", comment: "The title belongs in the tag: “Councillor Imani Osei”." },
    },
    {
      key: "o-cost",
      by: "owner",
      label: "figure",
      words: "48 million euros",
      attributes: { value: 48000000, unit: "EUR", approximate: false },
    },
    {
      key: "o-homes",
      by: "owner",
      label: "figure",
      words: "1,219 homes flooded",
      attributes: { value: 1219, unit: "homes", approximate: false },
      note: "Flooded at least once, 2019–2025.",
    },
    {
      key: "o-office",
      by: "owner",
      label: "actor",
      words: "The city’s engineering office",
      attributes: { canonicalName: "Port Selden engineering office", kind: "government" },
    },
  ],
  "Volunteers count more than 200 turtle nests on northern beaches": [
    {
      key: "farouk",
      by: "editor",
      label: "actor",
      words: "Lena Farouk",
      attributes: { canonicalName: "Lena Farouk", kind: "person" },
      decision: { decision: "accept" },
    },
    {
      key: "forty",
      by: "editor",
      label: "quote",
      words: "“Ten years ago we were happy to find forty,”",
      attributes: { direct: true },
      link: "farouk",
    },
    {
      key: "nests",
      by: "editor",
      label: "figure",
      words: "more than 200 loggerhead nests",
      attributes: { value: 200, unit: "loggerhead nests", approximate: true },
    },
    {
      key: "o-nests",
      by: "owner",
      label: "figure",
      words: "more than 200 loggerhead nests",
      attributes: { value: 200, unit: "loggerhead nests", approximate: true },
    },
    {
      key: "o-trust",
      by: "owner",
      label: "actor",
      words: "the Northern Shore Trust",
      attributes: { canonicalName: "Northern Shore Trust", kind: "organization" },
    },
  ],
};
