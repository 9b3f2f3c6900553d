/**
 * Copies a command's byte stream to stdout at stdout's pace (waiting for "drain"), so that an export of
 * any size goes through in constant memory. When the reader of stdout goes away (`margin export | head`),
 * the stream is cancelled, which stops the export and ends its database transaction.
 */
export class StdoutClosed extends Error {
  override name = "StdoutClosed";
  constructor() {
    super("stdout was closed before the output ended");
  }
}

export async function pipeToStdout(body: ReadableStream<Uint8Array>, out: NodeJS.WritableStream = process.stdout): Promise<void> {
  const reader = body.getReader();
  let closed = false;
  let wake: (() => void) | null = null;
  const onGone = () => {
    closed = true;
    reader.cancel().catch(() => {});
    wake?.();
  };
  out.on("error", onGone);
  out.on("close", onGone);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (closed) throw new StdoutClosed();
      if (done) return;
      if (!out.write(value)) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          out.once("drain", resolve);
        });
        wake = null;
      }
      if (closed) throw new StdoutClosed();
    }
  } finally {
    out.off("error", onGone);
    out.off("close", onGone);
  }
}
