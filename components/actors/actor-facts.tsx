import type { ActorRecordView } from "@/lib/actors/data";

/** A Wikidata item's id ("Q42"): the one external id Margin knows where to show. */
const WIKIDATA = /^Q[1-9]\d*$/;

/** A record's own fields, as read: kind, aliases, description, external id. */
export function ActorFacts({ record }: { record: ActorRecordView }) {
  const external = record.externalId?.trim();
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm" aria-label="Record">
      <dt className="text-stone-500">Kind</dt>
      <dd>{record.kind ?? "unknown"}</dd>
      <dt className="text-stone-500">Aliases</dt>
      <dd>{record.aliases.length ? record.aliases.join(", ") : <span className="text-stone-500">none</span>}</dd>
      <dt className="text-stone-500">Description</dt>
      <dd className="whitespace-pre-line">{record.description ?? <span className="text-stone-500">none</span>}</dd>
      <dt className="text-stone-500">External id</dt>
      <dd>
        {!external ? (
          <span className="text-stone-500">none</span>
        ) : WIKIDATA.test(external) ? (
          <a href={`https://www.wikidata.org/wiki/${external}`} className="text-accent underline" rel="noopener noreferrer" target="_blank">
            {external} (Wikidata)
          </a>
        ) : (
          external
        )}
      </dd>
    </dl>
  );
}
