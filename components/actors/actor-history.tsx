import Link from "next/link";
import type { ReactNode } from "react";
import type { ActorRecordView } from "@/lib/actors/data";

type Event = ActorRecordView["history"][number];
type Details = Record<string, unknown>;

const FIELD_NAMES: Record<string, string> = {
  name: "name",
  aliases: "aliases",
  kind: "kind",
  description: "description",
  externalId: "external id",
};

function shown(value: unknown): string {
  if (value === null || value === undefined || value === "") return "nothing";
  if (Array.isArray(value)) return value.length ? value.join(", ") : "none";
  return `“${String(value)}”`;
}

/** What one event of a record's history did, in words, with links to the other record of a merge or split. */
function describe(event: Event, slug: string): ReactNode {
  const details = (event.details ?? {}) as Details;
  const record = (id: unknown, name: unknown) => (
    <Link href={`/projects/${slug}/actors/${String(id)}`} className="text-accent underline">
      {String(name ?? id)}
    </Link>
  );
  switch (event.kind) {
    case "created":
      return details.how === "canonical-name" ? <>created it for a tag&apos;s canonical name {shown(details.name)}</> : "created it";
    case "changed": {
      const before = (details.before ?? {}) as Details;
      const after = (details.after ?? {}) as Details;
      return (
        <>
          changed{" "}
          {Object.keys(after)
            .map((key) => `its ${FIELD_NAMES[key] ?? key} from ${shown(before[key])} to ${shown(after[key])}`)
            .join("; ")}
        </>
      );
    }
    case "merged":
      return <>merged it into {record(details.into, details.intoName)}</>;
    case "absorbed":
      return <>merged {record(details.from, details.fromName)} into it</>;
    case "split":
      return <>split it off {record(details.from, details.fromName)}</>;
    case "split-off":
      return <>split {record(details.record, details.recordName)} off it</>;
    case "migrated": {
      const names = Array.isArray(details.canonicalNames) ? details.canonicalNames : [];
      return (
        <>
          made it from the canonical name{names.length === 1 ? "" : "s"} {shown(names)} of {String(details.tags ?? "its")} tags, when the
          registry began
        </>
      );
    }
    default:
      return event.kind;
  }
}

/** A record's history, newest first: who did what and when. */
export function ActorHistory({ slug, history }: { slug: string; history: ActorRecordView["history"] }) {
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading" className="mb-2 font-medium">
        History
      </h2>
      <ol aria-label="History" className="flex flex-col gap-1 text-sm">
        {history.map((event) => (
          <li key={event.id} className="text-stone-700">
            <time dateTime={event.at.toISOString()} className="text-xs text-stone-500">
              {event.at.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC
            </time>{" "}
            <span className="font-medium text-ink">{event.userName ?? "Margin"}</span> {describe(event, slug)}
          </li>
        ))}
      </ol>
    </section>
  );
}
