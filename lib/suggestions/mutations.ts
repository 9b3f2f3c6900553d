/**
 * Writes of suggestions: a run's answer replacing the suggesters' earlier rows of an article (for one
 * set, see scope.ts), and a person's decision on one.
 */
import "server-only";
import { isUniqueViolation } from "@/lib/db/errors";
import { prisma } from "@/lib/db/prisma";
import { fail, ok, type Result } from "@/lib/errors";
import { suggestionKey, type SuggestionRow } from "./stored";

/**
 * Replaces the article's rows of the suggesters that ran in the set `forUserId` with `rows`. A row whose key (the same
 * suggester, label and words at the same place) was there keeps its id, so that decisions on it stand; an
 * earlier row not proposed again is deleted, or, when someone decided on it, superseded (never offered
 * again, kept for its decisions). One run per article at a time: two at once would both insert.
 * Returns the rows' final ids in order.
 */
export async function storeRun(
  articleId: string,
  forUserId: string | null,
  suggesters: readonly string[],
  rows: readonly SuggestionRow[],
): Promise<string[]> {
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`suggestions:${articleId}`}))`;
      const earlier = await tx.suggestion.findMany({
        where: {
          articleId,
          forUserId,
          suggester: { in: [...suggesters] },
        },
        select: { id: true, suggester: true, label: true, start: true, end: true, text: true, _count: { select: { decisions: true } } },
      });
      const earlierByKey = new Map(earlier.map((row) => [suggestionKey(row), row]));
      const finalId = new Map<string, string>();
      const taken = new Set<string>();
      for (const row of rows) {
        const again = earlierByKey.get(suggestionKey(row))?.id;
        // Two rows of one answer with the same key (an external backend may repeat itself) get one each.
        const id = again && !taken.has(again) ? again : row.id;
        taken.add(id);
        finalId.set(row.id, id);
      }
      const kept = taken;
      const gone = earlier.filter((row) => !kept.has(row.id));
      await tx.suggestion.deleteMany({ where: { id: { in: gone.filter((row) => row._count.decisions === 0).map((row) => row.id) } } });
      await tx.suggestion.updateMany({
        where: { id: { in: gone.filter((row) => row._count.decisions > 0).map((row) => row.id) }, supersededAt: null },
        data: { supersededAt: new Date() },
      });
      const linked = (id: string | null) => (id === null ? null : (finalId.get(id) ?? null));
      const data = rows.map((row) => ({
        id: finalId.get(row.id)!,
        articleId,
        forUserId,
        suggester: row.suggester,
        version: row.version,
        label: row.label,
        start: row.start,
        end: row.end,
        text: row.text,
        score: row.score,
        attributes: row.attributes,
        speakerSuggestionId: linked(row.speakerSuggestionId),
        speakerTagId: row.speakerTagId,
        sourceSuggestionId: linked(row.sourceSuggestionId),
        sourceTagId: row.sourceTagId,
        supersededAt: null,
      }));
      const existing = new Set(earlier.map((row) => row.id));
      await tx.suggestion.createMany({ data: data.filter((row) => !existing.has(row.id)) });
      for (const row of data.filter((row) => existing.has(row.id))) {
        const { id, articleId: _article, forUserId: _user, ...fields } = row;
        await tx.suggestion.update({ where: { id }, data: fields });
      }
      return data.map((row) => row.id);
    },
    // A run may bring hundreds of rows; the default 5 s is for a request's small writes.
    { timeout: 60_000 },
  );
}

/** Records that `userId` accepted (with the tag it became) or dismissed a suggestion; once per person. */
export async function recordDecision(
  suggestionId: string,
  userId: string,
  kind: "accepted" | "dismissed",
  annotationId: string | null = null,
): Promise<Result<void, "conflict">> {
  try {
    await prisma.suggestionDecision.create({ data: { suggestionId, userId, kind, annotationId } });
    return ok(undefined);
  } catch (error) {
    if (isUniqueViolation(error)) return fail("conflict", "You have already accepted or dismissed this suggestion");
    throw error;
  }
}
