/**
 * Reading request bodies: each refused while it arrives once it passes its size limit, and each failure a
 * 400 naming the field at fault.
 */
import { AppError } from "@/lib/errors";

/** Largest JSON body an API route reads. */
const MAX_JSON_BYTES = 6 * 1024 * 1024;

/**
 * The request's body as a stream that fails once more than `maxBytes` went through, so that an oversized
 * body is refused while arriving, whatever its Content-Length claims (chunked uploads have none).
 */
export function limitedBody(
  request: Request,
  maxBytes: number,
  field: string,
): { stream: ReadableStream<Uint8Array>; tooLarge(): AppError | null } {
  let seen = 0;
  const tooLarge = () =>
    seen > maxBytes ? new AppError("bad_request", `Body must be at most ${Math.floor(maxBytes / 1024 / 1024)} MB`, field) : null;
  const limit = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      seen += chunk.byteLength;
      const error = tooLarge();
      if (error) controller.error(error);
      else controller.enqueue(chunk);
    },
  });
  return { stream: (request.body ?? new ReadableStream()).pipeThrough(limit), tooLarge };
}

/**
 * The request's JSON body, or a 400 saying what is wrong with it. Only `application/json` is read: a
 * cross-site form cannot send that type without a CORS preflight, which Margin never grants.
 */
export async function readJson(request: Request): Promise<unknown> {
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json")) {
    throw new AppError("bad_request", "Send the body as JSON with Content-Type: application/json", "body");
  }
  const body = limitedBody(request, MAX_JSON_BYTES, "body");
  const text = await new Response(body.stream).text().catch((error: unknown) => {
    throw body.tooLarge() ?? error;
  });
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "Body must be valid JSON", "body");
  }
}
