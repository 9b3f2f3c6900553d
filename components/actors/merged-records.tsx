import Link from "next/link";
import type { ActorRecordView } from "@/lib/actors/data";
import { SplitButton } from "./split-button";

/** Records merged into this one: their tags count here, until one is split off again. */
export function MergedRecords({
  slug,
  name,
  merged,
  canSplit,
}: {
  slug: string;
  name: string;
  merged: ActorRecordView["merged"];
  canSplit: boolean;
}) {
  return (
    <section aria-labelledby="merged-heading">
      <h2 id="merged-heading" className="mb-2 font-medium">
        Merged into this record
      </h2>
      {merged.length === 0 ? (
        <p className="text-sm text-stone-500">None.</p>
      ) : (
        <ul aria-label="Merged into this record" className="flex flex-col gap-2 text-sm">
          {merged.map((record) => (
            <li key={record.id} className="flex flex-wrap items-center justify-between gap-2">
              <span>
                <Link href={`/projects/${slug}/actors/${record.id}`} className="hover:text-accent hover:underline">
                  {record.name}
                </Link>
                {record.aliases.length > 0 && <span className="text-xs text-stone-500"> also {record.aliases.join(", ")}</span>}
              </span>
              {canSplit && <SplitButton slug={slug} id={record.id} name={record.name} from={name} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
