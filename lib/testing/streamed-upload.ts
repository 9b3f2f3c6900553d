/**
 * A multipart upload whose files are made as they are pulled, as a large chunked upload arrives: tests of
 * limits enforced while reading can then see how much of the body was read before it was refused, and a
 * benchmark measures the reader's memory, not the sender's.
 */
export function streamedUpload(options: { field?: string; name: string; bytes: number; files?: number }) {
  const boundary = "margin-test-boundary";
  const encoder = new TextEncoder();
  const header = (index: number) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${options.field ?? "file"}"; filename="${index ? `${index + 1}-` : ""}${options.name}"\r\n` +
    "Content-Type: text/plain\r\n\r\n";
  const files = options.files ?? 1;
  let file = 0;
  let left = options.bytes;
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(header(0)));
    },
    pull(controller) {
      if (left <= 0) {
        if (++file < files) {
          left = options.bytes;
          return controller.enqueue(encoder.encode(`\r\n${header(file)}`));
        }
        controller.enqueue(encoder.encode(`\r\n--${boundary}--\r\n`));
        return controller.close();
      }
      const chunk = new Uint8Array(Math.min(left, 64 * 1024)).fill(0x61);
      left -= chunk.byteLength;
      pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return {
    body,
    contentType: `multipart/form-data; boundary=${boundary}`,
    /** Bytes of the files the reader has pulled so far. */
    pulled: () => pulled,
  };
}
