// @vitest-environment happy-dom
/**
 * Randomized convergence, in the style of Yjs's own tests: five editors (one a reviewer) running Margin's
 * editor extensions, a server peer running the real tag operations, and a network that reorders every
 * message and loses what is in flight when a client drops. Each seed types, deletes, splits and joins
 * paragraphs, undoes, tags overlapping words, relabels, deletes and restores tags, and calls the API with
 * offsets that are sometimes wrong. Then: everyone has the same text and tags, the projection's offsets are
 * exact (also once written to PostgreSQL, in code points and UTF-16), and every recorded tag is still
 * there, once, orphaned if its words went. MARGIN_CONVERGENCE_SEEDS and _STEPS make it a soak
 * (bench/convergence-soak.ts).
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import type { ArticleDoc } from "@/lib/articles/content";
import { listAnnotations } from "./data";
import type { TagActor } from "./operations";
import { authorizeArticle } from "@/lib/auth/project-access";
import type { ArticleAccess } from "@/lib/auth/context";
import { actorFor } from "@/lib/testing/actors";
import { createArticle, createProjectWith, createUser, ownArticle } from "@/lib/testing/factories";
import { canonicalJSON } from "@/lib/testing/canonical-json";
import { Simulation } from "@/lib/testing/simulation";
import { contentRoot, deletedTags, markedTagIds, projectContent, readTags } from "./documents";
import { writeProjection } from "./mutations";
import type { Projection } from "./projection";
import { utf16ToCodePoint } from "./offsets";

const SEEDS = Number(process.env.MARGIN_CONVERGENCE_SEEDS ?? 60);
const FIRST_SEED = Number(process.env.MARGIN_CONVERGENCE_FIRST_SEED ?? 1);
const STEPS = Number(process.env.MARGIN_CONVERGENCE_STEPS ?? 120);

const paragraph = (text: string) => ({ type: "paragraph" as const, content: [{ type: "text" as const, text }] });
const CONTENT: ArticleDoc = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Recount in Harris County" }] },
    paragraph("“We counted 1,219 ballots,” said Ana Ruiz 🗳️ — the county clerk."),
    paragraph("More than 200 volunteers waited outside; the café on Main Street stayed open."),
    { type: "blockquote", content: [paragraph("“It’s not over,” she said.")] },
    {
      type: "bulletList",
      content: [
        { type: "listItem", content: [paragraph("67,160 mail ballots")] },
        { type: "listItem", content: [paragraph("Turnout: 48%")] },
      ],
    },
  ],
};

let actors: TagActor[] = [];
let access: ArticleAccess;
let articleId: string;

beforeAll(async () => {
  const users = await Promise.all(["Owner", "Editor A", "Editor B", "Editor C", "Reviewer"].map((name) => createUser({ name })));
  actors = users.map((user, index) => ({ userId: user.id, name: user.name ?? user.email, role: index === 0 ? "owner" : "editor" }));
  const { slug } = await createProjectWith({ owner: [users[0]!] });
  articleId = (await createArticle(slug, { title: "Recount", text: "placeholder" })).id;
  const allowed = await authorizeArticle(await actorFor(users[0]!), articleId, "project:read");
  if (!allowed.ok) throw new Error(allowed.message);
  access = allowed.value;
});

let totals = { tags: 0, orphans: 0, refusedApi: 0, reviewerAttempts: 0, failedAppends: 0, refusedRepairs: 0, revertedMarks: 0 };
afterAll(() => {
  console.info(
    `[convergence] ${SEEDS} seeds × ${STEPS} steps: ${totals.tags} tags at the end, ${totals.orphans} orphans, ${totals.refusedApi} refused API calls, ${totals.reviewerAttempts} reviewer actions, ${totals.failedAppends} failed appends, ${totals.refusedRepairs} refused reviewer repairs (the tab reloaded), ${totals.revertedMarks} colleagues' marks put back`,
  );
});

/** An oracle independent of the projection's own walk: which text offsets carry each tag's mark. */
function checkSpans(projection: Projection, root: ReturnType<typeof contentRoot>): void {
  const seen = new Map<string, { first: number; last: number }>();
  for (let offset = 0; offset < projection.text.length; offset++) {
    if (projection.text[offset] === "\n") continue;
    const node = root.nodeAt(projection.positions[offset]!);
    for (const mark of node?.marks ?? []) {
      if (mark.type.name !== "annotation") continue;
      const id = mark.attrs.id as string;
      const extent = seen.get(id);
      if (extent) extent.last = offset;
      else seen.set(id, { first: offset, last: offset });
    }
  }
  expect([...projection.spans.keys()].sort()).toEqual([...seen.keys()].sort());
  for (const [id, span] of projection.spans) {
    const extent = seen.get(id)!;
    expect({ id, start: span.start, end: span.end }).toEqual({
      id,
      start: extent.first,
      end: extent.last + (projection.text.codePointAt(extent.last)! > 0xffff ? 2 : 1),
    });
    // Never half a character: both ends convert to code points.
    expect(() => [utf16ToCodePoint(projection.text, span.start), utf16ToCodePoint(projection.text, span.end)]).not.toThrow();
  }
}

describe("randomized convergence", () => {
  const seeds = Array.from({ length: SEEDS }, (_, index) => FIRST_SEED + index);

  it.each(seeds)("seed %i: all clients converge, offsets are exact, no tag is lost or doubled", async (seed) => {
    const sim = new Simulation({ seed, content: CONTENT, actors: [...actors], withReviewer: true });
    try {
      await sim.addClients();
      onTestFailed(() =>
        console.error(`[convergence] seed ${seed}, last actions:\n${sim.trace.slice(-Number(process.env.MARGIN_TRACE ?? 25)).join("\n")}`),
      );
      const paranoid = { checkEachStep: Boolean(process.env.MARGIN_CONVERGENCE_PARANOID) };
      await sim.run(STEPS, paranoid);
      await sim.settle(paranoid);

      // One text and one set of tags everywhere, and every editor shows its document.
      const server = sim.server.docs;
      const root = contentRoot(server.content);
      const tags = readTags(server.tags);
      for (const client of sim.clients) {
        expect(sim.fragmentJSON(client.content), client.name).toBe(sim.fragmentJSON(server.content));
        expect(canonicalJSON(client.editor.state.doc), client.name).toBe(canonicalJSON(root));
        expect(readTags(client.tags), client.name).toEqual(tags);
      }

      // The publisher appended exactly what colleagues saw: the tags document rebuilt from the appends is the
      // live one, failed appends included (they changed nothing anyone saw).
      expect(readTags(sim.server.stored)).toEqual(tags);
      expect([...deletedTags(sim.server.stored).keys()].sort()).toEqual([...deletedTags(server.tags).keys()].sort());

      // Every tag the server recorded and did not delete is there, once; no mark is left without its tag.
      expect([...tags.keys()].sort()).toEqual(sim.expectedTagIds());
      for (const id of markedTagIds(root)) expect(tags.has(id), `mark of unrecorded tag ${id}`).toBe(true);
      for (const id of deletedTags(server.tags).keys()) expect(tags.has(id), `deleted tag ${id} still listed`).toBe(false);

      // The projection's offsets are exact.
      const projection = projectContent(server.content);
      checkSpans(projection, root);

      // And so are PostgreSQL's, in both units; orphans are kept with their last words.
      await writeProjection(articleId, projection, tags, await ownArticle(articleId));
      for (const unit of ["codepoint", "utf16"] as const) {
        const stored = await listAnnotations(access, unit, { status: "all" });
        expect(stored.text).toBe(projection.text);
        expect(stored.annotations.map((row) => row.id).sort()).toEqual([...tags.keys()].sort());
        for (const row of stored.annotations) {
          if (row.orphaned) {
            expect(projection.spans.has(row.id)).toBe(false);
            continue;
          }
          const slice =
            unit === "codepoint" ? [...stored.text].slice(row.start!, row.end!).join("") : stored.text.slice(row.start!, row.end!);
          expect(slice).toBe(row.text);
          expect(row.label).toBe(tags.get(row.id)!.label);
        }
      }

      totals = {
        tags: totals.tags + tags.size,
        orphans: totals.orphans + [...tags.keys()].filter((id) => !projection.spans.has(id)).length,
        refusedApi: totals.refusedApi + sim.server.log.filter((entry) => entry.id.startsWith("api") && !entry.result.ok).length,
        reviewerAttempts: totals.reviewerAttempts + sim.reviewerAttempts,
        failedAppends: totals.failedAppends + sim.server.failedAppends,
        refusedRepairs: totals.refusedRepairs + sim.refusedRepairs,
        revertedMarks: totals.revertedMarks + sim.server.revertedMarks,
      };
    } finally {
      sim.destroy();
    }
  });
});
