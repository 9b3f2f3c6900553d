/** The actor page's data. */
import { defineRoute, errors } from "@/lib/http/contract";
import { timelineQuerySchema } from "@/lib/actors/api";
import { actorParams } from "../contract";

export const contract = defineRoute("/api/projects/{slug}/actors/{actorId}/timeline", {
  GET: {
    summary:
      "Every mention of the actor, quote it speaks and claim it is the source of, in the articles' order of publication, with the figures inside them and the actors mentioned alongside",
    description:
      "Offsets are code points into the article's text. `status` and `article` filter the items. A merged record answers for the record it was merged into.",
    params: actorParams,
    query: timelineQuerySchema,
    responses: {
      200: "`{ rootId, items: [{ kind, id, articleId, articleTitle, publishedAt, start, end, text, status, direct, by, figures }], truncated, coActors: [{ id, name, articles }] }`",
      ...errors(400, 401, 404),
    },
  },
});
