import Link from "next/link";
import type { listMentions } from "@/lib/review/data";

type Mention = Awaited<ReturnType<typeof listMentions>>[number];

/** Date and time in UTC, like formatDate, so that server and browser render the same text. */
function formatWhen(date: Date): string {
  return `${date.toLocaleString("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC" })} UTC`;
}

/** Comments naming the reader, newest first; the body is plain text (React escapes it), its line breaks kept. */
export function MentionList({ mentions }: { mentions: Mention[] }) {
  return (
    <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white" aria-label="Mentions">
      {mentions.map((mention) => {
        const unseen = mention.seenAt === null;
        const article = mention.article;
        return (
          <li key={mention.id} className={`flex flex-col gap-2 p-4 ${unseen ? "border-l-4 border-l-accent" : ""}`}>
            <p className="flex flex-wrap items-baseline gap-x-2 text-sm">
              {unseen && <span className="rounded bg-accent px-1.5 py-0.5 text-xs font-medium text-white">new</span>}
              <span className="font-medium" title={mention.author.email}>
                {mention.author.name ?? mention.author.email}
              </span>
              <time dateTime={mention.createdAt.toISOString()} className="text-stone-600">
                {formatWhen(mention.createdAt)}
              </time>
            </p>
            <p className="text-sm break-words whitespace-pre-wrap">{mention.body}</p>
            <p className="text-sm text-stone-600">
              on{" "}
              <Link
                href={`/projects/${article.project.slug}/articles/${article.id}?tag=${encodeURIComponent(mention.annotationId)}`}
                className="text-accent underline"
              >
                {article.title}
              </Link>{" "}
              in{" "}
              <Link href={`/projects/${article.project.slug}`} className="hover:underline">
                {article.project.name}
              </Link>
            </p>
          </li>
        );
      })}
    </ul>
  );
}
