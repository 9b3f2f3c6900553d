import { MATCH_END, MATCH_START } from "@/lib/articles/search-marks";

/** A search snippet with its matched words highlighted (the marks come from PostgreSQL's ts_headline). */
export function Snippet({ text }: { text: string }) {
  const parts = text.split(MATCH_START);
  return (
    <p className="text-sm text-stone-600">
      {parts[0]}
      {parts.slice(1).map((part, index) => {
        const [match, rest] = part.split(MATCH_END);
        return (
          <span key={index}>
            <mark className="rounded bg-amber-100 px-0.5 text-ink">{match}</mark>
            {rest}
          </span>
        );
      })}
    </p>
  );
}
