/**
 * The `actors-json` and `actors-csv` formats: the project's actor registry, one entry per root record (see
 * lib/export/actor-registry.ts for its aliases and mergedIds), each with what the exported tags say of it:
 * - mentions: exported actor tags whose record is it (their actorId, resolved to the root at reading);
 * - quotes, claims: exported quotes and claims whose speaker or source is one of those actor tags, and is
 *   exported too (the article's relations). A quote whose speaker tag the filters left out counts for no one.
 * Counts come from the exported articles only, so the filters, the viewer's gold layer and the blind rule
 * apply to them as to the tags. The registry is read in the export's own transaction (header.actors); its
 * entries are written at the end, once every article is counted. A writer keeps one counter per record.
 *
 * actors-json is one document: `format` "margin-actors", the project, the filters, `listed` ("all", or
 * "named" in a blind annotator's export, which lists only the records its tags name), `actors`, and the
 * article and tag counts and dataset version of the export they were counted in. actors-csv has one row per
 * entry under a header row, lists joined with "; " (RFC 4180 and the formula guard as the csv format).
 */
import {
  DATASET_FORMAT_VERSION,
  type ExportActorRecord,
  type ExportActorRegistry,
  type ExportArticle,
  type ExportHeader,
} from "@/lib/export/shape";
import { csvRow } from "./csv";
import { sortFilters } from "./json";
import type { FormatWriter } from "./types";

export const ACTORS_FORMAT = "margin-actors";

export type ActorCounts = { mentions: number; quotes: number; claims: number };
export type ActorEntry = ExportActorRecord & ActorCounts;

export const ACTORS_CSV_COLUMNS = [
  "actor_id",
  "name",
  "aliases",
  "kind",
  "description",
  "external_id",
  "merged_ids",
  "mentions",
  "quotes",
  "claims",
] as const;

/** Adds what one exported article says of each record to `counts` (keyed by root record id). */
export function countActors(article: ExportArticle, counts: Map<string, ActorCounts>): void {
  const recordOf = new Map<string, string>();
  const of = (record: string) => {
    let found = counts.get(record);
    if (!found) counts.set(record, (found = { mentions: 0, quotes: 0, claims: 0 }));
    return found;
  };
  for (const tag of article.tags) {
    const record = tag.label === "actor" ? tag.attributes.actorId : undefined;
    if (!record) continue;
    recordOf.set(tag.id, record);
    of(record).mentions++;
  }
  for (const relation of article.relations) {
    const record = recordOf.get(relation.to);
    if (record) of(record)[relation.type === "speaker" ? "quotes" : "claims"]++;
  }
}

function registryOf(header: ExportHeader): ExportActorRegistry {
  // The pipeline reads the registry for these formats (export.ts); a snapshot replay refuses them before.
  if (!header.actors) throw new Error("the actors formats need the project's actor registry in the export's header");
  return header.actors;
}

/** The registry's entries with their counts; a registry that lists only named records drops the others. */
export function actorEntries(header: ExportHeader, counts: ReadonlyMap<string, ActorCounts>): ActorEntry[] {
  const registry = registryOf(header);
  return registry.records
    .filter((record) => registry.listsAll || counts.has(record.id))
    .map((record) => ({ ...record, ...(counts.get(record.id) ?? { mentions: 0, quotes: 0, claims: 0 }) }));
}

function entryJson(entry: ActorEntry): string {
  const { id, name, aliases, kind, description, externalId, mergedIds, mentions, quotes, claims } = entry;
  return JSON.stringify({ id, name, aliases, kind, description, externalId, mergedIds, mentions, quotes, claims });
}

function entryRow(entry: ActorEntry): string {
  const { id, name, aliases, kind, description, externalId, mergedIds, mentions, quotes, claims } = entry;
  return csvRow([id, name, aliases.join("; "), kind, description, externalId, mergedIds.join("; "), mentions, quotes, claims]);
}

export function createActorsWriter(encoding: "json" | "csv", header: ExportHeader): FormatWriter {
  const counts = new Map<string, ActorCounts>();
  const common = {
    offsetUnit: null,
    // Nothing is written per article: an entry's counts are known once every article is read.
    article(article: ExportArticle) {
      countActors(article, counts);
      return "";
    },
  };
  if (encoding === "csv")
    return {
      ...common,
      format: "actors-csv",
      contentType: "text/csv; charset=utf-8; header=present",
      extension: "csv",
      begin() {
        registryOf(header);
        return csvRow(ACTORS_CSV_COLUMNS);
      },
      end: () => actorEntries(header, counts).map(entryRow).join(""),
    };
  return {
    ...common,
    format: "actors-json",
    contentType: "application/json; charset=utf-8",
    extension: "json",
    begin(header) {
      const head = {
        format: ACTORS_FORMAT,
        formatVersion: DATASET_FORMAT_VERSION,
        project: { slug: header.project.slug, name: header.project.name },
        filters: sortFilters(header.filters),
        listed: registryOf(header).listsAll ? "all" : "named",
      };
      return `${JSON.stringify(head).slice(0, -1)},"actors":[`;
    },
    end: (summary) =>
      `${actorEntries(header, counts).map(entryJson).join(",")}],"articleCount":${summary.articles},"tagCount":${summary.tags},"datasetVersion":${JSON.stringify(summary.datasetVersion)}}\n`,
  };
}
