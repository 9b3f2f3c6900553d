/**
 * Keeps a document loaded for a while after its last reader leaves (a minute by default): a reload, or a
 * colleague opening the article meanwhile, skips reading and decoding it again (half a second for 5,000
 * tags). It is stored as the reader leaves all the same (Hocuspocus stores on the last disconnect).
 */
import type { beforeUnloadDocumentPayload, connectedPayload, Extension, Hocuspocus } from "@hocuspocus/server";

/** Thrown by beforeUnloadDocument to keep a document loaded; without a message, Hocuspocus logs nothing. */
class KeepLoadedError extends Error {}

/** What time is and how to wait for it: the real clock, or a test's. */
export type Clock = { now(): number; setTimeout(run: () => void, ms: number): void };

export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => void setTimeout(run, ms).unref(),
};

export class KeepLoaded implements Extension {
  readonly extensionName = "margin-keep-loaded";
  private instance: Hocuspocus | null = null;
  /** Per loaded document nobody is connected to, since when. */
  private readonly idleSince = new Map<string, number>();
  private releasing = false;

  constructor(
    private readonly keepMs = 60_000,
    private readonly clock: Clock = realClock,
    /** Whether a document may be kept at all (not one whose article another instance owns now). */
    private readonly keepable: (documentName: string) => boolean = () => true,
  ) {}

  async onConfigure({ instance }: { instance: Hocuspocus }): Promise<void> {
    this.instance = instance;
  }

  async connected({ documentName }: connectedPayload): Promise<void> {
    this.idleSince.delete(documentName);
  }

  async beforeUnloadDocument({ documentName, document }: beforeUnloadDocumentPayload): Promise<void> {
    if (this.releasing || this.keepMs <= 0 || !this.keepable(documentName)) return;
    const now = this.clock.now();
    const since = this.idleSince.get(documentName) ?? now;
    if (now - since >= this.keepMs) {
      this.idleSince.delete(documentName);
      return;
    }
    this.idleSince.set(documentName, since);
    // Hocuspocus asks again when the time is up, and unloads only if nobody has come back.
    this.clock.setTimeout(() => void this.instance?.unloadDocument(document), since + this.keepMs - now);
    throw new KeepLoadedError();
  }

  /** Lets every document go as soon as it is idle (shutdown). */
  release(): void {
    this.releasing = true;
  }
}
