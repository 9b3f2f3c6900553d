import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as agreementRoute from "@/app/api/projects/[slug]/agreement/route";
import * as disagreementsRoute from "@/app/api/projects/[slug]/disagreements/route";
import * as queueRoute from "@/app/api/projects/[slug]/review/route";
import * as projectRoute from "@/app/api/projects/[slug]/route";
import * as annotationsRoute from "@/app/api/articles/[id]/annotations/route";
import * as workRoute from "@/app/api/articles/[id]/work/route";
import * as reviewRoute from "@/app/api/annotations/[id]/review/route";
import { createApiToken } from "@/lib/api-tokens/mutations";
import { callRoute } from "@/lib/testing/api";
import { startCollabServer } from "@/lib/testing/collab";
import { createArticle, createProjectWith, createUser } from "@/lib/testing/factories";

type Person = { id: string; email: string; token: string };
let server: Awaited<ReturnType<typeof startCollabServer>>;
const people = {} as Record<"a" | "b" | "c" | "reviewer" | "owner", Person>;
let slug: string;
const articles = {} as Record<"meeting" | "tax" | "empty", string>;

// Tokens: Ana · Ruiz · met · Ben · Ode · "."
const MEETING = "Ana Ruiz met Ben Ode.";
// Tokens: Tax · rose · 5 · % · "."
const TAX = "Tax rose 5%.";

async function tag(articleId: string, who: Person, label: string, start: number, end: number) {
  const response = await callRoute(annotationsRoute.POST, { params: { id: articleId }, token: who.token, body: { label, start, end } });
  expect(response.status).toBe(201);
  return response.body.annotation.id as string;
}

beforeAll(async () => {
  server = await startCollabServer();
  for (const key of ["a", "b", "c", "reviewer", "owner"] as const) {
    const user = await createUser({ name: key.toUpperCase() });
    people[key] = { id: user.id, email: user.email, token: (await createApiToken(user.id, "agreement")).token };
  }
  ({ slug } = await createProjectWith({ owner: [people.owner], editor: [people.a, people.b, people.c], reviewer: [people.reviewer] }));
  articles.meeting = (await createArticle(slug, { title: "Meeting", text: MEETING })).id;
  articles.tax = (await createArticle(slug, { title: "Tax", text: TAX })).id;
  articles.empty = (await createArticle(slug, { title: "Nothing to tag", text: "It rained." })).id;
  await tag(articles.meeting, people.a, "actor", 0, 8);
  await tag(articles.meeting, people.b, "actor", 0, 8);
  await tag(articles.meeting, people.b, "actor", 13, 20);
  await tag(articles.tax, people.a, "figure", 9, 11);
  await tag(articles.tax, people.c, "figure", 9, 11);
  // C found nothing to tag here and said so: compared with nobody else, it adds no pair.
  expect(
    (await callRoute(workRoute.PUT, { params: { id: articles.empty }, token: people.c.token, body: { done: true }, method: "PUT" })).status,
  ).toBe(200);
});

afterAll(async () => {
  await server.close();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const pairOf = (pairs: any[], x: Person, y: Person) =>
  pairs.find((pair) => [pair.a.id, pair.b.id].sort().join() === [x.id, y.id].sort().join());

describe("agreement API", () => {
  it("gives hand-computed figures per pair, only for annotators who shared an article", async () => {
    const { status, body } = await callRoute(agreementRoute.GET, { params: { slug }, token: people.reviewer.token });
    expect(status).toBe(200);
    expect(body.pairs).toHaveLength(2);
    const ab = pairOf(body.pairs, people.a, people.b);
    // A: actor actor none none none none; B: actor actor none actor actor none.
    // po = 4/6; pe = (2/6)(4/6) + (4/6)(2/6) = 16/36; kappa = (24/36 − 16/36) / (20/36) = 0.4.
    // Coincidences: o(actor,actor) = 4, o(none,none) = 4, o(actor,none) = o(none,actor) = 2; n = 12, n_actor = n_none = 6:
    // alpha = 1 − 11 · 4 / (6·6·2) = 1 − 44/72 = 0.3889.
    // Spans: one identical of 1 + 2 tags: F1 = 2·1/3.
    expect(ab).toMatchObject({
      articles: 1,
      tokens: 6,
      a: { email: expect.stringContaining("@") },
      b: { email: expect.stringContaining("@") },
    });
    expect(ab.kappa).toBeCloseTo(0.4, 10);
    expect(ab.alpha).toBeCloseTo(1 - 44 / 72, 10);
    expect(ab.f1Exact).toBeCloseTo(2 / 3, 10);
    expect(ab.f1Overlap).toBeCloseTo(2 / 3, 10);
    expect(ab.perLabel.actor.kappa).toBeCloseTo(0.4, 10);
    // Neither used "quote": no agreement can be computed for it.
    expect(ab.perLabel.quote).toEqual({ kappa: null, f1Exact: null, f1Overlap: null });
    const ac = pairOf(body.pairs, people.a, people.c);
    expect(ac).toMatchObject({ articles: 1, tokens: 5, kappa: 1, alpha: 1, f1Exact: 1, f1Overlap: 1 });
    expect(pairOf(body.pairs, people.b, people.c)).toBeUndefined();
  });

  it("narrows to one article and to labels, and refuses bad parameters", async () => {
    const one = await callRoute(agreementRoute.GET, {
      params: { slug },
      token: people.owner.token,
      query: { article: articles.tax, labels: "figure" },
    });
    expect(one.body.pairs).toHaveLength(1);
    expect(Object.keys(one.body.pairs[0].perLabel)).toEqual(["figure"]);
    const actorsOnly = await callRoute(agreementRoute.GET, { params: { slug }, token: people.owner.token, query: { labels: "actor" } });
    // Without figures, A and C agree that the tax article has no actor: every token "none" for both.
    expect(pairOf(actorsOnly.body.pairs, people.a, people.c)).toMatchObject({ kappa: null, f1Exact: null });
    expect(
      (await callRoute(agreementRoute.GET, { params: { slug }, token: people.owner.token, query: { labels: "actor,person" } })).status,
    ).toBe(400);
    expect((await callRoute(agreementRoute.GET, { params: { slug }, token: people.owner.token, query: { unknown: "1" } })).status).toBe(
      400,
    );
  });

  it("lists the disagreements a cell counts", async () => {
    const { body } = await callRoute(disagreementsRoute.GET, {
      params: { slug },
      token: people.reviewer.token,
      query: { a: people.a.id, b: people.b.id },
    });
    expect(body).toEqual({
      total: 1,
      items: [
        expect.objectContaining({
          kind: "only_b",
          label: "actor",
          a: null,
          b: expect.objectContaining({ text: "Ben Ode" }),
          articleTitle: "Meeting",
        }),
      ],
    });
    expect(
      (await callRoute(disagreementsRoute.GET, { params: { slug }, token: people.reviewer.token, query: { a: people.a.id } })).status,
    ).toBe(400);
  });

  it("keeps agreement from blind annotators and from other projects", async () => {
    const outsider = await createUser();
    expect((await callRoute(agreementRoute.GET, { params: { slug }, token: (await createApiToken(outsider.id, "x")).token })).status).toBe(
      404,
    );
    expect(
      (
        await callRoute(projectRoute.PATCH, {
          params: { slug },
          token: people.owner.token,
          body: { blindAnnotation: true },
          method: "PATCH",
        })
      ).status,
    ).toBe(200);
    try {
      expect((await callRoute(agreementRoute.GET, { params: { slug }, token: people.a.token })).status).toBe(403);
      expect((await callRoute(agreementRoute.GET, { params: { slug }, token: people.reviewer.token })).status).toBe(200);
    } finally {
      await callRoute(projectRoute.PATCH, {
        params: { slug },
        token: people.owner.token,
        body: { blindAnnotation: false },
        method: "PATCH",
      });
    }
  });
});

describe("review queue", () => {
  it("lists articles awaiting review with per-label counts by status and their annotators, for reviewers and owners", async () => {
    const { body } = await callRoute(annotationsRoute.GET, { params: { id: articles.meeting }, token: people.reviewer.token });
    const ben = body.annotations.find((row: { text: string }) => row.text === "Ben Ode");
    expect(
      (await callRoute(reviewRoute.POST, { params: { id: ben.id }, token: people.reviewer.token, body: { decision: "reject" } })).status,
    ).toBe(200);
    const queue = await callRoute(queueRoute.GET, { params: { slug }, token: people.owner.token });
    expect(queue.status).toBe(200);
    const meeting = queue.body.items.find((item: { id: string }) => item.id === articles.meeting);
    expect(meeting).toMatchObject({ status: "in_progress", counts: { actor: { pending: 2, accepted: 0, rejected: 1 } } });
    expect(meeting.annotators.map((person: { id: string }) => person.id).sort()).toEqual([people.a.id, people.b.id].sort());
    // Its only annotator found nothing to tag and said so: it awaits review, with them listed as done.
    expect(queue.body.items.find((item: { id: string }) => item.id === articles.empty)).toMatchObject({
      status: "in_review",
      counts: {},
      annotators: [expect.objectContaining({ id: people.c.id, done: true })],
    });
    // In review comes first.
    expect(queue.body.items[0].status).toBe("in_review");
    expect((await callRoute(queueRoute.GET, { params: { slug }, token: people.a.token })).status).toBe(403);
    expect((await callRoute(queueRoute.GET, { params: { slug }, token: people.owner.token, query: { status: "later" } })).status).toBe(400);
  });
});
