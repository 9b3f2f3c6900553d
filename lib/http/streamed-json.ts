/**
 * A JSON document too large to hold as one value (a dataset: an object whose one array holds the articles),
 * read as it arrives. Parsed whole, a 3 MB body of a million empty articles grew the server by 1.5 GB and
 * held the event loop for half a minute; here memory stays that of one element whatever the body's size:
 * - the document is tokenized chunk by chunk, pausing between chunks so that other requests go on;
 * - each element of the array is parsed alone, checked for text PostgreSQL cannot store, counted against
 *   its limit, and written as one JSON line to a temporary file (unlinked at once, so nothing outlives the
 *   process), to be read back one at a time;
 * - of the other top-level fields only the named ones are kept; the rest are checked (syntax, and text that
 *   could not be stored, as every JSON body is) and dropped as they are read.
 * Everything that refuses the body as a whole (invalid JSON, unstorable text, too many elements) is known
 * before the first element is handed over, as when the document was parsed whole: nothing is imported from
 * a body that is then refused.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { Tokenizer, TokenParser, TokenType } from "@streamparser/json";
import type { ParsedTokenInfo } from "@streamparser/json";
import { AppError } from "@/lib/errors";
import { pauseEvery } from "@/lib/event-loop";
import { keySegment, storable, unstorableMessage } from "@/lib/text/storable";
import { refuseUnstorable } from "./parse";

/** What the document held, with its array's elements still on disk. */
export type StreamedDocument = {
  /**
   * The kept top-level fields, with the array as `[]` when it was one (`null` when it was something else);
   * null when the document is not an object.
   */
  head: Record<string, unknown> | null;
  /** How many elements the array has. */
  count: number;
  /** Its elements in order, parsed one at a time; to be read once. */
  items(): AsyncGenerator<unknown>;
};

type StreamedJsonRules = {
  field: string;
  invalidMessage: string;
  /** The top-level array read element by element. */
  itemsKey: string;
  /** The other top-level fields to keep. */
  headKeys: readonly string[];
  maxItems: number;
  tooManyMessage: string;
};

/** Input bytes tokenized between two chances for the event loop to pause (about a few milliseconds' work). */
const SLICE_BYTES = 16 * 1024;

/**
 * How deep a value may nest: a dataset nests six levels. Deeper values are refused rather than parsed: the
 * parser's work per level grows with the depth, and serializing one recurses (100,000 levels overflow).
 */
const MAX_DEPTH = 100;

const PRIMITIVES = new Set([TokenType.STRING, TokenType.NUMBER, TokenType.TRUE, TokenType.FALSE, TokenType.NULL]);

type Target = "head" | "skip" | "item" | "root";

/**
 * Where each string of a value that is not kept stands, so that one PostgreSQL cannot store is named as
 * firstUnstorable names it (`labels.0.description`), keys included, without keeping the value.
 */
class StringPaths {
  private readonly frames: { array: boolean; segment: string; index: number; expectKey: boolean }[] = [];
  constructor(private readonly root: string) {}

  token({ token, value }: ParsedTokenInfo): void {
    const top = this.frames.at(-1);
    if (token === TokenType.LEFT_BRACE || token === TokenType.LEFT_BRACKET) {
      const array = token === TokenType.LEFT_BRACKET;
      this.frames.push({ array, segment: array ? ".0" : "", index: 0, expectKey: !array });
    } else if (token === TokenType.RIGHT_BRACE || token === TokenType.RIGHT_BRACKET) this.frames.pop();
    else if (token === TokenType.COLON) top!.expectKey = false;
    else if (token === TokenType.COMMA) {
      if (top!.array) top!.segment = `.${++top!.index}`;
      else top!.expectKey = true;
    } else if (token === TokenType.STRING) {
      // A key stands at the path of its value, as firstUnstorable has it.
      if (top && !top.array && top.expectKey) top.segment = keySegment(value as string);
      if (!storable(value as string)) {
        const path = (this.root + this.frames.map((frame) => frame.segment).join("")).replace(/^\./, "") || "body";
        throw new AppError("bad_request", unstorableMessage(path), path);
      }
    }
  }
}

/** Routes the tokens of the document's first two levels; each value below them goes to a parser of its own. */
class DocumentRouter {
  head: Record<string, unknown> | null = {};
  count = 0;
  /** Element lines not yet written to the spool. */
  lines: string[] = [];
  private state: "start" | "firstKey" | "key" | "colon" | "value" | "comma" | "firstItem" | "item" | "itemComma" | "end" = "start";
  private key = "";
  private itemsSeen = false;
  private target: Target = "head";
  private value: { parser: TokenParser; paths: StringPaths | null; depth: number; done: boolean; result?: unknown } | null = null;

  constructor(private readonly rules: StreamedJsonRules) {}

  get ended(): boolean {
    return this.state === "end" && !this.value;
  }

  token(token: ParsedTokenInfo): void {
    if (this.value) {
      if (token.token === TokenType.LEFT_BRACE || token.token === TokenType.LEFT_BRACKET) {
        if (++this.value.depth > MAX_DEPTH) {
          const path =
            this.target === "item" ? `${this.rules.itemsKey}.${this.count}` : this.target === "root" ? "body" : fieldPath(this.key);
          throw new AppError("bad_request", `${path} nests values more than ${MAX_DEPTH} levels deep`, path);
        }
      } else if (token.token === TokenType.RIGHT_BRACE || token.token === TokenType.RIGHT_BRACKET) this.value.depth--;
      this.value.paths?.token(token);
      this.value.parser.write(token);
      if (this.value.done) this.deliver(this.value.result);
      return;
    }
    const type = token.token;
    switch (this.state) {
      case "start":
        if (type === TokenType.LEFT_BRACE) this.state = "firstKey";
        else {
          this.head = null;
          this.start(token, "root");
        }
        return;
      case "firstKey":
      case "key":
        if (type === TokenType.STRING) {
          this.key = token.value as string;
          refuseUnstorable(this.key, fieldPath(this.key));
          this.state = "colon";
        } else if (type === TokenType.RIGHT_BRACE && this.state === "firstKey") this.state = "end";
        else throw invalid();
        return;
      case "colon":
        if (type !== TokenType.COLON) throw invalid();
        this.state = "value";
        return;
      case "value":
        if (this.key !== this.rules.itemsKey) return this.start(token, this.rules.headKeys.includes(this.key) ? "head" : "skip");
        if (type !== TokenType.LEFT_BRACKET) {
          // Not a list: the document's check says so; its content is not kept.
          this.head![this.key] = null;
          return this.start(token, "skip");
        }
        // JSON.parse would keep the last, but two lists of articles in one dataset are a mistake to report.
        if (this.itemsSeen) throw new AppError("bad_request", `${this.rules.itemsKey} appears twice`, this.rules.field);
        this.itemsSeen = true;
        this.head![this.key] = [];
        this.state = "firstItem";
        return;
      case "comma":
        if (type === TokenType.COMMA) this.state = "key";
        else if (type === TokenType.RIGHT_BRACE) this.state = "end";
        else throw invalid();
        return;
      case "firstItem":
      case "item":
        if (type === TokenType.RIGHT_BRACKET && this.state === "firstItem") this.state = "comma";
        else this.start(token, "item");
        return;
      case "itemComma":
        if (type === TokenType.COMMA) this.state = "item";
        else if (type === TokenType.RIGHT_BRACKET) this.state = "comma";
        else throw invalid();
        return;
      case "end":
        throw invalid();
    }
  }

  /**
   * The first token of a value: a primitive is the value; an object or array is parsed by its own parser.
   * A value that is not kept is parsed for its syntax, and its strings checked, each part dropped once read.
   */
  private start(token: ParsedTokenInfo, target: Target): void {
    this.target = target;
    const keep = target === "head" || target === "item";
    const paths = keep ? null : new StringPaths(target === "root" ? "" : keySegment(this.key));
    if (PRIMITIVES.has(token.token)) {
      paths?.token(token);
      return this.deliver(token.value);
    }
    if (token.token !== TokenType.LEFT_BRACE && token.token !== TokenType.LEFT_BRACKET) throw invalid();
    const parser = new TokenParser({ paths: keep ? ["$"] : [], keepStack: keep });
    const value: NonNullable<DocumentRouter["value"]> = { parser, paths, depth: 1, done: false };
    parser.onValue = ({ value: result }) => {
      value.result = result;
    };
    parser.onEnd = () => {
      value.done = true;
    };
    this.value = value;
    paths?.token(token);
    parser.write(token);
  }

  private deliver(value: unknown): void {
    this.value = null;
    const { rules } = this;
    if (this.target === "root") {
      this.state = "end";
    } else if (this.target === "item") {
      if (++this.count > rules.maxItems) throw new AppError("bad_request", rules.tooManyMessage, rules.field);
      refuseUnstorable(value, `${rules.itemsKey}.${this.count - 1}`);
      this.lines.push(JSON.stringify(value));
      this.state = "itemComma";
    } else {
      if (this.target === "head") {
        refuseUnstorable(value, fieldPath(this.key));
        this.head![this.key] = value;
      }
      this.state = "comma";
    }
  }
}

/** A top-level field's path, as firstUnstorable names it: `format`, `"odd key"`. */
const fieldPath = (key: string) => keySegment(key).slice(1);

/** A marker for syntax errors found by the router; turned into the rules' message by the reader. */
class InvalidJson extends Error {}
const invalid = () => new InvalidJson();

/**
 * Reads `stream` (a request's body, already limited in size: its AppError passes through) as the rules say,
 * hands the document to `handle`, and removes the spool once `handle` has finished, however it finished.
 */
export async function withStreamedDocument<T>(
  stream: ReadableStream<Uint8Array>,
  rules: StreamedJsonRules,
  handle: (document: StreamedDocument) => Promise<T>,
): Promise<T> {
  const directory = await fs.mkdtemp(path.join(os.tmpdir(), "margin-json-"));
  const file = path.join(directory, "items.jsonl");
  const spool = await fs.open(file, "w+");
  await fs.rm(directory, { recursive: true, force: true });
  try {
    const router = await spoolDocument(stream, rules, spool);
    let read = false;
    return await handle({
      head: router.head,
      count: router.count,
      async *items() {
        if (read) throw new Error("the items of a streamed document are read once");
        read = true;
        const lines = readline.createInterface({ input: spool.createReadStream({ start: 0, autoClose: false }), crlfDelay: Infinity });
        for await (const line of lines) yield JSON.parse(line) as unknown;
      },
    });
  } finally {
    await spool.close();
  }
}

async function spoolDocument(stream: ReadableStream<Uint8Array>, rules: StreamedJsonRules, spool: fs.FileHandle): Promise<DocumentRouter> {
  const router = new DocumentRouter(rules);
  const tokenizer = new Tokenizer();
  tokenizer.onToken = (token) => router.token(token);
  const pause = pauseEvery(5);
  const reader = stream.getReader();
  const refuse = (error: unknown) => (error instanceof AppError ? error : new AppError("bad_request", rules.invalidMessage, rules.field));
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      for (let offset = 0; offset < value.byteLength; offset += SLICE_BYTES) {
        try {
          tokenizer.write(value.subarray(offset, offset + SLICE_BYTES));
        } catch (error) {
          throw refuse(error);
        }
        if (router.lines.length) {
          await spool.write(`${router.lines.join("\n")}\n`);
          router.lines = [];
        }
        await pause();
      }
    }
    try {
      tokenizer.end();
    } catch (error) {
      throw refuse(error);
    }
  } catch (error) {
    await reader.cancel().catch(() => {});
    throw error;
  }
  if (!router.ended) throw refuse(null);
  return router;
}
