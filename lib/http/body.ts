/**
 * Reading request bodies: each refused while it arrives once it passes its size limit, and each failure a
 * 400 naming the field at fault. Routes declare which reader they use in their contract (lib/http/contract.ts).
 */
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { storable, unstorableMessage } from "@/lib/text/storable";
import { requestSchemaOf, type BodyReader, type JsonSchema } from "./contract";
import { readMultipart } from "./multipart";
import { parseOrThrow, refuseUnstorable } from "./parse";
import { withStreamedDocument, type StreamedDocument } from "./streamed-json";

/** Largest JSON body an API route reads. */
const MAX_JSON_BYTES = 6 * 1024 * 1024;

/** The text fields beside uploaded files, all together: a few flags. */
const MAX_FORM_TEXT_BYTES = 1024 * 1024;

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

/** A JSON document read as it arrives (lib/http/streamed-json.ts): opened by the handler, for as long as `handle` runs. */
export type StreamedJsonBody = { open<T>(handle: (document: StreamedDocument) => Promise<T>): Promise<T> };

/**
 * A large JSON document sent whole as the body (a dataset): a limit of its own, read at each request (it is
 * configurable), as are the most elements its array may hold, and messages about the file rather than "the
 * body". It is not parsed here but when the handler opens it, element by element (the content type is
 * checked at once). Its schema is given, not derived: the document is checked by its own reader after this.
 */
export function jsonFile(options: {
  maxBytes: () => number;
  field: string;
  typeMessage: string;
  invalidMessage: string;
  description: string;
  schema: JsonSchema;
  /** The top-level array read element by element, and the other top-level fields kept. */
  items: { key: string; max: () => number; tooMany: (max: number) => string };
  head: readonly string[];
}): BodyReader<StreamedJsonBody> {
  const { maxBytes, field, typeMessage, invalidMessage, description, schema, items, head } = options;
  return {
    async read(request) {
      if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json"))
        throw new AppError("bad_request", typeMessage, field);
      const body = limitedBody(request, maxBytes(), field);
      const maxItems = items.max();
      const rules = { field, invalidMessage, itemsKey: items.key, headKeys: head, maxItems, tooManyMessage: items.tooMany(maxItems) };
      let opened = false;
      return {
        open(handle) {
          if (opened) return Promise.reject(new Error("a request's body is read once"));
          opened = true;
          return withStreamedDocument(body.stream, rules, handle);
        },
      };
    },
    describe: () => ({ description, content: { "application/json": { schema } } }),
  };
}

/**
 * Files sent as multipart/form-data in one repeatable field, with text fields beside them (parsed by
 * `fields`). Every file may be as large as the per-file limit, so the whole body may be `maxFiles` of them
 * (and 1 MB of form). Each limit (the body, each file, the number of files, the text) is checked while the
 * body arrives (lib/http/multipart.ts), so no more than they allow is ever held.
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
      const { files, texts } = await readMultipart(request, {
        field,
        maxFiles,
        maxFileBytes,
        maxBodyBytes: maxBody,
        maxTextBytes: MAX_FORM_TEXT_BYTES,
      });
      if (files.length === 0) throw new AppError("bad_request", `Attach at least one file in the field \`${field}\``, field);
      // A file's name labels its articles' origin, which is stored; its content is checked by the import.
      const badName = files.findIndex((file) => !storable(file.name));
      if (badName >= 0) throw new AppError("bad_request", unstorableMessage(`The name of file ${badName + 1}`), field);
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
