/**
 * A long operation's HTTP answer as NDJSON: `{ progress: { done, total } }` lines at most every 250 ms (a
 * 50 MB import or a project-wide run must not look hung), then `{ report }` as the last line. An unexpected
 * failure mid-way is logged and ends the stream with `{ error: { code: "internal", message } }`: what was
 * done so far stays done, and the message says so in the operation's words.
 */
const PROGRESS_EVERY_MS = 250;

export type Progress = (done: number, total: number) => void;

export function progressStream(
  work: (progress: Progress) => Promise<unknown>,
  failure: { log: string; message: string },
  first?: { total: number },
): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const line = (value: unknown) => controller.enqueue(encoder.encode(`${JSON.stringify(value)}\n`));
      let last = 0;
      if (first) line({ progress: { done: 0, total: first.total } });
      try {
        const report = await work((done, total) => {
          if (performance.now() - last < PROGRESS_EVERY_MS && done < total) return;
          last = performance.now();
          line({ progress: { done, total } });
        });
        line({ report });
      } catch (error) {
        console.error(failure.log, error);
        line({ error: { code: "internal", message: failure.message } });
      }
      controller.close();
    },
  });
  return new Response(body, { headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store" } });
}
