/**
 * A simulated newsroom for the convergence tests, in the style of Yjs's own: real Tiptap editors with
 * Margin's extensions (headless, in a DOM provided by the test environment) on their own Yjs documents,
 * and a server peer that runs the real tag operations (lib/tags/operations.ts) through the real
 * publisher (lib/tags/live/publisher.ts), whose appends to the database sometimes fail. Clients tag as the
 * editor does, a mark then a "create" message on the socket; they relabel, delete and restore tags as the
 * editor does too, over HTTP, which the server peer answers as the route handlers do. Between them, a
 * network that delivers every message in random order, and drops what is in flight on a socket when its
 * client disconnects; a reconnection syncs by state vectors, as Hocuspocus does. Everything random comes
 * from one seed, so that a failing seed replays.
 */
import { Editor } from "@tiptap/core";
import type { Node as PMNode } from "@tiptap/pm/model";
import { yUndoPluginKey } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import type { ArticleDoc } from "@/lib/articles/content";
import { reviewTag } from "@/lib/tags/operations";
import { applyReverts, checkContentUpdate, type ContentSender } from "@/lib/tags/content-update";
import { annotatorsOf } from "@/lib/tags/record";
import { TagPublisher } from "@/lib/tags/live/publisher";
import { tidyArticle } from "@/lib/tags/live/tidy";
import {
  createTag,
  removeTag,
  restoreTag,
  UNCLAIMED_MARK_GRACE_MS,
  updateTag,
  type ArticleDocs,
  type TagActor,
  type TagResult,
} from "@/lib/tags/operations";
import { type Label, LABELS } from "@/lib/vocabulary";
import { contentFragment, contentRoot, projectContent, readTag, readTags, seedContent } from "@/lib/tags/documents";
import { collaborationExtensions } from "@/lib/editor/collaboration";
import { articleExtensions } from "@/lib/editor/extensions";
import { TagClient, type TagTransport } from "@/lib/tags/client/tag-client";
import { tagSelection } from "@/lib/tags/client/tagging";
import { TagCorrections } from "@/lib/editor/tag-corrections";
import { TextGuard } from "@/lib/editor/text-guard";
import { WordSnap } from "@/lib/editor/word-snap";
import { canonicalJSON } from "./canonical-json";
import { random, type Random } from "./random";

/** What a role may do to the content, as the collaboration server's content guard reads it. */
function senderOf(role: TagActor["role"]): ContentSender {
  return { mayEditText: role === "owner" || role === "editor", mayMark: role !== "viewer", mayMarkAnyTag: role === "owner" };
}

// Typed text mixes plain words with what newsrooms paste: curly quotes, dashes, emoji, accents.
const TYPED = ["a", "e", " ", "word ", "“", "”", "’", "—", "–", "🎉", "👩‍👩‍👧", "é", "e\u0301", "1,219", " more than 1,200 ", "Ruiz"];

/** A document update or a tag message on a client's socket, or an HTTP request (on a connection of its own). */
type Message = { to: string; kind: "update" | "tag" | "http"; run: () => void };

class Network {
  private queue: Message[] = [];
  constructor(private readonly rng: Random) {}
  send(to: string, run: () => void, kind: Message["kind"] = "update"): void {
    this.queue.push({ to, kind, run });
  }
  get pending(): number {
    return this.queue.length;
  }
  pendingTo(to: string, kind: Message["kind"]): number {
    return this.queue.filter((message) => message.to === to && message.kind === kind).length;
  }
  /**
   * Delivers one message chosen at random: delivery order is arbitrary, within and across peers, except
   * that a client's content updates reach the server in the order it sent them, as on its WebSocket (the
   * server's content guard refuses an update that depends on one it has not received).
   */
  deliverOne(): boolean {
    if (!this.queue.length) return false;
    const ordered = (message: Message) => message.kind === "update" && message.to.endsWith(">server");
    const eligible = this.queue
      .map((message, index) => ({ message, index }))
      .filter(
        ({ message, index }) =>
          !ordered(message) || !this.queue.slice(0, index).some((earlier) => ordered(earlier) && earlier.to === message.to),
      );
    const { index } = eligible[this.rng.int(eligible.length)]!;
    const [message] = this.queue.splice(index, 1);
    message!.run();
    return true;
  }
  drop(peer: string): void {
    this.queue = this.queue.filter((message) => message.to !== peer && !message.to.startsWith(`${peer}>`));
  }
}

type Operation = { kind: "create" | "update" | "delete" | "restore"; result: TagResult<unknown>; id: string };
/** What the editor sends over HTTP (lib/api-client/tags.ts): relabel, delete, restore an orphan. */
type TagRequest = { op: "update"; id: string; label: Label } | { op: "delete"; id: string } | { op: "restore"; id: string };

/** The origin of the changes the server publishes (the collaboration server's is lib/collab's ALREADY_STORED). */
const PUBLISHED = Symbol("published");
const ARTICLE = "simulated";

/**
 * The server peer: the article's two live documents, the real tag publisher in front of the tags document,
 * and the real tag operations, answering clients' messages. The publisher's appends land in `stored`, as
 * in PostgreSQL; a few fail, as a database sometimes does, and must then change nothing anyone sees.
 */
class ServerPeer {
  readonly docs: { content: Y.Doc; tags: Y.Doc } = { content: new Y.Doc(), tags: new Y.Doc() };
  readonly log: Operation[] = [];
  /** Each tag's last words and place, as the projection in PostgreSQL keeps them for restoring orphans. */
  readonly lastPlace = new Map<string, { text: string; start: number }>();
  /** The tags document as appended to the database: rebuilt from it, it must equal the live one. */
  readonly stored = new Y.Doc();
  readonly publisher: TagPublisher;
  failedAppends = 0;
  /** Characters whose colleague's tag mark a client's update moved and the content guard put back. */
  revertedMarks = 0;
  /** The content guard's shadow of the content document (it keeps deleted content, so gc is off). */
  private shadow = new Y.Doc({ gc: false });

  constructor(seed: number, content: ArticleDoc, rng: Random) {
    this.docs.content.clientID = seed * 100 + 99;
    this.docs.tags.clientID = seed * 100 + 98;
    seedContent(this.docs.content, content, []);
    this.rebuildShadow();
    this.docs.content.on("update", (update: Uint8Array) => Y.applyUpdate(this.shadow, update));
    this.publisher = new TagPublisher({
      origin: PUBLISHED,
      append: async (_articleId, update) => {
        if (rng.chance(0.03)) {
          this.failedAppends++;
          throw new Error("simulated database failure");
        }
        if (update) Y.applyUpdate(this.stored, update);
      },
    });
  }

  /**
   * Runs a tag operation as the collaboration server does (lib/tags/live/operations.ts): on the publisher's
   * shadow of the tags document, published once appended. Null when the append failed.
   */
  async run<T>(operation: (docs: ArticleDocs) => TagResult<T>): Promise<TagResult<T> | null> {
    try {
      return await this.publisher.publish(ARTICLE, this.docs.tags, (shadow, journal) => {
        const result = operation({ content: this.docs.content, tags: shadow, journal });
        if (!result.ok) journal.length = 0;
        return result;
      });
    } catch {
      return null;
    }
  }

  /**
   * A client's update to the content, as the collaboration server takes it: checked first by the content
   * guard's rule (lib/tags/content-update.ts) on a shadow of the document. These clients are real editors
   * doing what people do, so a refusal here is the rule refusing something legitimate: the test fails.
   */
  receive(client: SimClient, update: Uint8Array, refused: (reason: string) => void): void {
    const verdict = checkContentUpdate(this.shadow, update, senderOf(client.actor.role), (id) => {
      const tag = readTag(this.docs.tags, id);
      if (!tag) return "unknown";
      return annotatorsOf(tag).some((person) => person.id === client.actor.userId) ? "own" : "foreign";
    });
    if (!verdict.ok) {
      // As the server does: the shadow holds the refused update, so it is rebuilt from the document.
      if (verdict.applied) this.rebuildShadow();
      return refused(verdict.reason);
    }
    Y.applyUpdate(this.docs.content, update, client);
    this.revertedMarks += verdict.reverts.length;
    applyReverts(this.docs.content, verdict.reverts, "content guard");
  }

  private rebuildShadow(): void {
    this.shadow = new Y.Doc({ gc: false });
    Y.applyUpdate(this.shadow, Y.encodeStateAsUpdate(this.docs.content));
  }

  /** What a store does for restoring: remember where each tag is now (UTF-16 here; only "nearest" uses it). */
  remember(): void {
    const projection = projectContent(this.docs.content);
    for (const [id, span] of projection.spans)
      this.lastPlace.set(id, {
        text: projection.text.slice(span.start, span.end),
        start: [...projection.text.slice(0, span.start)].length,
      });
  }

  private unclaimed = new Map<string, number>();
  /** Simulated time, in ms: each step of the simulation is a second. */
  clock = Date.parse("2026-01-01T00:00:00Z");

  /** A store, as the collaboration server runs it after a pause: marks no tag owns are tidied. */
  async store(): Promise<{ changed: boolean; unclaimed: number }> {
    const before = Y.encodeStateVector(this.docs.content);
    try {
      this.unclaimed = await tidyArticle(this.publisher, ARTICLE, this.docs, this.unclaimed, new Date(this.clock));
    } catch {
      // The append failed: nothing was published, and the next store tries again.
    }
    this.remember();
    return { changed: !Buffer.from(before).equals(Buffer.from(Y.encodeStateVector(this.docs.content))), unclaimed: this.unclaimed.size };
  }

  record(kind: Operation["kind"], id: string, result: TagResult<unknown>): TagResult<unknown> {
    this.log.push({ kind, id, result });
    this.remember();
    return result;
  }
}

export type SimClient = {
  name: string;
  actor: TagActor;
  canEditText: boolean;
  content: Y.Doc;
  tags: Y.Doc;
  editor: Editor;
  client: TagClient;
  online: boolean;
  /** How many times this tab was reloaded. */
  generation: number;
  /** Tagging still waiting for the server's answer. */
  tagging: Promise<unknown>[];
  onSynced: (() => void)[];
  onStateless: ((data: { payload: string }) => void)[];
};

export type SimulationOptions = {
  seed: number;
  content: ArticleDoc;
  actors: TagActor[];
  /** Roles: the last actor is a reviewer (tags, no text changes) when true. */
  withReviewer?: boolean;
};

export class Simulation {
  readonly rng: Random;
  readonly network: Network;
  readonly server: ServerPeer;
  readonly clients: SimClient[] = [];
  private tagCount = 0;
  /** Text edits a reviewer tried, each of which the editor must have refused. */
  reviewerAttempts = 0;
  /** A reviewer's structural repairs the server refused (see refused()). */
  refusedRepairs = 0;
  /** What happened, in order: printed when a seed fails, to replay it by reading. */
  readonly trace: string[] = [];

  constructor(private readonly options: SimulationOptions) {
    this.rng = random(options.seed);
    this.network = new Network(this.rng);
    // The database's failures draw from a generator of their own: appends happen asynchronously, and
    // sharing the main one would make a seed's later actions depend on when they ran.
    this.server = new ServerPeer(options.seed, options.content, random(options.seed ^ 0x5bd1e995));
    // What the server's documents take in is broadcast to every other connected client, as Hocuspocus does.
    for (const kind of ["content", "tags"] as const) {
      this.server.docs[kind].on("update", (update: Uint8Array, origin: unknown) => {
        for (const client of this.clients) {
          if (!client.online || origin === client) continue;
          this.network.send(client.name, () => Y.applyUpdate(client[kind], update, "network"));
        }
      });
    }
  }

  async addClients(): Promise<void> {
    this.options.actors.forEach((actor, index) => this.clients.push(this.makeClient(actor, index, 0)));
    // y-prosemirror binds the editor to its document on the next turn of the event loop.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }

  /** A browser tab of `actor`; a reload (`generation` > 0) starts from the server's documents with new Yjs ids. */
  private makeClient(actor: TagActor, index: number, generation: number): SimClient {
    const name = `client${index}`;
    const reviewer = Boolean(this.options.withReviewer) && index === this.options.actors.length - 1;
    const content = new Y.Doc();
    const tags = new Y.Doc();
    content.clientID = this.options.seed * 100 + index * 2 + generation * 1_000_000;
    tags.clientID = this.options.seed * 100 + index * 2 + 1 + generation * 1_000_000;
    Y.applyUpdate(content, Y.encodeStateAsUpdate(this.server.docs.content));
    Y.applyUpdate(tags, Y.encodeStateAsUpdate(this.server.docs.tags));
    const element = document.createElement("div");
    document.body.append(element);
    const editor = new Editor({
      element,
      extensions: [
        ...articleExtensions(),
        ...collaborationExtensions(content),
        WordSnap,
        TagCorrections,
        TextGuard.configure({ canEditText: !reviewer }),
      ],
    });
    const sim = {
      name,
      actor: { ...actor, role: reviewer ? ("reviewer" as const) : actor.role },
      generation,
      canEditText: !reviewer,
      content,
      tags,
      editor,
      online: true,
      tagging: [],
      onSynced: [],
      onStateless: [],
    } as unknown as SimClient;
    const transport: TagTransport = {
      on: (event: "stateless" | "synced", listener: never) =>
        event === "synced" ? sim.onSynced.push(listener) : sim.onStateless.push(listener),
      sendStateless: (payload) => {
        if (sim.online) this.network.send(`${name}>server`, () => this.handleTagMessage(sim, payload), "tag");
      },
    };
    sim.client = new TagClient(transport, 60_000);
    // The client's own edits travel to the server while it is connected; offline ones wait for the sync.
    content.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin === "network" || !sim.online) return;
      this.network.send(`${name}>server`, () => this.server.receive(sim, update, (reason) => this.refused(sim, reason)));
    });
    return sim;
  }

  /**
   * What the editor does when the server refuses one of its updates (components/editor/use-article-
   * documents.ts): it stops, and the person reloads, starting again from the server's documents; what the
   * refused update held is lost. Only a reviewer's structural repair may be refused (y-prosemirror drops
   * an element it cannot show, on its own view, where the merged document has words in it: a reviewer may
   * not delete words, and the server cannot tell that repair from a forgery). Any other refusal fails.
   */
  private refused(client: SimClient, reason: string): void {
    if (client.canEditText || !reason.startsWith("may tag but not change the text (deletes")) {
      throw new Error(`the content guard refused ${client.name}'s update: ${reason}`);
    }
    this.trace.push(`server: refused ${client.name}'s update (${reason}); it reloads`);
    this.refusedRepairs++;
    this.disconnect(client);
    client.editor.destroy();
    const index = this.clients.indexOf(client);
    this.clients[index] = this.makeClient(this.options.actors[index]!, index, client.generation + 1);
  }

  private reply(client: SimClient, payload: string): void {
    if (client.online) this.network.send(client.name, () => client.onStateless.forEach((listener) => listener({ payload })), "tag");
  }

  /** The server's handling of a tag message, a "create" (lib/tags/live/messages.ts, minus authentication). */
  private handleTagMessage(client: SimClient, payload: string): void {
    const message = JSON.parse(payload) as { op: "create"; requestId: string; id: string; label: Label };
    // The server waits a moment for the mark a "create" follows (lib/tags/live/operations.ts): here, until
    // the client's content updates still in flight have arrived.
    if (!projectContent(this.server.docs.content).spans.has(message.id) && this.network.pendingTo(`${client.name}>server`, "update") > 0) {
      this.network.send(`${client.name}>server`, () => this.handleTagMessage(client, payload), "tag");
      return;
    }
    const now = new Date().toISOString();
    void this.server
      .run((docs) => createTag(docs, client.actor, { id: message.id, label: message.label }, message.id, now))
      .then((result) => {
        const answer = this.answered(client, "create", message.id, result, "socket");
        this.reply(
          client,
          JSON.stringify({ requestId: message.requestId, ok: answer.ok, ...(answer.ok ? {} : { error: answer.message }) }),
        );
      });
  }

  /**
   * A client's HTTP request (lib/api-client/tags.ts). It travels on a connection of its own, so a socket
   * dropping meanwhile does not lose it once sent; a client that cannot reach the server cannot send it.
   */
  private request(client: SimClient, request: TagRequest): void {
    if (client.online) this.network.send("server", () => this.handleRequest(client, request), "http");
    else this.trace.push(`${client.name}: ${request.op} ${request.id} not sent: the server cannot be reached`);
  }

  /** What the route handlers do (app/api/annotations/[id]/…, minus authentication): the live operation, as the client. */
  private handleRequest(client: SimClient, request: TagRequest): void {
    const now = new Date().toISOString();
    const last = this.server.lastPlace.get(request.id) ?? { text: "", start: null };
    void this.server
      .run((docs): TagResult<unknown> => {
        if (request.op === "update") return updateTag(docs, client.actor, request.id, { label: request.label }, now);
        if (request.op === "delete") return removeTag(docs, client.actor, request.id, now);
        return restoreTag(docs, client.actor, request.id, last, now);
      })
      .then((result) => this.answered(client, request.op, request.id, result, "HTTP"));
  }

  /** Records and traces what the server did for a client; null (the append failed) is the server's error. */
  private answered(client: SimClient, kind: Operation["kind"], id: string, result: TagResult<unknown> | null, over: "socket" | "HTTP") {
    if (result) this.server.record(kind, id, result);
    const answer = result ?? { ok: false as const, message: "the server could not do that; it was logged" };
    this.trace.push(`server: ${kind} ${id} for ${client.name}${over === "HTTP" ? " (HTTP)" : ""}: ${answer.ok ? "ok" : answer.message}`);
    return answer;
  }

  disconnect(client: SimClient): void {
    client.online = false;
    this.network.drop(client.name);
  }

  /** Reconnects and syncs both ways by state vectors; "synced" fires once the server's side has arrived. */
  reconnect(client: SimClient): void {
    client.online = true;
    const toServer = Y.encodeStateAsUpdate(client.content, Y.encodeStateVector(this.server.docs.content));
    this.network.send(`${client.name}>server`, () => this.server.receive(client, toServer, (reason) => this.refused(client, reason)));
    const content = Y.encodeStateAsUpdate(this.server.docs.content, Y.encodeStateVector(client.content));
    const tags = Y.encodeStateAsUpdate(this.server.docs.tags, Y.encodeStateVector(client.tags));
    this.network.send(client.name, () => {
      Y.applyUpdate(client.content, content, "network");
      Y.applyUpdate(client.tags, tags, "network");
      client.onSynced.forEach((listener) => listener());
    });
  }

  /**
   * Where a browser may put the cursor: inside textblocks, never between the two halves of a character
   * outside the Basic Multilingual Plane (a DOM selection cannot split an emoji).
   */
  private cursorPositions(doc: PMNode): number[] {
    const positions: number[] = [];
    doc.descendants((node, pos) => {
      if (!node.isTextblock) return true;
      for (let at = pos + 1; at <= pos + 1 + node.content.size; at++) {
        const before = doc.textBetween(Math.max(pos + 1, at - 1), at);
        const after = doc.textBetween(at, Math.min(pos + 1 + node.content.size, at + 1));
        if (/[\uD800-\uDBFF]$/.test(before) && /^[\uDC00-\uDFFF]/.test(after)) continue;
        positions.push(at);
      }
      return false;
    });
    return positions;
  }

  private randomRange(doc: PMNode, maxLength: number): { from: number; to: number } {
    const positions = this.cursorPositions(doc);
    const start = this.rng.int(positions.length);
    const end = Math.min(positions.length - 1, start + 1 + this.rng.int(maxLength));
    return { from: positions[start]!, to: positions[end]! };
  }

  private tagIds(client: SimClient): string[] {
    return [...readTags(client.tags).keys()].sort();
  }

  /** One random action by a client: an edit, a tag operation, or a change of connection. */
  async act(client: SimClient): Promise<void> {
    const { editor } = client;
    const rng = this.rng;
    const doc = editor.state.doc;
    const roll = rng.next();
    const textBefore = client.canEditText ? null : doc.textContent;
    const log = (what: string) => this.trace.push(`${client.name}${client.online ? "" : " (offline)"}: ${what}`);
    if (roll < 0.22) {
      const at = rng.pick(this.cursorPositions(doc));
      const text = rng.pick(TYPED);
      log(`type ${JSON.stringify(text)} at ${at}`);
      editor.commands.command(({ tr }) => {
        tr.insertText(text, at);
        return true;
      });
    } else if (roll < 0.34) {
      const range = this.randomRange(doc, 12);
      log(`delete ${range.from}-${range.to}`);
      editor.commands.deleteRange(range);
    } else if (roll < 0.4) {
      const at = rng.pick(this.cursorPositions(doc));
      log(`split at ${at}`);
      editor.chain().setTextSelection(at).splitBlock().run();
    } else if (roll < 0.45) {
      // A join: Backspace at the start of a paragraph.
      const starts: number[] = [];
      doc.descendants((node, pos) => (node.isTextblock ? (starts.push(pos + 1), false) : true));
      const at = rng.pick(starts);
      log(`join at ${at}`);
      editor.chain().setTextSelection(at).joinBackward().run();
    } else if (roll < 0.47) {
      const at = rng.pick(this.cursorPositions(doc));
      log(`line break at ${at}`);
      editor.chain().setTextSelection(at).setHardBreak().run();
    } else if (roll < 0.49) {
      log("undo");
      editor.commands.undo();
    } else if (roll < 0.68) {
      const range = this.randomRange(doc, 30);
      if (range.from === range.to) return;
      const id = `t${this.options.seed}-${++this.tagCount}`;
      const label = rng.pick(LABELS);
      const exact = rng.chance(0.3);
      log(`tag ${range.from}-${range.to} as ${label} (${id}${exact ? ", exact" : ""})`);
      editor.commands.setTextSelection(range);
      client.tagging.push(tagSelection(editor, client.client, { content: client.content, tags: client.tags }, label, { id, exact }));
    } else if (roll < 0.76) {
      const ids = this.tagIds(client);
      if (!ids.length) return;
      const id = rng.pick(ids);
      const label = rng.pick(LABELS);
      log(`relabel ${id} as ${label}`);
      this.request(client, { op: "update", id, label });
    } else if (roll < 0.81) {
      const ids = this.tagIds(client);
      if (!ids.length) return;
      const id = rng.pick(ids);
      log(`delete tag ${id}`);
      this.request(client, { op: "delete", id });
    } else if (roll < 0.83) {
      const projection = projectContent(client.content);
      const orphans = this.tagIds(client).filter((id) => !projection.spans.has(id));
      if (!orphans.length) return;
      const id = rng.pick(orphans);
      log(`restore ${id}`);
      this.request(client, { op: "restore", id });
    } else if (roll < 0.9) {
      log(client.online ? "disconnect" : "reconnect");
      if (client.online) this.disconnect(client);
      else this.reconnect(client);
    } else {
      await this.serverAct();
    }
    if (textBefore !== null && textBefore !== editor.state.doc.textContent) throw new Error(`reviewer ${client.name} changed the text`);
    if (textBefore !== null) this.reviewerAttempts++;
    // A step is a second: a person's actions are further apart than the undo manager's capture window
    // (500 ms), so each action is its own undo step, as in the browser.
    (yUndoPluginKey.getState(editor.state) as { undoManager?: Y.UndoManager } | undefined)?.undoManager?.stopCapturing();
  }

  /** A script's API call, run by the server: create with code-point offsets (sometimes wrong), delete, or review. */
  private async serverAct(): Promise<void> {
    const owner = this.options.actors[0]!;
    const now = new Date().toISOString();
    if (this.rng.chance(0.75)) {
      const length = [...projectContent(this.server.docs.content).text].length;
      const start = this.rng.int(length + 3) - 1;
      const end = start + this.rng.int(25) - 2;
      const id = `api${this.options.seed}-${++this.tagCount}`;
      const label = this.rng.pick(LABELS);
      // Measured inside the operation: other writes queued before it may change the documents meanwhile.
      let refusedButChanged = false;
      const result = await this.server.run((docs) => {
        const vectors = () => [Y.encodeStateVector(docs.content), Y.encodeStateVector(docs.tags)];
        const before = vectors();
        const created = createTag(docs, owner, { label, span: { start, end, unit: "codepoint" } }, id, now);
        refusedButChanged = !created.ok && vectors().some((vector, index) => !Buffer.from(vector).equals(Buffer.from(before[index]!)));
        return created;
      });
      this.trace.push(
        `api: create ${id} at ${start}-${end} (code points): ${!result ? "append failed" : result.ok ? "ok" : result.message}`,
      );
      if (!result) return;
      this.server.record("create", id, result);
      if (refusedButChanged) throw new Error(`a refused create (${!result.ok && result.message}) changed the documents`);
    } else if (this.rng.chance(0.5)) {
      const ids = [...readTags(this.server.docs.tags).keys()];
      if (ids.length) {
        const id = this.rng.pick(ids);
        const result = await this.server.run((docs) => removeTag(docs, owner, id, now));
        this.trace.push(`api: delete ${id}: ${!result ? "append failed" : result.ok ? "ok" : result.message}`);
        if (result) this.server.record("delete", id, result);
      }
    } else {
      // A reviewer's decision, sometimes on stale state (a conflict, which must change nothing).
      const ids = [...readTags(this.server.docs.tags).keys()];
      if (ids.length) {
        const id = this.rng.pick(ids);
        const decision = this.rng.chance(0.5) ? "accept" : "reject";
        const expectedStatus = this.rng.pick(["pending", "accepted", "rejected"] as const);
        const result = await this.server.run((docs) =>
          reviewTag(docs, owner, id, { decision, expectedStatus }, { allowSelfReview: true }, now),
        );
        this.trace.push(
          `api: ${decision} ${id} (expecting ${expectedStatus}): ${!result ? "append failed" : result.ok ? "ok" : result.message}`,
        );
      }
    }
  }

  /** The first client whose editor does not show its own document, if any. */
  editorOutOfStep(): string | null {
    for (const client of this.clients) {
      if (canonicalJSON(client.editor.state.doc) !== canonicalJSON(contentRoot(client.content))) return client.name;
    }
    return null;
  }

  /** Runs `steps` rounds: a random client acts, and some messages are delivered. */
  async run(steps: number, options: { checkEachStep?: boolean } = {}): Promise<void> {
    for (let step = 0; step < steps; step++) {
      this.server.clock += 1000;
      await this.act(this.rng.pick(this.clients));
      if (options.checkEachStep && this.editorOutOfStep())
        throw new Error(`after step ${step}, ${this.editorOutOfStep()}'s editor differs from its document`);
      for (let deliveries = this.rng.int(4); deliveries > 0; deliveries--) {
        this.network.deliverOne();
        if (options.checkEachStep && this.editorOutOfStep())
          throw new Error(`after a delivery in step ${step}, ${this.editorOutOfStep()}'s editor differs from its document`);
      }
      if (this.rng.chance(0.03)) {
        this.trace.push("server: store");
        await this.server.store();
      }
      // Let answered tagging continue (take a mark back, say), as the browser would between events.
      for (let tick = 0; tick < 4; tick++) await Promise.resolve();
    }
  }

  /** Everyone back online, every message delivered, every tagging answered, and stores until nothing is left to tidy. */
  async settle(options: { checkEachStep?: boolean } = {}): Promise<void> {
    const check = (what: string) => {
      const client = options.checkEachStep ? this.editorOutOfStep() : null;
      if (client) throw new Error(`while settling, after ${what}, ${client}'s editor differs from its document`);
    };
    for (let round = 0; round < 30; round++) {
      for (const client of this.clients) if (!client.online) this.reconnect(client);
      while (this.network.deliverOne()) check("a delivery");
      await new Promise((resolve) => setTimeout(resolve, 0));
      check("answers");
      if (this.network.pending) continue;
      const waiting = this.clients.flatMap((client) => client.tagging);
      const answered = await Promise.race([
        Promise.all(waiting).then(() => true),
        new Promise((resolve) => setTimeout(() => resolve(false), 0)),
      ]);
      await this.server.publisher.idle();
      if (!answered || this.network.pending) continue;
      // Everyone has been answered: a mark of an unknown id now is one whose tag was never recorded.
      this.server.clock += UNCLAIMED_MARK_GRACE_MS;
      this.trace.push("server: store (settling)");
      const stored = await this.server.store();
      if (!stored.changed && !stored.unclaimed && !this.network.pending) return;
    }
    throw new Error("the simulation did not settle");
  }

  /** The ids of the tags the server recorded and did not delete, by its operation log. */
  expectedTagIds(): string[] {
    const ids = new Set<string>();
    for (const { kind, id, result } of this.server.log) {
      if (!result.ok) continue;
      // A restore that succeeds on a deleted tag undoes its deletion.
      if (kind === "create" || kind === "restore") ids.add(id);
      if (kind === "delete") ids.delete(id);
    }
    return [...ids].sort();
  }

  fragmentJSON(doc: Y.Doc): string {
    return contentFragment(doc).toJSON();
  }

  destroy(): void {
    for (const client of this.clients) {
      client.client.abandon();
      client.editor.destroy();
    }
  }
}
