/**
 * Articles → a format writer → chunks of bytes (a textual format's UTF-8, brat's zip as it is), hashing the
 * dataset version on the way. Whatever the format (and whether suggestions ride along or not: they are not
 * the dataset, so the version hashes each article without them),
 * the dataset version is the SHA-256 of the jsonl body in the header's unit (each article's canonical line
 * and "\n"), so a json, csv or conll export names the same version as the jsonl export of the same data.
 * Output is gathered into chunks of CHUNK_BYTES before it is handed on, so that a consumer sees a few
 * hundred writes per hundred megabytes rather than one per tag.
 */
import { createHash } from "node:crypto";
import { createWriter, serializeArticle, type ExportFormat, type ExportSummary, type FormatWriter, type WriterOutput } from "./formats";
import type { ExportArticle, ExportHeader } from "./shape";

export type ExportCounts = { articles: number; tags: number };
export type ExportResult = ExportSummary & { bytes: number };
export type ChunkSink = (chunk: Uint8Array) => Promise<void>;

/** Bytes handed on at once: large enough that a consumer sees a few writes per megabyte of output. */
const CHUNK_BYTES = 256 * 1024;

export function writerFor(format: ExportFormat, header: ExportHeader): FormatWriter {
  return createWriter(format, header);
}

/**
 * UTF-8 output gathered into chunks: strings are encoded straight into the chunk's buffer (no joining, no
 * intermediate copies), a binary writer's bytes copied in as they are, and `onBytes` sees every byte once,
 * in order (the jsonl hash).
 */
class ChunkWriter {
  private buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  bytes = 0;

  constructor(
    private readonly sink: ChunkSink,
    private readonly onBytes?: (bytes: Uint8Array) => void,
  ) {}

  async write(output: WriterOutput): Promise<void> {
    if (typeof output !== "string") return this.writeBytes(output);
    const text = output;
    if (!text) return;
    // A UTF-16 unit is at most three bytes of UTF-8.
    if (this.used + text.length * 3 > this.buffer.length) {
      await this.flush();
      if (text.length * 3 > this.buffer.length) return this.hand(Buffer.from(text, "utf8"));
    }
    this.used += this.buffer.write(text, this.used, "utf8");
    if (this.used >= CHUNK_BYTES / 2) await this.flush();
  }

  private async writeBytes(bytes: Uint8Array): Promise<void> {
    if (!bytes.byteLength) return;
    if (this.used + bytes.byteLength > this.buffer.length) {
      await this.flush();
      // The writer made these bytes for us alone: a large piece goes on without a copy.
      if (bytes.byteLength > this.buffer.length) return this.hand(bytes);
    }
    this.buffer.set(bytes, this.used);
    this.used += bytes.byteLength;
    if (this.used >= CHUNK_BYTES / 2) await this.flush();
  }

  async flush(): Promise<void> {
    if (!this.used) return;
    const chunk = this.buffer.subarray(0, this.used);
    // The consumer keeps the chunk: later output goes into a new buffer.
    this.buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    this.used = 0;
    await this.hand(chunk);
  }

  private async hand(chunk: Uint8Array): Promise<void> {
    this.onBytes?.(chunk);
    this.bytes += chunk.byteLength;
    await this.sink(chunk);
  }
}

function withoutSuggestions(article: ExportArticle): ExportArticle {
  if (!article.suggestions) return article;
  const { suggestions: _suggestions, ...rest } = article;
  return rest;
}

/** Streams `articles` through `writer` into `sink`; resolves with the summary once everything is handed on. */
export async function writeDataset(
  writer: FormatWriter,
  header: ExportHeader,
  articles: AsyncIterable<ExportArticle>,
  sink: ChunkSink,
): Promise<ExportResult> {
  const hash = createHash("sha256");
  // jsonl's body is the hashed lines themselves: hash its bytes instead of serializing every article twice.
  const bodyIsCanonical = writer.format === "jsonl" && writer.offsetUnit === header.offsetUnit && header.filters.suggestions === undefined;
  const output = new ChunkWriter(sink, bodyIsCanonical ? (bytes) => hash.update(bytes) : undefined);
  let count = 0;
  let tags = 0;
  await output.write(writer.begin(header));
  for await (const article of articles) {
    const written = writer.article(article, count);
    if (!bodyIsCanonical) hash.update(`${serializeArticle(withoutSuggestions(article), header.offsetUnit)}\n`);
    count++;
    tags += article.tags.length;
    await output.write(written);
  }
  // Every article's bytes through the hash before the digest (jsonl hashes what it hands on).
  await output.flush();
  const summary = { datasetVersion: hash.digest("hex"), articles: count, tags };
  await output.write(writer.end(summary));
  await output.flush();
  return { ...summary, bytes: output.bytes };
}

/**
 * How long a stalled reader may hold an export (its transaction and connection) without reading: a client
 * that stops reading without closing (a frozen tab, a proxy that buffers nothing) must not pin them.
 */
function exportIdleMs(): number {
  return Number(process.env.MARGIN_EXPORT_IDLE_MS ?? 60_000);
}

/**
 * A byte stream fed by `write`, which waits while the reader is `highWaterMark` bytes behind: the producer
 * (a database transaction) runs at the pace of the slowest consumer, in constant memory. Cancelling the
 * stream (a client that disconnects, a closed stdout) aborts `signal`, and any waiting write throws.
 */
export function pushStream(highWaterMark = 1024 * 1024, idleMs = exportIdleMs()) {
  const abort = new AbortController();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let wake: (() => void) | null = null;
  const resume = () => {
    wake?.();
    wake = null;
  };
  const stream = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
      },
      pull: resume,
      cancel() {
        // Whatever the consumer's reason, the producer sees one kind of error: an abort, not a failure.
        abort.abort(new DOMException("The export was cancelled", "AbortError"));
        resume();
      },
    },
    { highWaterMark, size: (chunk) => chunk.byteLength },
  );
  /** Waits for the reader to want more, or gives up on a reader that has stopped reading. */
  const waitForReader = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        const stalled = new DOMException(`The export's reader read nothing for ${Math.round(idleMs / 1000)} s`, "AbortError");
        abort.abort(stalled);
        controller.error(stalled);
        resolve();
      }, idleMs);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  return {
    stream,
    signal: abort.signal,
    async write(chunk: Uint8Array): Promise<void> {
      abort.signal.throwIfAborted();
      controller.enqueue(chunk);
      while ((controller.desiredSize ?? 0) <= 0 && !abort.signal.aborted) await waitForReader();
      abort.signal.throwIfAborted();
    },
    close() {
      if (!abort.signal.aborted) controller.close();
    },
    error(error: unknown) {
      if (!abort.signal.aborted) controller.error(error);
    },
  };
}

export function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === "AbortError";
}
