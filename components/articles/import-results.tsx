import Link from "next/link";

export type ImportResult = {
  label: string;
  status: "imported" | "duplicate" | "failed";
  id?: string;
  title?: string;
  error?: string;
  tags?: number;
};

/** One line per imported item: its outcome, its name, a link to the article or why it failed. */
export function ImportResults({ slug, results, label }: { slug: string; results: ImportResult[]; label: string }) {
  return (
    <ul className="divide-y divide-stone-200 text-sm" aria-label={label}>
      {results.map((result, index) => (
        <li key={index} className="flex flex-wrap gap-x-3 py-2">
          <span
            className={`w-20 font-medium ${result.status === "failed" ? "text-red-800" : result.status === "duplicate" ? "text-amber-800" : "text-emerald-800"}`}
          >
            {result.status}
          </span>
          <span className="min-w-0 break-all">{result.label}</span>
          {result.id ? (
            <Link href={`/projects/${slug}/articles/${result.id}`} className="text-accent underline">
              {result.title}
            </Link>
          ) : (
            <span className="text-red-800">{result.error}</span>
          )}
          {result.tags !== undefined && <span className="text-stone-600">{result.tags} tags</span>}
        </li>
      ))}
    </ul>
  );
}
