/**
 * Reading request bodies: each refused while it arrives once it passes its size limit, and each failure a
 * 400 naming the field at fault. Routes declare which reader they use in their contract (lib/http/contract.ts).
 */
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { storable, unstorableMessage } from "@/lib/text/storable";
import { requestSchemaOf, type BodyReader, type JsonSchema } from "./contract";
import { parseOrThrow, refuseUnstorable } from "./parse";

/** Largest JSON body an API route reads. */
const MAX_JSON_BYTES = 6 * 1024 * 1024;

/**
 * The request's body as a stream that fails once more than `maxBytes` went through, so that an oversized
 * body is refused while arriving, whatever its Content-Length claims (chunked uploads have none).
 */
function limitedBody(
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

/** How one kind of JSON body is refused: its limit, and messages that name what the client sends. */
type JsonRules = { maxBytes: number; field: string; typeMessage: string; invalidMessage: string };

/**
 * Only `application/json` is read: a cross-site form cannot send that type without a CORS preflight, which
 * Margin never grants. Strings PostgreSQL cannot store are refused here, before any route sees them.
 */
async function readJsonBody(request: Request, rules: JsonRules): Promise<unknown> {
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json")) {
    throw new AppError("bad_request", rules.typeMessage, rules.field);
  }
  const body = limitedBody(request, rules.maxBytes, rules.field);
  const text = await new Response(body.stream).text().catch((error: unknown) => {
    throw body.tooLarge() ?? error;
  });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("bad_request", rules.invalidMessage, rules.field);
  }
  refuseUnstorable(value);
  return value;
}

/** The request's JSON body, or a 400 saying what is wrong with it. */
export function readJson(request: Request): Promise<unknown> {
  return readJsonBody(request, {
    maxBytes: MAX_JSON_BYTES,
    field: "body",
    typeMessage: "Send the body as JSON with Content-Type: application/json",
    invalidMessage: "Body must be valid JSON",
  });
}

/**
 * A JSON document sent whole as the body (a dataset): a limit of its own, read at each request (it is
 * configurable), and messages about the file rather than "the body". Its schema is given, not derived: the
 * document is checked by its own reader after this.
 */
export function jsonFile(options: {
  maxBytes: () => number;
  field: string;
  typeMessage: string;
  invalidMessage: string;
  description: string;
  schema: JsonSchema;
}): BodyReader<unknown> {
  const { maxBytes, description, schema, ...messages } = options;
  return {
    read: (request) => readJsonBody(request, { maxBytes: maxBytes(), ...messages }),
    describe: () => ({ description, content: { "application/json": { schema } } }),
  };
}

/**
 * Files sent as multipart/form-data in one repeatable field, with text fields beside them (parsed by
 * `fields`). Every file may be as large as the per-file limit, so the whole body may be `maxFiles` of them
 * (and 1 MB of form): a larger body is refused while it arrives, not after it was buffered.
 */
export function multipartFiles<F extends z.ZodType>(options: {
  field: string;
  maxFiles: number;
  maxFileBytes: () => number;
  fields: F;
  description: string;
}): BodyReader<{ files: File[]; fields: z.output<F> }> {
  const { field, maxFiles } = options;
  return {
    async read(request) {
      if (!(request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
        throw new AppError("bad_request", `Send files as multipart/form-data in the field \`${field}\``, field);
      }
      const maxFileBytes = options.maxFileBytes();
      const maxBody = maxFiles * maxFileBytes + 1024 * 1024;
      if (Number(request.headers.get("content-length") ?? 0) > maxBody)
        throw new AppError("bad_request", `Upload at most ${maxFiles} files of ${maxFileBytes / 1024 / 1024} MB at once`, field);
      const body = limitedBody(request, maxBody, field);
      const limited = new Request(request.url, {
        method: request.method,
        headers: request.headers,
        body: body.stream,
        duplex: "half",
      } as RequestInit);
      const form = await limited.formData().catch(() => {
        throw body.tooLarge() ?? new AppError("bad_request", "The body is not valid multipart/form-data", field);
      });
      const files = form.getAll(field).filter((value): value is File => typeof value !== "string");
      if (files.length === 0) throw new AppError("bad_request", `Attach at least one file in the field \`${field}\``, field);
      if (files.length > maxFiles) throw new AppError("bad_request", `Upload at most ${maxFiles} files at once`, field);
      // A file's name labels its articles' origin, which is stored; its content is checked by the import.
      const badName = files.findIndex((file) => !storable(file.name));
      if (badName >= 0) throw new AppError("bad_request", unstorableMessage(`The name of file ${badName + 1}`), field);
      // As form.get() reads them: a field's first value, none when that is a file.
      const texts: Record<string, string> = {};
      const named = new Set<string>();
      for (const [name, value] of form) {
        if (!named.has(name) && typeof value === "string") texts[name] = value;
        named.add(name);
      }
      refuseUnstorable(texts);
      return { files, fields: parseOrThrow(options.fields, texts) };
    },
    describe() {
      const fields = requestSchemaOf(options.fields);
      const schema = {
        ...fields,
        type: "object",
        properties: {
          [field]: { type: "array", items: { type: "string", format: "binary" }, maxItems: maxFiles },
          ...(fields.properties as JsonSchema | undefined),
        },
        required: [field, ...((fields.required as string[] | undefined) ?? [])],
      };
      return { description: options.description, content: { "multipart/form-data": { schema } } };
    },
  };
}
