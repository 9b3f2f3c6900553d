/**
 * multipart/form-data read as it arrives (busboy), every limit checked on the bytes as they come: the body
 * as a whole, each file of the field, the number of files and the text beside them. `request.formData()`
 * buffered the whole body before any of its files could be weighed (three 240 MB uploads held 1.9 GB), so
 * a file over its limit is now refused at its first byte too many, and the rest of the body is never read.
 */
import busboy from "busboy";
import { once } from "node:events";
import { AppError } from "@/lib/errors";
import { pauseEvery } from "@/lib/event-loop";

type MultipartLimits = {
  /** The repeatable field holding the files; files sent in other fields are dropped unread. */
  field: string;
  maxFiles: number;
  maxFileBytes: number;
  maxBodyBytes: number;
  /** All text fields together, names and values. */
  maxTextBytes: number;
};

/** The form as `request.formData()` reads it: the field's files in order, and each text field's first value. */
type MultipartForm = { files: File[]; texts: Record<string, string> };

/** Text fields (and parts) a form may hold: far more than any client of Margin sends. */
const MAX_TEXT_FIELDS = 1000;

function describeBytes(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  return mb >= 1 ? `${Number(mb.toFixed(1))} MB` : `${Number((bytes / 1024).toFixed(1))} KB`;
}

export async function readMultipart(request: Request, limits: MultipartLimits): Promise<MultipartForm> {
  const { field } = limits;
  const refusal = (message: string) => new AppError("bad_request", message, field);
  const notMultipart = () => refusal("The body is not valid multipart/form-data");
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": request.headers.get("content-type") ?? "" },
      // As browsers send them and formData() reads them: UTF-8 names, kept as they are.
      defParamCharset: "utf8",
      preservePath: true,
      limits: {
        // busboy reports a file that reaches its limit; one byte more is one over ours.
        fileSize: limits.maxFileBytes + 1,
        fieldSize: limits.maxTextBytes,
        fields: MAX_TEXT_FIELDS,
        parts: limits.maxFiles + MAX_TEXT_FIELDS,
      },
    });
  } catch {
    throw notMultipart();
  }

  let failure: AppError | null = null;
  let rejectFailed: (error: AppError) => void = () => {};
  const failed = new Promise<never>((_, reject) => (rejectFailed = reject));
  failed.catch(() => {});
  const fail = (error: AppError) => {
    if (failure) return;
    failure = error;
    rejectFailed(error);
  };

  const files: (File | null)[] = [];
  const texts: Record<string, string> = {};
  const named = new Set<string>();
  let textBytes = 0;
  parser.on("file", (name, stream, info) => {
    named.add(name);
    // Ended with an error when the body is given up on: what it held is dropped anyway.
    stream.on("error", () => {});
    if (name !== field) {
      stream.resume();
      return;
    }
    const position = files.push(null) - 1;
    if (files.length > limits.maxFiles) {
      stream.resume();
      return fail(refusal(`Upload at most ${limits.maxFiles} files at once`));
    }
    const filename = info.filename ?? "";
    const chunks: Buffer<ArrayBuffer>[] = [];
    stream.on("data", (chunk: Buffer<ArrayBuffer>) => {
      if (!failure) chunks.push(chunk);
    });
    stream.on("limit", () => {
      chunks.length = 0;
      fail(refusal(`Each file must be at most ${describeBytes(limits.maxFileBytes)}: file ${position + 1} ("${filename}") is larger`));
    });
    stream.on("end", () => {
      if (!failure) files[position] = new File(chunks, filename);
    });
  });
  parser.on("field", (field, value, info) => {
    // Busboy gives a part with an empty name none at all.
    const name = field ?? "";
    textBytes += Buffer.byteLength(name) + Buffer.byteLength(value);
    if (info.valueTruncated || textBytes > limits.maxTextBytes)
      return fail(refusal(`The form's text fields must be at most ${describeBytes(limits.maxTextBytes)} in all`));
    // As form.get() reads them: a field's first value, none when that is a file.
    if (!named.has(name)) texts[name] = value;
    named.add(name);
  });
  parser.on("fieldsLimit", () => fail(refusal(`Send at most ${MAX_TEXT_FIELDS} text fields`)));
  parser.on("partsLimit", () => fail(refusal(`Send at most ${limits.maxFiles + MAX_TEXT_FIELDS} parts`)));
  parser.on("error", (error) =>
    fail(
      (error as Error).message === "Malformed part header"
        ? refusal("The body is not valid multipart/form-data: a part's header (its file name?) holds a control character")
        : notMultipart(),
    ),
  );
  const closed = once(parser, "close");
  closed.catch(() => {});

  const reader = (request.body ?? new ReadableStream<Uint8Array>()).getReader();
  let seen = 0;
  // A body already in memory (or arriving faster than it is parsed) would otherwise be read in one turn.
  const pause = pauseEvery(10);
  try {
    for (;;) {
      // `failed` first: when both have happened, the refusal is what the client is told.
      const { done, value } = await Promise.race([failed, reader.read()]);
      if (done) break;
      seen += value.byteLength;
      if (seen > limits.maxBodyBytes) fail(refusal(`Body must be at most ${Math.floor(limits.maxBodyBytes / 1024 / 1024)} MB`));
      if (failure) throw failure;
      if (!parser.write(value)) await Promise.race([failed, once(parser, "drain")]);
      await pause();
    }
    if (failure) throw failure;
    parser.end();
    await Promise.race([failed, closed]);
    if (failure) throw failure;
  } catch (error) {
    parser.destroy();
    // A turn of the event loop first: Node 20's undici closes a FormData body's stream from a microtask
    // after its last pull, and throws (uncaught) when that stream was cancelled in between.
    await new Promise((resolve) => setImmediate(resolve));
    await reader.cancel().catch(() => {});
    throw failure ?? error;
  }
  return { files: files.filter((file): file is File => file !== null), texts };
}
