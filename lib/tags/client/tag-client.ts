import type { TagMessage } from "@/lib/tags/schema";

/** What the client needs of the tags document's provider (a HocuspocusProvider in the editor). */
export type TagTransport = {
  on(event: "stateless", listener: (data: { payload: string }) => void): unknown;
  on(event: "synced", listener: () => void): unknown;
  sendStateless(payload: string): void;
};

export type TagAnswer = { ok: boolean; error?: string };

type Pending = { resolve: (answer: TagAnswer) => void; timer: ReturnType<typeof setTimeout>; payload: string };

export type TagRequest = Omit<TagMessage, "requestId">;

export const NO_ANSWER = "The server did not answer; check your connection and try again.";

/**
 * Records tags for words the editor has just marked: sent over the tags document, on the socket that carried
 * the mark, so that they arrive after it, and each resolved with the server's answer. A creation is sent
 * again after a reconnection (the server accepts the same id twice from its author), so that a tag made
 * just before the connection dropped is not left unrecorded. Other tag writes go over HTTP
 * (lib/api-client/tags.ts).
 */
export class TagClient {
  private readonly pending = new Map<string, Pending>();
  private sequence = 0;

  constructor(
    private readonly transport: TagTransport,
    private readonly timeoutMs = 15_000,
  ) {
    transport.on("stateless", ({ payload }) => {
      let reply: { requestId?: string; ok?: boolean; error?: string };
      try {
        reply = JSON.parse(payload);
      } catch {
        return;
      }
      const waiting = reply.requestId ? this.pending.get(reply.requestId) : undefined;
      if (!waiting) return;
      clearTimeout(waiting.timer);
      this.pending.delete(reply.requestId!);
      waiting.resolve({ ok: Boolean(reply.ok), error: reply.error });
    });
    transport.on("synced", () => {
      for (const waiting of this.pending.values()) this.transport.sendStateless(waiting.payload);
    });
  }

  send(message: TagRequest): Promise<TagAnswer> {
    const requestId = `${Date.now().toString(36)}-${++this.sequence}`;
    const payload = JSON.stringify({ ...message, requestId });
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(requestId);
        resolve({ ok: false, error: NO_ANSWER });
      }, this.timeoutMs);
      this.pending.set(requestId, { resolve, timer, payload });
      this.transport.sendStateless(payload);
    });
  }

  /** Answers every waiting operation with "no answer" (the page is going away, or a test ends). */
  abandon(): void {
    for (const [requestId, waiting] of this.pending) {
      clearTimeout(waiting.timer);
      this.pending.delete(requestId);
      waiting.resolve({ ok: false, error: NO_ANSWER });
    }
  }
}
