"use client";

import type { HocuspocusProvider } from "@hocuspocus/provider";
import type { TagMessage } from "@/lib/annotations/schema";

type Pending = { resolve: (result: { ok: boolean; error?: string }) => void; timer: ReturnType<typeof setTimeout> };

/**
 * Sends tag operations to the server over the tags document and resolves each with the server's answer.
 * Operations travel on the socket that carried the mark just placed, so they arrive after it.
 */
export class TagClient {
  private readonly pending = new Map<string, Pending>();
  private sequence = 0;

  constructor(private readonly provider: HocuspocusProvider) {
    provider.on("stateless", ({ payload }: { payload: string }) => {
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
  }

  send(message: DistributiveOmit<TagMessage, "requestId">): Promise<{ ok: boolean; error?: string }> {
    const requestId = `${Date.now().toString(36)}-${++this.sequence}`;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(requestId);
        resolve({ ok: false, error: "The server did not answer; check your connection and try again." });
      }, 15_000);
      this.pending.set(requestId, { resolve, timer });
      this.provider.sendStateless(JSON.stringify({ ...message, requestId }));
    });
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
