/**
 * Demo articles written for Margin (not taken from any outlet). Between them they hold what annotators meet
 * every day: curly quotes, an em dash, figures ("1,219", "more than 200"), a direct quote with its speaker,
 * and one emoji, so that offsets are exercised from the first run.
 */
import type { MetadataInput } from "@/lib/articles/import-schema";

export const DEMO_ARTICLES: (MetadataInput & { title: string; text: string })[] = [
  {
    title: "Harbor council approves flood wall after late-night vote",
    byline: "By Mara Lindqvist",
    source: "The Estuary Ledger",
    url: "https://ledger.example.com/2026/03/harbor-flood-wall",
    publishedAt: new Date("2026-03-12T06:30:00Z"),
    language: "en",
    text: [
      "The Port Selden council voted 7–2 shortly after midnight to build a 3.4-kilometre flood wall along the old harbor, ending a debate that had run for more than two years.",
      "“We cannot keep asking families on Wharf Street to bail out their kitchens every spring,” said Councillor Imani Osei, who proposed the measure. “This wall is the least we owe them.”",
      "The city’s engineering office estimates the project at 48 million euros. According to its latest survey, 1,219 homes flooded at least once between 2019 and 2025 — a figure opponents say overstates the risk.",
      "Councillor Piet Ramaker, who voted against, argued that the wall would “cut the harbor off from the town” and called for a cheaper system of pumps instead.",
    ].join("\n\n"),
  },
  {
    title: "Volunteers count more than 200 turtle nests on northern beaches",
    byline: "By Tomás Aguilar",
    source: "Coastline Weekly",
    url: "https://coastline.example.org/news/turtle-nests-record",
    publishedAt: new Date("2026-07-02T09:00:00Z"),
    language: "en",
    text: [
      "Volunteers from the Northern Shore Trust recorded more than 200 loggerhead nests this season, the highest count since monitoring began in 2004. 🐢",
      "“Ten years ago we were happy to find forty,” said Lena Farouk, the trust’s field coordinator. She credited a ban on night-time beach driving that the province introduced in 2021.",
      "The provincial environment ministry said the figures were encouraging but warned that warmer sand could skew hatchlings towards females, a pattern researchers have reported elsewhere in the region.",
    ].join("\n\n"),
  },
  {
    title: "Bus ridership climbs in first year of frozen fares",
    byline: "By Sunita Rao",
    source: "Metro Daily Record",
    url: "https://metro-record.example.net/transit/fare-freeze-ridership",
    publishedAt: new Date("2026-10-20T14:15:00Z"),
    language: "en",
    text: [
      "Ridership on the regional bus network rose by 11 percent in the twelve months after fares were frozen at €1.80, the transit authority reported on Tuesday.",
      "Authority chair Daniel Mbeki told reporters that the freeze had “paid for itself in goodwill,” though he acknowledged that the network ran a deficit of about 6 million euros.",
      "The Taxpayers’ Alliance disputed the figures, saying the authority counted transfers as new trips. Independent analysts put the real increase closer to 7 percent.",
    ].join("\n\n"),
  },
];
