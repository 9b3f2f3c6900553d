import Link from "next/link";
import type { Timeline, TimelineItem } from "@/lib/actors/data";
import { tagHref } from "./actor-timeline";

/** Every figure tagged inside the quotes and claims listed, once each, in the timeline's order. */
export function figuresCited(items: readonly TimelineItem[]) {
  const seen = new Set<string>();
  return items.flatMap((item) =>
    item.figures.filter((figure) => !seen.has(figure.id) && seen.add(figure.id)).map((figure) => ({ ...figure, item })),
  );
}

export function FiguresCited({ slug, items }: { slug: string; items: readonly TimelineItem[] }) {
  const figures = figuresCited(items);
  return (
    <section aria-labelledby="figures-heading">
      <h2 id="figures-heading" className="mb-2 font-medium">
        Figures cited
      </h2>
      {figures.length === 0 ? (
        <p className="text-sm text-stone-500">No figures tagged in the quotes and claims listed.</p>
      ) : (
        <table className="w-full text-left text-sm" aria-label="Figures cited">
          <thead className="text-xs text-stone-600">
            <tr>
              <th scope="col" className="py-1 font-medium">
                Figure
              </th>
              <th scope="col" className="py-1 text-right font-medium">
                Value
              </th>
              <th scope="col" className="py-1 pl-2 font-medium">
                Unit
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {figures.map((figure) => (
              <tr key={figure.id}>
                <td className="py-1">
                  <Link href={tagHref(slug, figure.item.articleId, figure.id)} className="hover:text-accent hover:underline">
                    {figure.text}
                  </Link>
                </td>
                <td className="py-1 text-right tabular-nums">{figure.value === null ? "—" : figure.value.toLocaleString("en")}</td>
                <td className="py-1 pl-2">{figure.unit ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Records mentioned in the same articles as this one, by the number of articles they share. */
export function CoActors({ slug, coActors }: { slug: string; coActors: Timeline["coActors"] }) {
  return (
    <section aria-labelledby="co-actors-heading">
      <h2 id="co-actors-heading" className="mb-2 font-medium">
        Mentioned alongside
      </h2>
      {coActors.length === 0 ? (
        <p className="text-sm text-stone-500">No other record is mentioned in the same articles.</p>
      ) : (
        <ul aria-label="Mentioned alongside" className="flex flex-col gap-1 text-sm">
          {coActors.map((actor) => (
            <li key={actor.id} className="flex justify-between gap-2">
              <Link href={`/projects/${slug}/actors/${actor.id}`} className="hover:text-accent hover:underline">
                {actor.name}
              </Link>
              <span className="text-stone-600 tabular-nums">
                {actor.articles} {actor.articles === 1 ? "article" : "articles"}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
