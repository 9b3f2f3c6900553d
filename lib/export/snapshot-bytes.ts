/**
 * A snapshot's bytes: the canonical jsonl of an export, gzip-compressed while it streams and cut into
 * chunks of CHUNK_BYTES for export_snapshot_chunks; and, read back, the stored articles again (offsets
 * back in code points, as every writer expects them), so that any format can be replayed from them.
 */
import { pipeline, Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import zlib from "node:zlib";
import { OffsetIndex, type OffsetUnit } from "@/lib/tags/offsets";
import type { ExportArticle } from "./shape";

/** One row per mebibyte of compressed jsonl: large enough for few rows, small enough to stream. */
export const CHUNK_BYTES = 1024 * 1024;

/** A gzip stream whose output is handed to `store` in pieces of exactly `chunkBytes` (the last one shorter). */
export function gzipChunks(store: (chunk: Uint8Array) => Promise<void>, chunkBytes = CHUNK_BYTES) {
  const gzip = zlib.createGzip();
  let parts: Buffer[] = [];
  let size = 0;
  let compressed = 0;
  gzip.on("data", (part: Buffer) => {
    parts.push(part);
    size += part.length;
  });
  const drain = async (all: boolean) => {
    while (size >= chunkBytes || (all && size > 0)) {
      const joined = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
      const piece = joined.subarray(0, Math.min(chunkBytes, joined.length));
      const rest = joined.subarray(piece.length);
      parts = rest.length ? [rest] : [];
      size = rest.length;
      compressed += piece.length;
      await store(piece);
    }
  };
  return {
    async write(bytes: Uint8Array): Promise<void> {
      await new Promise<void>((resolve, reject) => gzip.write(bytes, (error) => (error ? reject(error) : resolve())));
      await drain(false);
    },
    async end(): Promise<number> {
      const ended = new Promise<void>((resolve, reject) => gzip.once("end", resolve).once("error", reject));
      gzip.end();
      await ended;
      await drain(true);
      return compressed;
    },
  };
}

/** Stored chunks as the bytes they compress. */
export async function* inflate(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const gunzip = zlib.createGunzip();
  // pipeline, not pipe: a failing or aborted source must fail the gunzip stream too, not leave it waiting.
  pipeline(Readable.from(chunks), gunzip, () => {});
  try {
    for await (const piece of gunzip as AsyncIterable<Buffer>) yield piece;
  } finally {
    gunzip.destroy();
  }
}

/** An article of a jsonl written in `unit`, with its offsets in code points again. */
export function toCodePoints(article: ExportArticle, unit: OffsetUnit): ExportArticle {
  if (unit === "codepoint") return article;
  const index = new OffsetIndex(article.text);
  return {
    ...article,
    tags: article.tags.map((tag) => ({ ...tag, start: index.toCodePoint(tag.start), end: index.toCodePoint(tag.end) })),
  };
}

/** The stored articles, in their stored order, a decompressed chunk's worth of lines per batch. */
export async function* snapshotArticles(
  chunks: AsyncIterable<Uint8Array>,
  unit: OffsetUnit,
  signal?: AbortSignal,
): AsyncGenerator<ExportArticle[]> {
  const decoder = new StringDecoder("utf8");
  let rest = "";
  for await (const piece of inflate(chunks)) {
    signal?.throwIfAborted();
    const text = rest + decoder.write(piece);
    const lines = text.split("\n");
    rest = lines.pop()!;
    if (lines.length) yield lines.map((line) => toCodePoints(JSON.parse(line) as ExportArticle, unit));
  }
  rest += decoder.end();
  if (rest) yield [toCodePoints(JSON.parse(rest) as ExportArticle, unit)];
}

/** The same articles one by one: the diff walks two snapshots side by side. */
export async function* oneByOne(batches: AsyncIterable<ExportArticle[]>): AsyncGenerator<ExportArticle> {
  for await (const batch of batches) yield* batch;
}
