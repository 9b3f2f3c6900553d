/**
 * A newsroom on one article without a browser: Node clients connected as the editor connects (one socket,
 * both documents), typing, then tagging, at once. Timed from each client's side; the server's and the
 * database's CPU time per keystroke and per tag read from /proc (bench/process-cpu.ts), each phase's figure
 * including the stores that follow it.
 */
import { randomUUID } from "node:crypto";
import * as Y from "yjs";
import { TagClient } from "@/lib/tags/client/tag-client";
import { Transform } from "@tiptap/pm/transform";
import { initProseMirrorDoc, updateYFragment } from "@tiptap/y-tiptap";
import { ANNOTATION_MARK } from "@/lib/editor/annotation-mark";
import { articleSchema } from "@/lib/editor/extensions";
import { contentFragment, projectContent, type ClientState } from "@/lib/tags/documents";
import { projectDocument, rangeOf } from "@/lib/tags/projection";
import { connectClient, converged, eventually, type TestClient } from "@/lib/testing/collab";
import { LABELS } from "@/lib/vocabulary";
import type { CpuMeter } from "./process-cpu";
import { rng } from "./news-text";
import { sleep, summary } from "./stats";

/** Long enough for Hocuspocus' debounced store (2 s) to run after a phase, so that its cost counts. */
const SETTLE_MS = 2500;

/** A colleague's keystroke as the editor sends it: a character inserted into one paragraph's text. */
export function typeInto(client: TestClient, token: string, random: () => number): void {
  const fragment = contentFragment(client.content.document);
  const paragraph = fragment.get(Math.floor(random() * fragment.length)) as Y.XmlElement;
  const text = paragraph.toArray().find((child): child is Y.XmlText => child instanceof Y.XmlText);
  text?.insert(Math.floor(random() * Math.max(1, text.length)), token);
}

/** CPU seconds of `work` and its stores, per unit of work done. */
async function cpuPer(
  cpu: CpuMeter,
  work: () => Promise<number>,
): Promise<{ units: number; server: number; database: number; ms: number }> {
  const before = cpu.read();
  const started = performance.now();
  const units = await work();
  const ms = performance.now() - started;
  await sleep(SETTLE_MS);
  const after = cpu.read();
  return { units, ms, server: (after.server - before.server) / units, database: (after.database - before.database) / units };
}

const cpuLine = (cost: { server: number; database: number }, per: string) =>
  `CPU per ${per}: server ${(cost.server * 1000).toFixed(1)} ms, PostgreSQL ${Number.isNaN(cost.database) ? "n/a" : `${(cost.database * 1000).toFixed(1)} ms`}`;

/** Each client types five keystrokes a second; from one client's change to each other client receiving it. */
async function typeAtOnce(crowd: TestClient[], rounds: number, cpu: CpuMeter): Promise<string> {
  const sent = new Map<string, number>();
  const delays: number[] = [];
  const listeners = crowd.map((client, index) => {
    const listener = (update: Uint8Array, origin: unknown) => {
      if (origin === null) return;
      const received = performance.now();
      for (const struct of Y.decodeUpdate(update).structs) {
        const content = (struct as { content?: { str?: string } }).content;
        for (const match of content?.str?.matchAll(/⟦(\d+\.\d+)⟧/g) ?? []) {
          const at = sent.get(match[1]!);
          if (at !== undefined && !match[1]!.startsWith(`${index}.`)) delays.push(received - at);
        }
      }
    };
    client.content.document.on("update", listener);
    return listener;
  });
  const expected = crowd.length * rounds * (crowd.length - 1);
  const cost = await cpuPer(cpu, async () => {
    await Promise.all(
      crowd.map(async (client, index) => {
        await sleep(Math.random() * 200);
        const own = rng(100 + index);
        for (let round = 0; round < rounds; round++) {
          const key = `${index}.${round}`;
          sent.set(key, performance.now());
          typeInto(client, `⟦${key}⟧`, own);
          await sleep(200);
        }
      }),
    );
    await eventually(() => delays.length >= expected, 10_000, "every update to reach every client").catch(() => {});
    return crowd.length * rounds;
  });
  crowd.forEach((client, index) => client.content.document.off("update", listeners[index]!));
  const missing = expected - delays.length;
  return `typing, ${crowd.length} clients 5 keys/s each: propagation ${summary(delays)}${missing > 0 ? `, ${missing} not received` : ""}; ${cpuLine(cost, "keystroke")}`;
}

type PreparedTag = { id: string; update: Uint8Array; markedAt: ClientState };

/**
 * Each client's marks, made beforehand on a copy of its document so that the clients' own work, all in this
 * one process, stays out of the timings: sending a tag is then applying its mark to the client's document
 * (which sends it) and asking the server to record it. Made as the editor makes them: a ProseMirror step on
 * the document it keeps, written to Yjs by y-tiptap's diff (a fresh ProseMirror document per mark, as
 * markSpan builds, took half a second each at 5,000 tags).
 */
function prepareTags(crowd: TestClient[], perClient: number): PreparedTag[][] {
  const projection = projectContent(crowd[0]!.content.document);
  const covered = new Uint8Array(projection.text.length);
  for (const { start, end } of projection.spans.values()) covered.fill(1, start, end);
  const fresh = [...projection.text.matchAll(/\p{L}{4,}/gu)]
    .map((match) => ({ start: match.index, end: match.index + match[0].length }))
    .filter(({ start, end }) => !covered.subarray(start, end).some(Boolean));
  const wanted = crowd.length * perClient;
  if (fresh.length < wanted) throw new Error(`only ${fresh.length} untagged words for ${wanted} tags`);
  const words = Array.from({ length: wanted }, (_, index) => fresh[Math.floor(((index + 0.5) * fresh.length) / wanted)]!);
  const type = articleSchema.marks[ANNOTATION_MARK]!;
  return crowd.map((client, index) => {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(client.content.document));
    const fragment = contentFragment(copy);
    const { doc: initial, meta } = initProseMirrorDoc(fragment, articleSchema);
    const positions = projectDocument(initial);
    let root = initial;
    return Array.from({ length: perClient }, (_, round) => {
      const id = randomUUID();
      const word = words[round * crowd.length + index]!;
      const range = rangeOf(positions, word.start, word.end);
      if (!range) throw new Error("a prepared word holds no text");
      const before = Y.encodeStateVector(copy);
      const marked = new Transform(root).addMark(range.from, range.to, type.create({ id })).doc;
      copy.transact(() => updateYFragment(copy, fragment, marked, meta));
      root = marked;
      return {
        id,
        update: Y.encodeStateAsUpdate(copy, before),
        markedAt: { client: copy.clientID, clock: Y.getState(copy.store, copy.clientID) },
      };
    });
  });
}

/** Sends each client's prepared tags, every `intervalMs` (or, with 0, each as soon as the last is answered). */
async function tagAtOnce(crowd: TestClient[], tags: PreparedTag[][], intervalMs: number) {
  const acks: number[] = [];
  const refused: string[] = [];
  const started = performance.now();
  await Promise.all(
    crowd.map(async (client, index) => {
      const sender = new TagClient(client.tags);
      if (intervalMs) await sleep(Math.random() * intervalMs);
      for (const [round, tag] of tags[index]!.entries()) {
        const due = performance.now() + intervalMs;
        const sent = performance.now();
        Y.applyUpdate(client.content.document, tag.update);
        const answer = await sender.send({ op: "create", id: tag.id, label: LABELS[round % LABELS.length]!, markedAt: tag.markedAt });
        if (answer.ok) acks.push(performance.now() - sent);
        else refused.push(answer.error ?? "refused");
        if (intervalMs) await sleep(due - performance.now());
      }
    }),
  );
  return { acks, refused, seconds: (performance.now() - started) / 1000 };
}

export type CrowdOptions = { clients: number; typingRounds: number; tagsEach: number; intervalMs: number };

/** Typing, then tagging at a pace, then tagging as fast as the server answers; the lines to print. */
export async function measureCrowd(
  wsUrl: string,
  articleId: string,
  token: string,
  cpu: CpuMeter,
  options: CrowdOptions,
): Promise<string[]> {
  const crowd = await Promise.all(Array.from({ length: options.clients }, () => connectClient(wsUrl, articleId, token)));
  const lines: string[] = [];
  try {
    if (options.typingRounds) lines.push(await typeAtOnce(crowd, options.typingRounds, cpu));
    await eventually(() => converged(crowd), 30_000, "the clients to agree").catch(() => {});
    if (!options.tagsEach) return lines;
    const prepared = prepareTags(crowd, options.tagsEach * 2);
    const paced = prepared.map((tags) => tags.slice(0, options.tagsEach));
    const eager = prepared.map((tags) => tags.slice(options.tagsEach));
    for (const [name, tags, interval] of [
      [`tagging, ${options.clients} clients one tag every ${options.intervalMs / 1000} s each`, paced, options.intervalMs],
      [`tagging, ${options.clients} clients each tagging again once answered`, eager, 0],
    ] as const) {
      let run!: Awaited<ReturnType<typeof tagAtOnce>>;
      const cost = await cpuPer(cpu, async () => {
        run = await tagAtOnce(crowd, tags, interval);
        return run.acks.length + run.refused.length;
      });
      const refusals = run.refused.length ? `, ${run.refused.length} refused (${[...new Set(run.refused)].join("; ")})` : "";
      // Paced, a client waits for its answer before its next tag: a slow server answers fewer than offered.
      const rate = `${interval ? "answered" : "throughput"} ${(cost.units / run.seconds).toFixed(1)} tags/s`;
      lines.push(`${name}: acknowledged ${summary(run.acks)}${refusals}; ${rate}; ${cpuLine(cost, "tag")}`);
    }
    return lines;
  } finally {
    for (const client of crowd) client.destroy();
  }
}
