import Link from "next/link";
import type { ActorListRow, ActorSort } from "@/lib/actors/data";
import { defaultOrder, listHref, type ListParams } from "./list-params";

const COLUMNS: { sort: ActorSort; title: string; numeric: boolean }[] = [
  { sort: "name", title: "Name", numeric: false },
  { sort: "mentions", title: "Mentions", numeric: true },
  { sort: "quotes", title: "Quotes", numeric: true },
  { sort: "claims", title: "Claims", numeric: true },
  { sort: "articles", title: "Articles", numeric: true },
];

/**
 * The registry's records with their counts; each column's heading sorts by it (again to reverse), as a link,
 * so that the order is in the address.
 */
export function ActorTable({ slug, params, actors }: { slug: string; params: ListParams; actors: ActorListRow[] }) {
  const heading = ({ sort, title, numeric }: (typeof COLUMNS)[number]) => {
    const active = params.sort === sort;
    const order = active ? (params.order === "asc" ? "desc" : "asc") : defaultOrder(sort);
    return (
      <th
        key={sort}
        scope="col"
        aria-sort={active ? (params.order === "asc" ? "ascending" : "descending") : undefined}
        className={`px-3 py-2 font-medium ${numeric ? "text-right" : ""}`}
      >
        <Link href={listHref(slug, params, { sort, order, page: 1 })} className="hover:text-accent hover:underline">
          {title}
          {active && <span aria-hidden="true">{params.order === "asc" ? " ↑" : " ↓"}</span>}
        </Link>
      </th>
    );
  };
  return (
    <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white">
      <table className="w-full text-left text-sm" aria-label="Actors">
        <thead className="border-b border-stone-200 bg-stone-50 text-xs text-stone-600">
          <tr>
            {heading(COLUMNS[0]!)}
            <th scope="col" className="px-3 py-2 font-medium">
              Kind
            </th>
            {COLUMNS.slice(1).map(heading)}
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-200">
          {actors.map((actor) => (
            <tr key={actor.id} className="align-top">
              <th scope="row" className="max-w-80 px-3 py-2 font-medium">
                <Link href={`/projects/${slug}/actors/${actor.id}`} className="hover:text-accent hover:underline">
                  {actor.name}
                </Link>
                {actor.aliases.length > 0 && <p className="text-xs font-normal text-stone-500">also {actor.aliases.join(", ")}</p>}
              </th>
              <td className="px-3 py-2 text-stone-600">{actor.kind ?? "—"}</td>
              <td className="px-3 py-2 text-right tabular-nums">{actor.mentions}</td>
              <td className="px-3 py-2 text-right tabular-nums">{actor.quotes}</td>
              <td className="px-3 py-2 text-right tabular-nums">{actor.claims}</td>
              <td className="px-3 py-2 text-right tabular-nums">{actor.articles}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
