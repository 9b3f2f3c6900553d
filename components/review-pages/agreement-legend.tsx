import type { AgreementReport } from "@/lib/review/agreement-report";

type Pair = AgreementReport["pairs"][number];

/** What the figures mean, in a line each, and how much each pair's figures rest on. */
export function AgreementLegend({ pairs, names }: { pairs: Pair[]; names: Map<string, string> }) {
  return (
    <section aria-labelledby="legend-heading" className="mt-8 grid gap-6 text-sm sm:grid-cols-2">
      <div>
        <h2 id="legend-heading" className="mb-2 font-medium">
          Reading the figures
        </h2>
        <dl className="grid grid-cols-[6rem_1fr] gap-x-3 gap-y-1.5 text-stone-700">
          <dt className="font-medium">Kappa</dt>
          <dd>
            How often two annotators give each word the same label, beyond what chance would give: 1 is perfect, 0 is chance, below 0 worse
            than chance.
          </dd>
          <dt className="font-medium">Alpha</dt>
          <dd>Krippendorff&apos;s alpha: the same question, corrected for how often each label is used overall; read it like kappa.</dd>
          <dt className="font-medium">F1 exact</dt>
          <dd>The share of tags both made on exactly the same words with the same label (1: every tag matched).</dd>
          <dt className="font-medium">F1 overlap</dt>
          <dd>Like F1 exact, but tags of the same label that share some words count as matching.</dd>
          <dt className="font-medium">n/a</dt>
          <dd>Not enough to compute, e.g. neither annotator used the label.</dd>
        </dl>
      </div>
      <div>
        <h2 className="mb-2 font-medium">What each pair is compared on</h2>
        <table className="w-full text-left">
          <thead className="border-b border-stone-200 text-xs text-stone-600">
            <tr>
              <th scope="col" className="py-1 pr-3 font-medium">
                Pair
              </th>
              <th scope="col" className="py-1 pr-3 text-right font-medium">
                Articles
              </th>
              <th scope="col" className="py-1 text-right font-medium">
                Tokens
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {pairs.map((pair) => (
              <tr key={`${pair.a.id} ${pair.b.id}`}>
                <th scope="row" className="py-1 pr-3 font-normal">
                  {names.get(pair.a.id)} and {names.get(pair.b.id)}
                </th>
                <td className="py-1 pr-3 text-right tabular-nums">{pair.articles.toLocaleString("en")}</td>
                <td className="py-1 text-right tabular-nums">{pair.tokens.toLocaleString("en")}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="mt-1 text-xs text-stone-500">Tokens are the words, numbers and punctuation marks of the articles both annotated.</p>
      </div>
    </section>
  );
}
