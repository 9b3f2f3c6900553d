import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as reviewRoute from "@/app/api/annotations/[id]/review/route";
import * as commentsRoute from "@/app/api/annotations/[id]/comments/route";
import * as threadRoute from "@/app/api/annotations/[id]/thread/route";
import * as historyRoute from "@/app/api/annotations/[id]/history/route";
import * as tagRoute from "@/app/api/annotations/[id]/route";
import * as annotationsRoute from "@/app/api/articles/[id]/annotations/route";
import * as statusRoute from "@/app/api/articles/[id]/status/route";
import * as workRoute from "@/app/api/articles/[id]/work/route";
import * as mentionsRoute from "@/app/api/me/mentions/route";
import * as projectRoute from "@/app/api/projects/[slug]/route";
import * as articlesRoute from "@/app/api/projects/[slug]/articles/route";
import { createApiToken } from "@/lib/api-tokens/mutations";
import { authorizeArticle } from "@/lib/auth/project-access";
import { actorFor } from "@/lib/testing/actors";
import { readTags } from "@/lib/tags/documents";
import { prisma } from "@/lib/db/prisma";
import { callRoute } from "@/lib/testing/api";
import { connectClient, eventually, startCollabServer } from "@/lib/testing/collab";
import { createArticle, createProjectWith, createUser } from "@/lib/testing/factories";

const TEXT = "“We counted 1,219 ballots,” said Ana Ruiz 🗳️ — the county clerk.\n\nMore than 200 volunteers waited outside the hall.";
const ROLES = ["owner", "editor", "reviewer", "viewer", "outsider"] as const;
type Role = (typeof ROLES)[number];
type Person = { id: string; email: string; token: string };

let server: Awaited<ReturnType<typeof startCollabServer>>;
const people = {} as Record<Role | "author" | "second", Person>;
let slug: string;

async function person(name: string): Promise<Person> {
  const user = await createUser({ name });
  return { id: user.id, email: user.email, token: (await createApiToken(user.id, "review")).token };
}

beforeAll(async () => {
  server = await startCollabServer();
  for (const role of [...ROLES, "author", "second"] as const) people[role] = await person(role);
  ({ slug } = await createProjectWith({
    owner: [people.owner],
    editor: [people.editor, people.author, people.second],
    reviewer: [people.reviewer],
    viewer: [people.viewer],
  }));
});

afterAll(async () => {
  await server.close();
});

const codepoints = (text: string, words: string) => {
  const start = [...text.slice(0, text.indexOf(words))].length;
  return { start, end: start + [...words].length };
};

let articles = 0;
/** The same text each time, with a closing line of its own: a project refuses duplicate texts. */
async function newArticle() {
  return (await createArticle(slug, { title: `Count ${++articles}`, text: `${TEXT}\n\nEdition ${articles}.` })).id;
}

async function tag(articleId: string, who: Person, label: string, words: string) {
  const response = await callRoute(annotationsRoute.POST, {
    params: { id: articleId },
    token: who.token,
    body: { label, ...codepoints(TEXT, words) },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.annotation.id as string;
}

const review = (id: string, who: Person, body: Record<string, unknown>) =>
  callRoute(reviewRoute.POST, { params: { id }, token: who.token, body });

describe("review rules, every role times every action", () => {
  const expected: Record<string, Record<Role, number>> = {
    review: { owner: 200, editor: 403, reviewer: 200, viewer: 403, outsider: 404 },
    comment: { owner: 201, editor: 201, reviewer: 201, viewer: 403, outsider: 404 },
    resolve: { owner: 200, editor: 200, reviewer: 200, viewer: 403, outsider: 404 },
    readComments: { owner: 200, editor: 200, reviewer: 200, viewer: 200, outsider: 404 },
    readHistory: { owner: 200, editor: 200, reviewer: 200, viewer: 200, outsider: 404 },
    // Reviewers and owners are annotators only of what they tagged (setWorkDone); the author tagged here.
    markDone: { owner: 409, editor: 200, reviewer: 409, viewer: 403, outsider: 404 },
    setStatus: { owner: 200, editor: 403, reviewer: 200, viewer: 403, outsider: 404 },
  };
  const actions: Record<string, (who: Person, articleId: string, id: string) => Promise<{ status: number }>> = {
    review: (who, _, id) => review(id, who, { decision: "accept" }),
    comment: (who, _, id) => callRoute(commentsRoute.POST, { params: { id }, token: who.token, body: { body: "Is the figure sourced?" } }),
    resolve: (who, _, id) => callRoute(threadRoute.POST, { params: { id }, token: who.token, body: { resolved: true } }),
    readComments: (who, _, id) => callRoute(commentsRoute.GET, { params: { id }, token: who.token }),
    readHistory: (who, _, id) => callRoute(historyRoute.GET, { params: { id }, token: who.token }),
    markDone: (who, articleId) =>
      callRoute(workRoute.PUT, { params: { id: articleId }, token: who.token, body: { done: true }, method: "PUT" }),
    setStatus: (who, articleId) => callRoute(statusRoute.POST, { params: { id: articleId }, token: who.token, body: { status: "done" } }),
  };
  for (const [action, byRole] of Object.entries(expected)) {
    it(`${action}: ${Object.entries(byRole)
      .map(([role, status]) => `${role} ${status}`)
      .join(", ")}`, async () => {
      for (const role of ROLES) {
        // An article per role: the author cannot tag the same words with the same label twice.
        const articleId = await newArticle();
        const id = await tag(articleId, people.author, "figure", "1,219 ballots");
        const response = await actions[action]!(people[role], articleId, id);
        expect(response.status, `${role} ${action}: ${JSON.stringify(response)}`).toBe(byRole[role]);
      }
    });
  }
});

describe("marking work done", () => {
  it("makes a reviewer or owner an annotator of an article only if they tagged it", async () => {
    const articleId = await newArticle();
    await tag(articleId, people.author, "figure", "1,219 ballots");
    const markDone = (who: Person) =>
      callRoute(workRoute.PUT, { params: { id: articleId }, token: who.token, body: { done: true }, method: "PUT" });
    const refused = await markDone(people.reviewer);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/only on articles they tagged/);
    await tag(articleId, people.reviewer, "actor", "Ana Ruiz");
    expect((await markDone(people.reviewer)).body.work).toEqual({ done: true, articleStatus: "in_progress" });
  });
});

describe("deciding", () => {
  it("accepts with a corrected label and span, shows the decision live, and records every step in the history", async () => {
    const articleId = await newArticle();
    const id = await tag(articleId, people.author, "actor", "Ana Ruiz 🗳️");
    const client = await connectClient(server.url, articleId, people.author.token);
    try {
      const accepted = await review(id, people.reviewer, {
        decision: "accept",
        label: "actor",
        ...codepoints(TEXT, "Ana Ruiz"),
        comment: "Trimmed the emoji",
      });
      expect(accepted.status).toBe(200);
      expect(accepted.body.annotation).toMatchObject({
        status: "accepted",
        text: "Ana Ruiz",
        ...codepoints(TEXT, "Ana Ruiz"),
        review: { decision: "accept", comment: "Trimmed the emoji", reviewer: { id: people.reviewer.id } },
      });
      await eventually(() => readTags(client.tags.document).get(id)?.status === "accepted", 1000, "the decision at the annotator's client");
      expect(readTags(client.tags.document).get(id)).toMatchObject({
        review: { reviewerId: people.reviewer.id, comment: "Trimmed the emoji" },
        thread: { comments: 1, resolved: false },
      });
    } finally {
      client.destroy();
    }
    const history = await callRoute(historyRoute.GET, { params: { id }, token: people.viewer.token });
    expect(history.body.history.map((event: { kind: string }) => event.kind)).toEqual(["created", "span_changed", "accepted", "commented"]);
    expect(history.body.history[1]).toMatchObject({ data: { from: "Ana Ruiz 🗳️", to: "Ana Ruiz" }, actor: { id: people.reviewer.id } });
    const comments = await callRoute(commentsRoute.GET, { params: { id }, token: people.author.token });
    expect(comments.body.comments).toEqual([
      expect.objectContaining({ kind: "comment", body: "Trimmed the emoji", author: expect.objectContaining({ id: people.reviewer.id }) }),
    ]);
  });

  it("lets one of two simultaneous decisions win; the other gets 409 with the new state, and history has one decision", async () => {
    const articleId = await newArticle();
    const id = await tag(articleId, people.author, "quote", "“We counted 1,219 ballots,”");
    const [first, second] = await Promise.all([
      review(id, people.reviewer, { decision: "accept" }),
      review(id, people.owner, { decision: "reject", comment: "Not a quote" }),
    ]);
    const statuses = [first.status, second.status].sort();
    expect(statuses).toEqual([200, 409]);
    const loser = first.status === 409 ? first : second;
    const winner = first.status === 200 ? first : second;
    expect(loser.body.error.message).toMatch(/is (accepted|rejected) by/);
    expect(loser.body.annotation.status).toBe(winner.body.annotation.status);
    // The body is exactly the error and, beside it, the tag as the winner left it.
    expect(Object.keys(loser.body)).toEqual(["error", "annotation"]);
    expect(loser.body.error).toEqual({ code: "conflict", message: loser.body.error.message });
    expect(loser.body.annotation).toEqual(winner.body.annotation);
    expect(await prisma.annotationReview.count({ where: { annotationId: id } })).toBe(1);
    expect(await prisma.annotationEvent.count({ where: { annotationId: id, kind: { in: ["accepted", "rejected"] } } })).toBe(1);
    // Changing one's mind is explicit: name the status you saw.
    const reversed = await review(id, people.reviewer, {
      decision: winner.body.annotation.status === "accepted" ? "reject" : "accept",
      expectedStatus: winner.body.annotation.status,
    });
    expect(reversed.status).toBe(200);
    expect(await prisma.annotationReview.count({ where: { annotationId: id } })).toBe(2);
  });

  it("refuses self-review unless the project allows it", async () => {
    const articleId = await newArticle();
    const own = await tag(articleId, people.reviewer, "figure", "200 volunteers");
    const refused = await review(own, people.reviewer, { decision: "accept" });
    expect(refused).toMatchObject({ status: 403, body: { error: { message: expect.stringMatching(/self-review/) } } });
    expect(await prisma.annotationReview.count({ where: { annotationId: own } })).toBe(0);
    expect(
      (
        await callRoute(projectRoute.PATCH, {
          params: { slug },
          token: people.owner.token,
          body: { allowSelfReview: true },
          method: "PATCH",
        })
      ).status,
    ).toBe(200);
    try {
      expect((await review(own, people.reviewer, { decision: "accept" })).status).toBe(200);
    } finally {
      await callRoute(projectRoute.PATCH, {
        params: { slug },
        token: people.owner.token,
        body: { allowSelfReview: false },
        method: "PATCH",
      });
    }
  });

  it("answers 404 for an unknown tag, 409 for one deleted meanwhile, 400 for bad input, writing nothing", async () => {
    const articleId = await newArticle();
    expect((await review("no-such-tag", people.reviewer, { decision: "accept" })).status).toBe(404);
    const id = await tag(articleId, people.author, "claim", "More than 200 volunteers waited outside the hall.");
    const reviewerAccess = await authorizeArticle(await actorFor(people.reviewer), articleId, "annotations:review");
    if (!reviewerAccess.ok) throw new Error(reviewerAccess.message);
    expect((await callRoute(tagRoute.DELETE, { params: { id }, token: people.author.token, method: "DELETE" })).status).toBe(204);
    // Deleted before the request: unknown to the route. Deleted between the route's check and the decision: 409.
    expect((await review(id, people.reviewer, { decision: "accept" })).status).toBe(404);
    expect(await server.live.review(reviewerAccess.value, id, { decision: "accept" })).toMatchObject({
      ok: false,
      reason: "conflict",
      message: expect.stringMatching(/deleted/),
    });
    expect(await prisma.annotationReview.count({ where: { annotationId: id } })).toBe(0);
    const other = await tag(articleId, people.author, "figure", "1,219 ballots");
    for (const body of [
      { decision: "maybe" },
      { decision: "reject", label: "actor" },
      { decision: "accept", start: 5 },
      { decision: "accept", comment: "x".repeat(10_001) },
      { decision: "accept", extra: 1 },
    ]) {
      const response = await review(other, people.reviewer, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.message).toBeTruthy();
    }
    expect(await prisma.annotationReview.count({ where: { annotationId: other } })).toBe(0);
    expect((await prisma.annotation.findUniqueOrThrow({ where: { id: other } })).status).toBe("pending");
  });

  it("hides rejected tags from lists unless asked, and filters by annotator", async () => {
    const articleId = await newArticle();
    const kept = await tag(articleId, people.author, "figure", "1,219 ballots");
    const rejected = await tag(articleId, people.second, "actor", "the county clerk");
    expect((await review(rejected, people.reviewer, { decision: "reject", comment: "Not an actor here" })).status).toBe(200);
    const list = async (query: Record<string, string>) =>
      (await callRoute(annotationsRoute.GET, { params: { id: articleId }, token: people.viewer.token, query })).body.annotations.map(
        (row: { id: string }) => row.id,
      );
    expect(await list({})).toEqual([kept]);
    expect(await list({ status: "rejected" })).toEqual([rejected]);
    expect(await list({ status: "all" })).toEqual([kept, rejected]);
    expect(await list({ status: "all", annotator: people.second.email })).toEqual([rejected]);
    expect(
      (await callRoute(annotationsRoute.GET, { params: { id: articleId }, token: people.viewer.token, query: { status: "gold" } })).status,
    ).toBe(400);
  });
});

describe("discussion", () => {
  it("keeps comments within 1 to 10,000 characters, notifies members it mentions, and resolves and reopens", async () => {
    const articleId = await newArticle();
    const id = await tag(articleId, people.author, "figure", "1,219 ballots");
    const post = (body: unknown, who = people.editor) => callRoute(commentsRoute.POST, { params: { id }, token: who.token, body });
    expect((await post({ body: "   " })).status).toBe(400);
    expect((await post({ body: "x".repeat(10_001) })).status).toBe(400);
    expect((await post({})).status).toBe(400);
    expect(await prisma.annotationComment.count({ where: { annotationId: id } })).toBe(0);
    expect((await post({ body: "x".repeat(10_000) })).status).toBe(201);
    const mention = await post({ body: `@${people.author.email} where is 1,219 from? cc @nobody@example.com` });
    expect(mention.status).toBe(201);
    expect(mention.body.comment.mentions).toEqual([{ user: expect.objectContaining({ id: people.author.id }) }]);
    const mine = await callRoute(mentionsRoute.GET, { params: {}, token: people.author.token, query: { unseen: "1" } });
    expect(mine.body.mentions).toEqual([
      expect.objectContaining({ id: mention.body.comment.id, annotationId: id, article: expect.objectContaining({ id: articleId }) }),
    ]);
    expect((await callRoute(mentionsRoute.POST, { params: {}, token: people.author.token, body: {} })).body.seen).toBe(1);
    expect((await callRoute(mentionsRoute.GET, { params: {}, token: people.author.token, query: { unseen: "1" } })).body.mentions).toEqual(
      [],
    );

    expect(
      (await callRoute(threadRoute.POST, { params: { id }, token: people.reviewer.token, body: { resolved: true } })).body.thread,
    ).toEqual({ resolved: true });
    expect(
      (await callRoute(threadRoute.POST, { params: { id }, token: people.author.token, body: { resolved: false } })).body.thread,
    ).toEqual({ resolved: false });
    const thread = await callRoute(commentsRoute.GET, { params: { id }, token: people.viewer.token });
    expect(thread.body.comments.map((entry: { kind: string }) => entry.kind)).toEqual(["comment", "comment", "resolve", "reopen"]);
  });
});

describe("gold layer and blind annotation", () => {
  it("auto-accepts tags on which two annotators agree exactly, merging them into one gold tag that records both", async () => {
    await callRoute(projectRoute.PATCH, {
      params: { slug },
      token: people.owner.token,
      body: { autoAcceptAgreement: true },
      method: "PATCH",
    });
    try {
      const articleId = await newArticle();
      const first = await tag(articleId, people.author, "actor", "Ana Ruiz");
      const lone = await tag(articleId, people.author, "figure", "1,219 ballots");
      // Merged on arrival: the answer is the gold tag.
      expect(await tag(articleId, people.second, "actor", "Ana Ruiz")).toBe(first);
      await tag(articleId, people.second, "figure", "1,219");
      const { body } = await callRoute(annotationsRoute.GET, {
        params: { id: articleId },
        token: people.reviewer.token,
        query: { status: "all" },
      });
      expect(body.annotations).toHaveLength(3);
      const gold = body.annotations.find((row: { id: string }) => row.id === first);
      expect(gold).toMatchObject({ status: "accepted", text: "Ana Ruiz", review: { decision: "accept", reviewer: null } });
      expect(gold.annotators.map((annotator: { id: string }) => annotator.id)).toEqual([people.author.id, people.second.id]);
      expect(body.annotations.find((row: { id: string }) => row.id === lone).status).toBe("pending");
      // Listed for either annotator.
      const forSecond = await callRoute(annotationsRoute.GET, {
        params: { id: articleId },
        token: people.reviewer.token,
        query: { annotator: people.second.id },
      });
      expect(forSecond.body.annotations.map((row: { id: string }) => row.id)).toContain(first);
    } finally {
      await callRoute(projectRoute.PATCH, {
        params: { slug },
        token: people.owner.token,
        body: { autoAcceptAgreement: false },
        method: "PATCH",
      });
    }
  });

  it("in a blind project shows annotators only their own tags until they mark their work done; reviewers see everything", async () => {
    const owner = await person("blind owner");
    const a = await person("annotator a");
    const b = await person("annotator b");
    const reviewer = await person("blind reviewer");
    const project = await createProjectWith({ owner: [owner], editor: [a, b], reviewer: [reviewer] });
    expect(
      (
        await callRoute(projectRoute.PATCH, {
          params: { slug: project.slug },
          token: owner.token,
          body: { blindAnnotation: true },
          method: "PATCH",
        })
      ).status,
    ).toBe(200);
    const articleId = (await createArticle(project.slug, { title: "Blind", text: TEXT })).id;
    const mine = await tag(articleId, a, "actor", "Ana Ruiz");
    const theirs = await tag(articleId, b, "figure", "1,219 ballots");
    const ids = async (who: Person) =>
      (await callRoute(annotationsRoute.GET, { params: { id: articleId }, token: who.token })).body.annotations
        .map((row: { id: string }) => row.id)
        .sort();
    expect(await ids(a)).toEqual([mine]);
    expect(await ids(b)).toEqual([theirs]);
    expect(await ids(reviewer)).toEqual([mine, theirs].sort());
    expect((await callRoute(tagRoute.GET, { params: { id: theirs }, token: a.token })).status).toBe(404);
    // The article list counts only what the reader may see, and cannot be asked who tagged what.
    const listed = await callRoute(articlesRoute.GET, { params: { slug: project.slug }, token: a.token, query: { annotator: b.id } });
    expect(listed.body.total).toBe(0);
    expect((await callRoute(articlesRoute.GET, { params: { slug: project.slug }, token: a.token })).body.items[0]).toMatchObject({
      annotationCount: 1,
      labelCounts: { actor: 1 },
    });
    expect((await callRoute(articlesRoute.GET, { params: { slug: project.slug }, token: reviewer.token })).body.items[0]).toMatchObject({
      annotationCount: 2,
    });
    expect((await callRoute(commentsRoute.POST, { params: { id: theirs }, token: a.token, body: { body: "peek" } })).status).toBe(404);
    // Live, too: A's editor reads a view of the tags with only A's; the whole document is refused to A.
    await expect(connectClient(server.url, articleId, a.token)).rejects.toThrow(/authentication failed/);
    await expect(connectClient(server.url, articleId, a.token, { tagsViewOf: b.id })).rejects.toThrow(/authentication failed/);
    const live = await connectClient(server.url, articleId, a.token, { tagsViewOf: a.id });
    try {
      expect([...readTags(live.tags.document).keys()]).toEqual([mine]);
      const later = await tag(articleId, b, "claim", "More than 200 volunteers waited outside the hall.");
      const own = await tag(articleId, a, "figure", "200 volunteers");
      await eventually(() => readTags(live.tags.document).has(own), 1000, "A's new tag in A's view");
      expect(readTags(live.tags.document).has(later)).toBe(false);
      expect(readTags(live.tags.document).has(theirs)).toBe(false);
    } finally {
      live.destroy();
    }
    const done = await callRoute(workRoute.PUT, { params: { id: articleId }, token: a.token, body: { done: true }, method: "PUT" });
    expect(done.body.work).toEqual({ done: true, articleStatus: "in_progress" });
    expect(await ids(a)).toHaveLength(4);
    expect(await ids(b)).toHaveLength(2);
    // Everyone who tagged it is done: it awaits review.
    expect(
      (await callRoute(workRoute.PUT, { params: { id: articleId }, token: b.token, body: { done: true }, method: "PUT" })).body.work
        .articleStatus,
    ).toBe("in_review");
  });
});
