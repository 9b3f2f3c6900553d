/**
 * Review behaviour that lib/review/review.test.ts leaves out: auto-accept applied to existing tags and in
 * blind projects, accepting with a corrected label, every kind of history event, the append-only trigger,
 * and the role rules of the project-level review endpoints. Real PostgreSQL, real collaboration server.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as reviewRoute from "@/app/api/annotations/[id]/review/route";
import * as commentsRoute from "@/app/api/annotations/[id]/comments/route";
import * as threadRoute from "@/app/api/annotations/[id]/thread/route";
import * as historyRoute from "@/app/api/annotations/[id]/history/route";
import * as tagRoute from "@/app/api/annotations/[id]/route";
import * as annotationsRoute from "@/app/api/articles/[id]/annotations/route";
import * as doneRoute from "@/app/api/articles/[id]/work/route";
import * as mentionsRoute from "@/app/api/me/mentions/route";
import * as projectRoute from "@/app/api/projects/[slug]/route";
import * as agreementRoute from "@/app/api/projects/[slug]/agreement/route";
import * as disagreementsRoute from "@/app/api/projects/[slug]/disagreements/route";
import * as queueRoute from "@/app/api/projects/[slug]/review/route";
import { createApiToken } from "@/lib/api-tokens/mutations";
import { prisma } from "@/lib/db/prisma";
import { callRoute } from "@/lib/testing/api";
import { startCollabServer } from "@/lib/testing/collab";
import { createArticle, createProjectWith, createUser } from "@/lib/testing/factories";

const TEXT = "“We counted 1,219 ballots,” said Ana Ruiz — the county clerk.\n\nMore than 200 volunteers waited outside the hall.";
type Person = { id: string; email: string; token: string };
type Event = { id: string; kind: string; data: Record<string, unknown>; actor: { id: string } | null };

let server: Awaited<ReturnType<typeof startCollabServer>>;

beforeAll(async () => {
  server = await startCollabServer();
});

afterAll(async () => {
  await server.close();
});

async function person(name: string): Promise<Person> {
  const user = await createUser({ name });
  return { id: user.id, email: user.email, token: (await createApiToken(user.id, "review-rules")).token };
}

/** A project of its own per test: the settings these tests change would otherwise leak into the next. */
async function project(settings: Record<string, boolean> = {}) {
  const [owner, a, b, reviewer, viewer, outsider] = await Promise.all(
    ["owner", "annotator a", "annotator b", "reviewer", "viewer", "outsider"].map(person),
  );
  const { slug } = await createProjectWith({ owner: [owner!], editor: [a!, b!], reviewer: [reviewer!], viewer: [viewer!] });
  if (Object.keys(settings).length) expect((await patchSettings(slug, owner!, settings)).status).toBe(200);
  const articleId = (await createArticle(slug, { title: "Count", text: TEXT })).id;
  return { slug, articleId, owner: owner!, a: a!, b: b!, reviewer: reviewer!, viewer: viewer!, outsider: outsider! };
}

const patchSettings = (slug: string, who: Person, body: Record<string, unknown>) =>
  callRoute(projectRoute.PATCH, { params: { slug }, token: who.token, body, method: "PATCH" });

const codepoints = (words: string) => {
  const start = [...TEXT.slice(0, TEXT.indexOf(words))].length;
  return { start, end: start + [...words].length };
};

async function tag(articleId: string, who: Person, label: string, words: string) {
  const response = await callRoute(annotationsRoute.POST, {
    params: { id: articleId },
    token: who.token,
    body: { label, ...codepoints(words) },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.annotation.id as string;
}

async function allTags(articleId: string, who: Person) {
  const response = await callRoute(annotationsRoute.GET, { params: { id: articleId }, token: who.token, query: { status: "all" } });
  expect(response.status).toBe(200);
  return response.body.annotations as {
    id: string;
    label: string;
    status: string;
    annotators: { id: string }[];
    review: { reviewer: { id: string } | null } | null;
  }[];
}

async function history(id: string, who: Person): Promise<Event[]> {
  const response = await callRoute(historyRoute.GET, { params: { id }, token: who.token });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.history;
}

const markDone = (articleId: string, who: Person) =>
  callRoute(doneRoute.PUT, { params: { id: articleId }, token: who.token, body: { done: true }, method: "PUT" });

describe("auto-accept", () => {
  it("moves the discussions of the tags it merges into the gold tag's thread", async () => {
    const p = await project();
    const first = await tag(p.articleId, p.a, "actor", "Ana Ruiz");
    const copy = await tag(p.articleId, p.b, "actor", "Ana Ruiz");
    const comment = (id: string, who: Person, body: string) =>
      callRoute(commentsRoute.POST, { params: { id }, token: who.token, body: { body } });
    expect((await comment(first, p.reviewer, "Is she the clerk?")).status).toBe(201);
    expect((await comment(copy, p.reviewer, `Same person, @${p.a.email}?`)).status).toBe(201);
    expect((await patchSettings(p.slug, p.owner, { autoAcceptAgreement: true })).status).toBe(200);
    const thread = await callRoute(commentsRoute.GET, { params: { id: first }, token: p.b.token });
    expect(thread.body.comments.map((row: { body: string }) => row.body)).toEqual(["Is she the clerk?", `Same person, @${p.a.email}?`]);
    expect((await callRoute(commentsRoute.GET, { params: { id: copy }, token: p.b.token })).status).toBe(404);
    // The mention now leads to the gold tag, where the comment is.
    expect(await prisma.annotationComment.count({ where: { annotationId: copy } })).toBe(0);
  });

  it("merges existing agreeing tags into one accepted gold tag when the owner turns it on", async () => {
    const p = await project();
    const first = await tag(p.articleId, p.a, "actor", "Ana Ruiz");
    const copy = await tag(p.articleId, p.b, "actor", "Ana Ruiz");
    // Off: both stay, pending, each with its own annotator.
    expect((await allTags(p.articleId, p.reviewer)).map((row) => `${row.id} ${row.status}`).sort()).toEqual(
      [`${first} pending`, `${copy} pending`].sort(),
    );
    const turnedOn = await patchSettings(p.slug, p.owner, { autoAcceptAgreement: true });
    expect(turnedOn.status).toBe(200);
    expect(turnedOn.body.settings).toMatchObject({ autoAcceptAgreement: true });
    const rows = await allTags(p.articleId, p.reviewer);
    expect(rows).toHaveLength(1);
    // The oldest tag survives, listing both annotators; Margin (no reviewer) accepted it.
    expect(rows[0]).toMatchObject({ id: first, label: "actor", status: "accepted", review: { reviewer: null } });
    expect(rows[0]!.annotators.map((annotator) => annotator.id)).toEqual([p.a.id, p.b.id]);
    const events = await history(first, p.viewer);
    expect(events.map((event) => event.kind)).toEqual(["created", "merged", "accepted"]);
    expect(events[1]).toMatchObject({ actor: null, data: { from: [copy], annotators: [p.a.id, p.b.id] } });
    expect(events[2]).toMatchObject({ actor: null, data: { from: "pending", auto: true } });
    // The copy is gone from the API, and its own history says where it went.
    expect((await callRoute(tagRoute.GET, { params: { id: copy }, token: p.reviewer.token })).status).toBe(404);
    expect(
      await prisma.annotationEvent.findMany({ where: { annotationId: copy }, orderBy: { id: "asc" }, select: { kind: true, data: true } }),
    ).toEqual([expect.objectContaining({ kind: "created" }), { kind: "merged", data: { into: first } }]);
  });

  it("in a blind project waits until every annotator of the agreeing tags has marked their work done", async () => {
    const p = await project({ blindAnnotation: true, autoAcceptAgreement: true });
    const first = await tag(p.articleId, p.a, "figure", "1,219 ballots");
    // Not merged on arrival: the answer is B's own tag, which B alone sees.
    const second = await tag(p.articleId, p.b, "figure", "1,219 ballots");
    expect(second).not.toBe(first);
    const statuses = async () =>
      (await allTags(p.articleId, p.reviewer)).map((row) => `${row.id} ${row.status} ${row.annotators.length}`).sort();
    const unmerged = [`${first} pending 1`, `${second} pending 1`].sort();
    expect(await statuses()).toEqual(unmerged);
    // One of the two done is not enough: merging would show A's tag to B.
    expect((await markDone(p.articleId, p.a)).status).toBe(200);
    expect(await statuses()).toEqual(unmerged);
    expect((await markDone(p.articleId, p.b)).status).toBe(200);
    const rows = await allTags(p.articleId, p.reviewer);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: first, status: "accepted" });
    expect(rows[0]!.annotators.map((annotator) => annotator.id)).toEqual([p.a.id, p.b.id]);
    expect((await history(first, p.reviewer)).map((event) => event.kind)).toEqual(["created", "merged", "accepted"]);
  });
});

describe("an author's correction after a decision", () => {
  it("sends the tag back to pending with no decision in force, in the API as in the live document", async () => {
    const p = await project();
    const id = await tag(p.articleId, p.a, "claim", "More than 200 volunteers waited outside the hall.");
    expect(
      (await callRoute(reviewRoute.POST, { params: { id }, token: p.reviewer.token, body: { decision: "reject", comment: "Not a claim" } }))
        .status,
    ).toBe(200);
    expect((await allTags(p.articleId, p.reviewer)).find((row) => row.id === id)).toMatchObject({
      status: "rejected",
      review: { reviewer: { id: p.reviewer.id } },
    });
    expect((await callRoute(tagRoute.PATCH, { params: { id }, token: p.a.token, body: { label: "figure" }, method: "PATCH" })).status).toBe(
      200,
    );
    expect((await allTags(p.articleId, p.reviewer)).find((row) => row.id === id)).toMatchObject({
      status: "pending",
      label: "figure",
      review: null,
    });
  });
});

describe("mentions in a blind project", () => {
  it("wait until the mentioned editor may see the tag they are about", async () => {
    const p = await project({ blindAnnotation: true });
    const theirs = await tag(p.articleId, p.a, "actor", "Ana Ruiz");
    const mine = await tag(p.articleId, p.b, "figure", "1,219 ballots");
    const comment = (id: string, body: string) =>
      callRoute(commentsRoute.POST, { params: { id }, token: p.reviewer.token, body: { body } });
    expect((await comment(theirs, `@${p.b.email} do you agree with this name?`)).status).toBe(201);
    expect((await comment(mine, `@${p.b.email} which ballots?`)).status).toBe(201);
    const mentions = async () =>
      (await callRoute(mentionsRoute.GET, { params: {}, token: p.b.token })).body.mentions.map((mention: { body: string }) => mention.body);
    const unseen = async () =>
      (await callRoute(mentionsRoute.GET, { params: {}, token: p.b.token, query: { unseen: "1" } })).body.mentions.length;
    // B sees the mention on their own tag; the one on A's tag would reveal it (and what it says).
    expect(await mentions()).toEqual([`@${p.b.email} which ballots?`]);
    expect(await unseen()).toBe(1);
    // Marking "all seen" leaves the hidden one new, to be read once B may see it.
    expect((await callRoute(mentionsRoute.POST, { params: {}, token: p.b.token, body: {} })).status).toBe(200);
    expect(await unseen()).toBe(0);
    expect((await markDone(p.articleId, p.b)).status).toBe(200);
    // Newest first.
    expect(await mentions()).toEqual([`@${p.b.email} which ballots?`, `@${p.b.email} do you agree with this name?`]);
    expect(await unseen()).toBe(1);
  });
});

describe("history", () => {
  it("records an acceptance with a corrected label as the reviewer's label change, then the acceptance", async () => {
    const p = await project();
    const id = await tag(p.articleId, p.a, "claim", "1,219 ballots");
    const accepted = await callRoute(reviewRoute.POST, {
      params: { id },
      token: p.reviewer.token,
      body: { decision: "accept", label: "figure" },
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.annotation).toMatchObject({
      id,
      label: "figure",
      status: "accepted",
      review: { decision: "accept", reviewer: { id: p.reviewer.id } },
    });
    const events = await history(id, p.a);
    expect(events.map((event) => [event.kind, event.actor?.id])).toEqual([
      ["created", p.a.id],
      ["label_changed", p.reviewer.id],
      ["accepted", p.reviewer.id],
    ]);
    expect(events[1]!.data).toEqual({ from: "claim", to: "figure" });
    expect(events[2]!.data).toMatchObject({ from: "pending" });
  });

  it("lists every kind of change with its actor, oldest first; a deleted tag's history stays in the log only", async () => {
    const p = await project();
    const commenter = p.b;
    const id = await tag(p.articleId, p.a, "claim", "1,219 ballots");
    const patch = (body: Record<string, unknown>) => callRoute(tagRoute.PATCH, { params: { id }, token: p.a.token, body, method: "PATCH" });
    // Separate requests, so that each change is one event: a relabel alone keeps the (empty) attributes.
    expect((await patch({ label: "figure" })).status).toBe(200);
    expect((await patch({ attributes: { value: 1219, unit: "ballots" } })).status).toBe(200);
    expect(
      (await callRoute(commentsRoute.POST, { params: { id }, token: commenter.token, body: { body: "Sourced from the clerk?" } })).status,
    ).toBe(201);
    expect((await callRoute(threadRoute.POST, { params: { id }, token: p.reviewer.token, body: { resolved: true } })).status).toBe(200);
    expect((await callRoute(threadRoute.POST, { params: { id }, token: p.a.token, body: { resolved: false } })).status).toBe(200);
    expect((await callRoute(reviewRoute.POST, { params: { id }, token: p.reviewer.token, body: { decision: "reject" } })).status).toBe(200);
    const expected = [
      ["created", p.a.id],
      ["label_changed", p.a.id],
      ["attributes_changed", p.a.id],
      ["commented", commenter.id],
      ["resolved", p.reviewer.id],
      ["reopened", p.a.id],
      ["rejected", p.reviewer.id],
    ];
    const events = await history(id, p.viewer);
    expect(events.map((event) => [event.kind, event.actor?.id])).toEqual(expected);
    expect(events[2]!.data).toEqual({ from: {}, to: { value: 1219, unit: "ballots" } });
    // Oldest first: ids ascending (a bigserial, in insertion order).
    const ids = events.map((event) => BigInt(event.id));
    expect(ids).toEqual([...ids].sort((x, y) => (x < y ? -1 : 1)));

    // A rejected tag is still its author's to delete (here the owner's, who may delete anyone's).
    expect((await callRoute(tagRoute.DELETE, { params: { id }, token: p.owner.token, method: "DELETE" })).status).toBe(204);
    // The tag is gone, its history is not: every row, "deleted" last, for members; 404 for anyone else.
    expect((await callRoute(tagRoute.GET, { params: { id }, token: p.owner.token })).status).toBe(404);
    expect((await history(id, p.viewer)).map((event) => [event.kind, event.actor?.id])).toEqual([...expected, ["deleted", p.owner.id]]);
    expect((await callRoute(historyRoute.GET, { params: { id }, token: p.outsider.token })).status).toBe(404);
    expect((await callRoute(historyRoute.GET, { params: { id: "no-such-tag" }, token: p.owner.token })).status).toBe(404);
  });

  it("of a deleted tag in a blind project is its author's and reviewers' to read, not a colleague's", async () => {
    const p = await project({ blindAnnotation: true });
    const id = await tag(p.articleId, p.a, "actor", "Ana Ruiz");
    expect((await callRoute(tagRoute.DELETE, { params: { id }, token: p.a.token, method: "DELETE" })).status).toBe(204);
    expect((await history(id, p.a)).map((event) => event.kind)).toEqual(["created", "deleted"]);
    expect((await history(id, p.reviewer)).map((event) => event.kind)).toEqual(["created", "deleted"]);
    expect((await callRoute(historyRoute.GET, { params: { id }, token: p.b.token })).status).toBe(404);
  });

  it("is append-only in PostgreSQL: a trigger refuses any UPDATE of an event", async () => {
    const p = await project();
    const id = await tag(p.articleId, p.a, "actor", "Ana Ruiz");
    await expect(prisma.$executeRaw`UPDATE annotation_events SET kind = 'deleted' WHERE annotation_id = ${id}`).rejects.toThrow(
      /append-only/,
    );
    await expect(prisma.$executeRaw`UPDATE annotation_events SET actor_id = NULL WHERE annotation_id = ${id}`).rejects.toThrow(
      /append-only/,
    );
    expect(await prisma.annotationEvent.findMany({ where: { annotationId: id }, select: { kind: true, actorId: true } })).toEqual([
      { kind: "created", actorId: p.a.id },
    ]);
  });
});

describe("project-level review endpoints, by role", () => {
  type Role = "owner" | "editor" | "reviewer" | "viewer" | "outsider";
  let p: Awaited<ReturnType<typeof project>>;
  let as: Record<Role, Person>;

  beforeAll(async () => {
    p = await project();
    as = { owner: p.owner, editor: p.a, reviewer: p.reviewer, viewer: p.viewer, outsider: p.outsider };
    // Something to count: A and B disagree on a label, so agreement and disagreements have a pair.
    await tag(p.articleId, p.a, "actor", "Ana Ruiz");
    await tag(p.articleId, p.b, "figure", "Ana Ruiz");
  });

  const check = async (expected: Partial<Record<Role, number>>, call: (who: Person) => Promise<{ status: number; body: unknown }>) => {
    for (const [role, status] of Object.entries(expected) as [Role, number][]) {
      const response = await call(as[role]);
      expect(response.status, `${role}: ${JSON.stringify(response.body)}`).toBe(status);
    }
  };

  it("review queue: owner 200, reviewer 200, editor 403, viewer 403, outsider 404", async () => {
    await check({ owner: 200, reviewer: 200, editor: 403, viewer: 403, outsider: 404 }, (who) =>
      callRoute(queueRoute.GET, { params: { slug: p.slug }, token: who.token }),
    );
    const queue = await callRoute(queueRoute.GET, { params: { slug: p.slug }, token: p.reviewer.token });
    expect(queue.body.items.map((item: { id: string }) => item.id)).toEqual([p.articleId]);
  });

  it("agreement (not blind): viewer 200, editor 200, reviewer 200, outsider 404", async () => {
    await check({ viewer: 200, editor: 200, reviewer: 200, outsider: 404 }, (who) =>
      callRoute(agreementRoute.GET, { params: { slug: p.slug }, token: who.token }),
    );
  });

  it("disagreements (not blind): owner 200, editor 200, viewer 200, outsider 404", async () => {
    const query = { a: p.a.id, b: p.b.id };
    await check({ owner: 200, editor: 200, viewer: 200, outsider: 404 }, (who) =>
      callRoute(disagreementsRoute.GET, { params: { slug: p.slug }, token: who.token, query }),
    );
    const found = await callRoute(disagreementsRoute.GET, { params: { slug: p.slug }, token: p.viewer.token, query });
    expect(found.body).toMatchObject({ total: 1, items: [{ articleId: p.articleId, a: { label: "actor" }, b: { label: "figure" } }] });
  });

  it("settings: editor, reviewer and viewer 403 (nothing changes), outsider 404, owner 200", async () => {
    const settings = () => prisma.project.findUniqueOrThrow({ where: { slug: p.slug }, select: { allowSelfReview: true } });
    await check({ editor: 403, reviewer: 403, viewer: 403, outsider: 404 }, (who) => patchSettings(p.slug, who, { allowSelfReview: true }));
    expect(await settings()).toEqual({ allowSelfReview: false });
    await check({ owner: 200 }, (who) => patchSettings(p.slug, who, { allowSelfReview: true }));
    expect(await settings()).toEqual({ allowSelfReview: true });
  });
});
