import { ProjectNav } from "@/components/projects/project-nav";
import { AgreementFilters } from "@/components/review-pages/agreement-filters";
import { AgreementLegend } from "@/components/review-pages/agreement-legend";
import { AgreementMatrix } from "@/components/review-pages/agreement-matrix";
import { METRIC_NAMES, parseAgreementParams, personNames } from "@/components/review-pages/agreement-params";
import { DisagreementList } from "@/components/review-pages/disagreement-list";
import { LabelChart } from "@/components/review-pages/label-chart";
import { SuggesterTable } from "@/components/review-pages/suggester-table";
import { LABELS } from "@/lib/vocabulary";
import { listArticles } from "@/lib/articles/data";
import { listArticlesQuerySchema } from "@/lib/articles/schema";
import { projectForPage } from "@/lib/auth/page-access";
import { requireActor } from "@/lib/auth/session-gate";
import { compareSuggesters, computeAgreement, listDisagreements } from "@/lib/review/agreement-report";

export const metadata = { title: "Agreement" };

const PICKER_SIZE = 200;

/** Agreement between the project's annotators: a matrix of pairs, a chart per label, and what they disagree on. */
export default async function AgreementPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug } = await params;
  const actor = await requireActor(`/projects/${slug}/agreement`);
  // The figures show what each annotator tagged: in a blind project, not to the annotators themselves.
  const access = await projectForPage(actor, slug, "agreement:read");
  const query = parseAgreementParams(await searchParams);
  const labels = LABELS.filter((label) => !query.labels || query.labels.includes(label));
  const [report, recent, found, suggesters] = await Promise.all([
    computeAgreement(access, { articleId: query.article, labels: query.labels }),
    listArticles(access, listArticlesQuerySchema.parse({ sort: "newest", pageSize: PICKER_SIZE })),
    query.pair
      ? listDisagreements(access, query.pair.a, query.pair.b, {
          articleId: query.article,
          labels: query.pair.label ? [query.pair.label] : query.labels,
        })
      : null,
    compareSuggesters(access, { articleId: query.article, labels: query.labels }),
  ]);
  const people = [...new Map(report.pairs.flatMap((pair) => [pair.a, pair.b]).map((person) => [person.id, person])).values()];
  const names = personNames(people);
  const ordered = people.map((person) => person.id).sort((x, y) => names.get(x)!.localeCompare(names.get(y)!, "en"));
  return (
    <>
      <ProjectNav access={access} current="agreement" />
      <AgreementFilters
        slug={slug}
        params={query}
        articles={recent.items.map(({ id, title }) => ({ id, title }))}
        moreArticles={recent.total > recent.items.length}
      />
      {query.problems.length > 0 && (
        <p role="note" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Part of the link was not understood and is ignored ({query.problems.join("; ")}).
        </p>
      )}
      {report.pairs.length === 0 ? (
        <p className="rounded-lg border border-dashed border-stone-300 p-6 text-center text-stone-600">
          {query.article
            ? "This article has not been annotated by two people yet."
            : "No two annotators have tagged the same article yet: agreement needs at least two people on an article."}
        </p>
      ) : (
        <div className="flex flex-col gap-8">
          <section aria-labelledby="matrix-heading">
            <h2 id="matrix-heading" className="mb-2 font-medium">
              {METRIC_NAMES[query.metric]} between annotators
            </h2>
            <p className="mb-3 text-sm text-stone-600">Choose a figure to list the disagreements it counts.</p>
            <AgreementMatrix slug={slug} params={query} pairs={report.pairs} people={ordered} names={names} />
          </section>
          {query.pair && found && (
            <DisagreementList
              slug={slug}
              params={query}
              found={found}
              labels={query.labels}
              names={{ a: names.get(query.pair.a) ?? "A", b: names.get(query.pair.b) ?? "B" }}
            />
          )}
          <section aria-labelledby="chart-heading">
            <h2 id="chart-heading" className="mb-3 font-medium">
              Per label
            </h2>
            <LabelChart slug={slug} params={query} pairs={report.pairs} labels={labels} names={names} />
          </section>
        </div>
      )}
      {suggesters.length > 0 && (
        <section aria-labelledby="suggesters-heading" className="mt-8">
          <h2 id="suggesters-heading" className="mb-2 font-medium">
            Suggesters vs annotators
          </h2>
          <p className="mb-3 text-sm text-stone-600">
            F1 of each suggester&apos;s suggestions against each annotator&apos;s tags, exact / overlap, over the articles both cover.
            Accepted suggestions count too, so acceptance raises the figures of whoever accepted them.
          </p>
          <SuggesterTable rows={suggesters} labels={labels} />
        </section>
      )}
      {report.pairs.length > 0 && <AgreementLegend pairs={report.pairs} names={names} />}
    </>
  );
}
