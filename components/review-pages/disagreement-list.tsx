import { Quoted } from "@/components/ui/quoted";
import Link from "next/link";
import type { Label } from "@/lib/vocabulary";
import type { listDisagreements } from "@/lib/review/agreement-report";
import { agreementHref, labelName, type AgreementParams } from "./agreement-params";

type Found = Awaited<ReturnType<typeof listDisagreements>>;
type Side = Found["items"][number]["a"];

const KINDS = {
  only_a: (a: string) => `only ${a} has`,
  only_b: (_a: string, b: string) => `only ${b} has`,
  label: () => "different label",
  boundary: () => "different boundaries",
} as const;

function SideCell({ side }: { side: Side }) {
  if (!side) {
    return (
      <td className="px-3 py-2 text-stone-400">
        <span aria-hidden="true">—</span>
        <span className="sr-only">no tag</span>
      </td>
    );
  }
  return (
    <td className="px-3 py-2">
      <Quoted className="whitespace-pre-wrap" text={side.text} /> <span className="text-xs text-stone-600">({labelName(side.label)})</span>
    </td>
  );
}

/** What a matrix cell or a bar counts: each place where the pair's tags differ, with their words. */
export function DisagreementList({
  slug,
  params,
  found,
  names,
  labels,
}: {
  slug: string;
  params: AgreementParams;
  found: Found;
  names: { a: string; b: string };
  labels?: Label[];
}) {
  const scope = params.pair?.label
    ? ` on ${labelName(params.pair.label)} tags`
    : labels
      ? ` on ${labels.map(labelName).join(", ")} tags`
      : "";
  return (
    <section id="disagreements" aria-labelledby="disagreements-heading" className="rounded-lg border border-stone-200 bg-white p-4">
      <div className="mb-3 flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <h2 id="disagreements-heading" className="font-medium">
          Disagreements of {names.a} and {names.b}
          {scope}
        </h2>
        <p className="text-sm text-stone-600" role="status">
          {found.total === 0
            ? "None: they agree on every tag."
            : found.total > found.items.length
              ? `The first ${found.items.length} of ${found.total}`
              : `${found.total} ${found.total === 1 ? "disagreement" : "disagreements"}`}
        </p>
        <Link href={agreementHref(slug, params, { pair: undefined })} className="ml-auto text-sm text-accent underline">
          Close
        </Link>
      </div>
      {found.items.length > 0 && (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-stone-200 text-xs text-stone-600">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  Article
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Kind
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  {names.a}
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  {names.b}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-200">
              {found.items.map((item) => {
                const tag = item.a?.id ?? item.b?.id;
                return (
                  <tr key={`${item.articleId} ${item.a?.id ?? ""} ${item.b?.id ?? ""}`} className="align-top">
                    <td className="px-3 py-2">
                      {/* ?tag= lets the editor open the tag in question. */}
                      <Link
                        href={`/projects/${slug}/articles/${item.articleId}${tag ? `?tag=${encodeURIComponent(tag)}` : ""}`}
                        className="hover:text-accent hover:underline"
                      >
                        {item.articleTitle || "Untitled article"}
                      </Link>
                    </td>
                    <td className="px-3 py-2 whitespace-nowrap">{KINDS[item.kind](names.a, names.b)}</td>
                    <SideCell side={item.a} />
                    <SideCell side={item.b} />
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
