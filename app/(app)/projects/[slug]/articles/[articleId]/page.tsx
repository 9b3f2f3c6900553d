import Link from "next/link";
import { notFound } from "next/navigation";
import { getArticle } from "@/lib/articles/data";
import { ArticleMetadataForm } from "@/components/articles/article-metadata-form";
import { metadataFromDetected } from "@/lib/articles/metadata-values";
import { ARTIFACT_LABELS } from "@/lib/articles/artifacts";
import { ArticleEditor } from "@/components/editor/article-editor";
import { ArticleExport } from "@/components/export/article-export";
import { can } from "@/lib/auth/permissions";
import { articleForPage } from "@/lib/auth/page-access";
import { requireActor } from "@/lib/auth/session-gate";
import { formatDate } from "@/lib/format";
import { listMemberNames } from "@/lib/members/data";
import { isWorkDone } from "@/lib/review/data";
import { annotatesBlind } from "@/lib/auth/tag-scope";
import { listPreviewTags } from "@/lib/tags/data";
import { placeTags, tagContent } from "@/lib/tags/tagged-content";
import { taggedContentHtml } from "@/lib/tags/tagged-content-html";

export default async function ArticlePage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string; articleId: string }>;
  searchParams: Promise<{ tag?: string }>;
}) {
  const { slug, articleId } = await params;
  const { tag } = await searchParams;
  const actor = await requireActor(`/projects/${slug}/articles/${articleId}`);
  const access = await articleForPage(actor, articleId, "project:read");
  // The article must belong to the project in the URL, or the breadcrumb would lie.
  if (access.slug !== slug) notFound();
  const [article, done, members, tags] = await Promise.all([
    getArticle(access),
    isWorkDone(access),
    listMemberNames(access),
    listPreviewTags(access),
  ]);
  return (
    <article className="mx-auto max-w-6xl">
      <p className="text-sm text-stone-500">
        <Link href="/projects" className="hover:underline">
          Projects
        </Link>{" "}
        /{" "}
        <Link href={`/projects/${slug}`} className="hover:underline">
          {access.name}
        </Link>{" "}
        /
      </p>
      <h1 className="mt-1 font-serif text-3xl leading-tight font-semibold">{article.title}</h1>
      <p className="mt-3 flex flex-wrap gap-x-3 gap-y-1 text-sm text-stone-600">
        {article.byline && <span>{article.byline}</span>}
        {article.source && <span>{article.source}</span>}
        {article.publishedAt && <time dateTime={article.publishedAt.toISOString()}>{formatDate(article.publishedAt)}</time>}
        {article.language && <span lang="en">Language: {article.language}</span>}
      </p>
      {article.url && (
        <p className="mt-1 truncate text-sm">
          <a href={article.url} className="text-accent underline" rel="noopener noreferrer nofollow" target="_blank">
            {article.url}
          </a>
        </p>
      )}
      <p className="mt-1 text-sm text-stone-500">{article.wordCount.toLocaleString("en")} words</p>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-accent">Export this article</summary>
        <div className="mt-2">
          <ArticleExport articleId={article.id} />
        </div>
      </details>
      {can(access.role, "articles:edit") && <ArticleMetadataForm articleId={article.id} initial={metadataFromDetected(article)} />}
      <div className="mt-8">
        <ArticleEditor
          articleId={article.id}
          slug={slug}
          user={{ id: actor.userId, name: actor.name ?? actor.email }}
          permissions={{
            canTag: can(access.role, "annotations:create"),
            canEditText: can(access.role, "articles:edit"),
            isOwner: access.role === "owner",
            canReview: can(access.role, "annotations:review"),
            canComment: can(access.role, "annotations:comment"),
          }}
          review={{
            allowSelfReview: access.settings.allowSelfReview,
            blind: annotatesBlind(access),
            done,
            status: article.status,
          }}
          members={members.map((member) => member.user)}
          initialTag={typeof tag === "string" ? tag : undefined}
          previewHtml={taggedContentHtml(tagContent(article.content, placeTags(article.content, tags)))}
          language={article.language}
        />
      </div>
      {article.removedArtifacts.length > 0 && (
        <details className="mt-10 text-sm text-stone-600">
          <summary className="cursor-pointer">Removed on import ({article.removedArtifacts.length})</summary>
          <ul className="mt-2 flex flex-col gap-1 pl-4">
            {article.removedArtifacts.map((artifact) => (
              <li key={artifact.index}>
                <q>{artifact.text}</q> — {ARTIFACT_LABELS[artifact.reason]}
              </li>
            ))}
          </ul>
        </details>
      )}
    </article>
  );
}
