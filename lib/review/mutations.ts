import "server-only";
import type { Actor, ArticleAccess } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import type { ArticleStatus } from "@/lib/db/generated/enums";
import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { listUnseenMentionIds } from "./data";

/**
 * Marks the actor's mentions as seen: the comments given, or all they may see (one on a tag hidden from
 * them by blind annotation stays new until they may see it).
 */
export async function markMentionsSeen(actor: Actor, commentIds?: string[]): Promise<number> {
  const ids = commentIds ?? (await listUnseenMentionIds(actor));
  const result = await prisma.commentMention.updateMany({
    where: { userId: actor.userId, seenAt: null, commentId: { in: ids } },
    data: { seenAt: new Date() },
  });
  return result.count;
}

/**
 * Records that the actor has finished (or reopened) their work on an article, and moves the article
 * along: in review once everyone who tagged it is done, back in progress when someone reopens.
 */
export async function setWorkDone(
  access: ArticleAccess<"annotations:create">,
  done: boolean,
): Promise<{ done: boolean; articleStatus: string }> {
  const userId = access.userId!;
  return prisma.$transaction(async (tx) => {
    // Marking done makes one an annotator of the article (agreement pairs them with everyone who tagged
    // it). For an editor, done without a tag means "nothing to tag here"; a reviewer or owner who tagged
    // nothing is reviewing, not annotating, and an empty layer of theirs would only drag agreement down.
    if (
      done &&
      can(access.role, "annotations:review") &&
      !(await tx.annotation.count({ where: { articleId: access.articleId, annotatorIds: { has: userId } } }))
    ) {
      throw new AppError(
        "conflict",
        "Reviewers and owners mark their work done only on articles they tagged: done with no tag would count you as an annotator who found nothing to tag",
      );
    }
    await tx.articleAnnotator.upsert({
      where: { articleId_userId: { articleId: access.articleId, userId } },
      create: { articleId: access.articleId, userId, doneAt: done ? new Date() : null },
      update: { doneAt: done ? new Date() : null },
    });
    const [row] = await tx.$queryRaw<{ waiting: number }[]>`
      SELECT count(*)::int AS waiting FROM (SELECT DISTINCT unnest(annotator_ids) AS user_id FROM annotations WHERE article_id = ${access.articleId}) t
      WHERE NOT EXISTS (SELECT 1 FROM article_annotators w WHERE w.article_id = ${access.articleId} AND w.user_id = t.user_id AND w.done_at IS NOT NULL)`;
    const article = await tx.article.findUniqueOrThrow({ where: { id: access.articleId }, select: { status: true } });
    let status = article.status;
    if (done && row!.waiting === 0 && (status === "new" || status === "in_progress")) status = "in_review";
    if (!done && status === "in_review") status = "in_progress";
    if (status !== article.status) await tx.article.update({ where: { id: access.articleId }, data: { status } });
    return { done, articleStatus: status };
  });
}

/** Sets an article's place in the workflow (new, in progress, in review, done): reviewers and owners. */
export async function setArticleStatus(access: ArticleAccess<"annotations:review">, status: ArticleStatus): Promise<void> {
  await prisma.article.update({ where: { id: access.articleId }, data: { status } });
}
