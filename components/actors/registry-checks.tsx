import Link from "next/link";
import type { ReactNode } from "react";
import { Quoted } from "@/components/ui/quoted";
import type { CheckTag, RegistryChecks } from "@/lib/actors/data";
import { tagHref } from "./actor-timeline";

function Check({ id, title, hint, total, children }: { id: string; title: string; hint: string; total: number; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="rounded-lg border border-stone-200 bg-white p-4">
      <h2 id={`${id}-heading`} className="font-medium">
        {title} <span className="text-stone-500 tabular-nums">({total.toLocaleString("en")})</span>
      </h2>
      <p className="mb-2 text-sm text-stone-600">{hint}</p>
      {total === 0 ? <p className="text-sm text-emerald-800">None.</p> : children}
    </section>
  );
}

/** Tags to fix, each opening the editor on it; the 200 first, in the articles' order. */
function TagList({ slug, label, found }: { slug: string; label: string; found: { total: number; tags: CheckTag[] } }) {
  return (
    <>
      <ul aria-label={label} className="flex flex-col gap-1 text-sm">
        {found.tags.map((tag) => (
          <li key={tag.id}>
            <Link href={tagHref(slug, tag.articleId, tag.id)} className="font-serif hover:text-accent hover:underline">
              <Quoted text={tag.text} />
            </Link>{" "}
            <span className="text-xs text-stone-500">
              in {tag.articleTitle} · {tag.status}
            </span>
          </li>
        ))}
      </ul>
      {found.total > found.tags.length && <p className="mt-2 text-xs text-stone-500">The first {found.tags.length} are listed.</p>}
    </>
  );
}

const recordLink = (slug: string, record: { id: string; name: string }) => (
  <Link href={`/projects/${slug}/actors/${record.id}`} className="font-medium hover:text-accent hover:underline">
    {record.name}
  </Link>
);

/** The three checks that list tags to fix. */
const TAG_CHECKS = [
  { id: "unlinked", key: "unlinked", title: "Actor tags without a record", hint: "Open each and pick or create its record." },
  { id: "speakerless", key: "quotesWithoutSpeaker", title: "Quotes without a speaker", hint: "Open each and pick who speaks." },
  { id: "sourceless", key: "claimsWithoutSource", title: "Claims without a source", hint: "Open each and pick who claims it." },
] as const;

/** The registry's five checks (lib/actors/data.ts registryChecks), under the reader's blind rule. */
export function RegistryChecksView({ slug, checks }: { slug: string; checks: RegistryChecks }) {
  return (
    <div className="flex flex-col gap-4">
      {TAG_CHECKS.map(({ id, key, title, hint }) => (
        <Check key={id} id={id} title={title} hint={hint} total={checks[key].total}>
          <TagList slug={slug} label={title} found={checks[key]} />
        </Check>
      ))}
      <Check
        id="kinds"
        title="Records whose kinds disagree"
        hint="The record's own kind and its tags' kinds differ: correct the record or the tags."
        total={checks.kinds.length}
      >
        <ul aria-label="Records whose kinds disagree" className="flex flex-col gap-1 text-sm">
          {checks.kinds.map((record) => (
            <li key={record.id}>
              {recordLink(slug, record)}{" "}
              <span className="text-stone-600">
                {record.kinds
                  .map((entry) =>
                    entry.tags ? `${entry.kind} (${entry.tags} ${entry.tags === 1 ? "tag" : "tags"})` : `${entry.kind} (the record)`,
                  )
                  .join(", ")}
              </span>
            </li>
          ))}
        </ul>
      </Check>
      <Check
        id="same-words"
        title="The same words linked to different records"
        hint="In one article, the same words name different records: merge the records if they are one actor, or relink the tags."
        total={checks.sameWords.length}
      >
        <ul aria-label="The same words linked to different records" className="flex flex-col gap-2 text-sm">
          {checks.sameWords.map((entry) => (
            <li key={`${entry.articleId}:${entry.words}`}>
              <Quoted text={entry.words} className="font-serif" /> <span className="text-stone-500">in {entry.articleTitle}:</span>
              <ul className="ml-4 list-disc">
                {entry.records.map((record) => (
                  <li key={record.id}>
                    {recordLink(slug, record)}{" "}
                    {record.tagIds.map((tagId, index) => (
                      <Link key={tagId} href={tagHref(slug, entry.articleId, tagId)} className="text-xs text-accent underline">
                        {index === 0 ? "tag" : `tag ${index + 1}`}
                      </Link>
                    ))}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </Check>
    </div>
  );
}
