/**
 * Hostile request bodies for the HTTP fuzz (lib/routes/body-fuzz.test.ts), pure and seeded so that a failure
 * replays: bodies derived from a JSON Schema, then spoilt one way per kind (hostile or unstorable text,
 * wrong types, unknown and prototype keys, deep nesting, extreme numbers, broken JSON, wrong content types,
 * oversized). Uploads are made in hostile-uploads.ts.
 */
import exportSchema from "@/lib/export/schema.json";
import type { JsonSchema } from "@/lib/http/contract";

/** The article text the fuzz tags: curly quotes, a combining mark, a ZWJ emoji sequence, paragraphs. */
export const TEXT = "“We counted 1,219 ballots,” said Ana Ruiz — the clerk. Café e\u0301 👩‍👩‍👧 costs 3 €.\n\nThe count ends Friday.";
/** lib/http/body.ts refuses a JSON body above this while it arrives. */
export const MAX_JSON_BYTES = 6 * 1024 * 1024;
const KB100 = "A".repeat(100_000);

/** Storable but hostile: what a spreadsheet, a page, a terminal or a naive parser would misread. */
export const HOSTILE = [
  "=cmd|' /C calc'!A0",
  "+SUM(1+1)*cmd|' /C calc'!A0",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "“Ana” ‘Ruiz’ — 😀 👩‍👩‍👧 🇺🇸 e\u0301\u0308 ﷽",
  "\u202Egnp.exe\u202C",
  "\u200B\u200D\uFEFF",
  "\u2028\u2029\r\n\t",
  "\uFFFE\uFFFF\u{10FFFF}",
  "",
  "   ",
  "%00",
  "\\u0000",
  "'; DROP TABLE articles; --",
  "../../etc/passwd",
  "${jndi:ldap://x}{{7*7}}",
  "__proto__",
  "NaN",
  "-0",
  "1e308",
  KB100,
  "😀".repeat(25_000),
  // Around the limits in UTF-16 units: a note's 2,000, a comment's 10,000.
  "x".repeat(2001),
  "😀".repeat(1000),
  "e\u0301".repeat(1000),
  "😀".repeat(5001),
];
/** Text PostgreSQL cannot store: NUL, and halves of a surrogate pair alone or out of order. */
export const UNSTORABLE = ["\u0000", "Ana\u0000Ruiz", "\ud800", "\udc00", "clerk \ud83c", "\udc00\ud800", `${KB100}\u0000`];
const UNSTORABLE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether any string in parsed JSON, keys included, holds NUL or an unpaired surrogate (walked without recursion). */
export function holdsUnstorable(value: unknown): boolean {
  const pending = [value];
  while (pending.length) {
    const at = pending.pop();
    if (typeof at === "string") {
      if (UNSTORABLE_TEXT.test(at)) return true;
    } else if (Array.isArray(at)) {
      for (const child of at) pending.push(child);
    } else if (at !== null && typeof at === "object") {
      for (const [key, child] of Object.entries(at)) pending.push(key, child);
    }
  }
  return false;
}

/** JSON text sent as it is: numbers JSON.stringify cannot write (-0, 1e309), nesting deeper than its stack. */
export class Raw {
  constructor(readonly text: string) {}
}
export type Value = null | boolean | number | string | Raw | Value[] | { [key: string]: Value };
type Path = (string | number)[];

/** JSON text of a value; strings as JSON.stringify writes them (lone surrogates escaped, so they arrive). */
export function toJson(value: Value): string {
  if (value instanceof Raw) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    return `{${Object.entries(value)
      .map(([key, child]) => `${JSON.stringify(key)}:${toJson(child)}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

/** mulberry32: small, fast, and the same sequence everywhere. */
export function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    chance: (p: number) => next() < p,
    int: (below: number) => Math.floor(next() * below),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}
export type Rng = ReturnType<typeof random>;

/** A seed per name (FNV-1a), so that each operation's bodies do not depend on the others'. */
export function seedOf(name: string, seed: number): number {
  return [...name].reduce((hash, char) => Math.imul(hash ^ char.codePointAt(0)!, 16777619) >>> 0, (2166136261 ^ seed) >>> 0);
}

// ---- Bodies from a JSON Schema ----

function resolve(schema: JsonSchema, root: JsonSchema): [JsonSchema, JsonSchema] {
  const ref = schema.$ref;
  if (typeof ref !== "string") return [schema, root];
  // The dataset import describes its body by the export's schema, served at this address.
  if (ref === "/api/export/schema") return resolve(exportSchema as JsonSchema, exportSchema as JsonSchema);
  if (ref.startsWith("#/"))
    return resolve(
      ref
        .slice(2)
        .split("/")
        .reduce<JsonSchema>((at, key) => at[key] as JsonSchema, root),
      root,
    );
  throw new Error(`$ref ${ref}: tell the fuzz what it points to`);
}

/** Keys for objects whose properties the schema leaves open (attributes, filters). */
const OPEN_KEYS = ["canonicalName", "kind", "unit", "value", "direct", "approximate", "sourceId", "speakerId", "status", "labels"];
const NUMBERS = [0, 1, 2, 3, 5, 8, 13, 21, 34];

export type Strings = (schema: JsonSchema) => string;

/** A value the schema describes (optional properties half the time), its strings chosen by `string`. */
export function generate(rng: Rng, given: JsonSchema, root: JsonSchema, string: Strings, depth = 0): Value {
  const [schema, base] = resolve(given, root);
  if ("const" in schema) return schema.const as Value;
  if (Array.isArray(schema.enum)) return rng.pick(schema.enum as Value[]);
  if (Array.isArray(schema.anyOf)) return generate(rng, rng.pick(schema.anyOf as JsonSchema[]), base, string, depth);
  const any = depth > 3 ? ["string", "number", "boolean", "null"] : ["string", "number", "boolean", "null", "array", "object"];
  switch (rng.pick(schema.type === undefined ? any : [schema.type as string].flat())) {
    case "string":
      return string(schema);
    case "integer":
    case "number": {
      const fits = NUMBERS.filter((n) => n >= ((schema.minimum as number) ?? 0) && n <= ((schema.maximum as number) ?? Infinity));
      return rng.pick(fits.length ? fits : NUMBERS);
    }
    case "boolean":
      return rng.chance(0.5);
    case "array": {
      const count = depth > 3 ? 0 : Math.min(rng.int(4), (schema.maxItems as number) ?? 3);
      return Array.from({ length: count }, () => generate(rng, (schema.items as JsonSchema) ?? {}, base, string, depth + 1));
    }
    case "object": {
      const out: Record<string, Value> = {};
      const required = (schema.required as string[]) ?? [];
      for (const [key, child] of Object.entries((schema.properties as Record<string, JsonSchema>) ?? {})) {
        if (required.includes(key) || rng.chance(0.5)) out[key] = generate(rng, child, base, string, depth + 1);
      }
      const open = schema.additionalProperties;
      if (open && typeof open === "object" && depth < 3) {
        for (let count = rng.int(3); count > 0; count--)
          out[rng.pick(OPEN_KEYS)] = generate(rng, open as JsonSchema, base, string, depth + 1);
      }
      return out;
    }
    default:
      return null;
  }
}

/** Strings a client would plausibly send: formats honoured, patterns and lengths matched when the pool can. */
export function plausible(rng: Rng, pool: string[]): Strings {
  return (schema) => {
    if (schema.format === "date-time") return "2026-03-12T06:30:00Z";
    if (schema.format === "date") return "2026-03-12";
    if (schema.format === "uri") return "https://example.com/story";
    const pattern = typeof schema.pattern === "string" ? new RegExp(schema.pattern, "u") : null;
    const min = (schema.minLength as number) ?? 0;
    const max = (schema.maxLength as number) ?? Infinity;
    const fits = pool.filter((text) => (!pattern || pattern.test(text)) && text.length >= min && text.length <= max);
    return rng.pick(fits.length ? fits : pool);
  };
}

/** Plausible, hostile and (now and then) unstorable strings mixed. */
export function mixed(rng: Rng, pool: string[]): Strings {
  const usual = plausible(rng, pool);
  return (schema) => (rng.chance(0.4) ? usual(schema) : rng.chance(0.8) ? rng.pick(HOSTILE) : rng.pick(UNSTORABLE));
}

function leaves(value: Value, at: Path = []): { path: Path; value: Value }[] {
  if (Array.isArray(value)) return value.flatMap((child, index) => leaves(child, [...at, index]));
  if (value !== null && typeof value === "object" && !(value instanceof Raw)) {
    return Object.entries(value).flatMap(([key, child]) => leaves(child, [...at, key]));
  }
  return [{ path: at, value }];
}

function objects(value: Value): Record<string, Value>[] {
  if (Array.isArray(value)) return value.flatMap(objects);
  if (value === null || typeof value !== "object" || value instanceof Raw) return [];
  return [value, ...Object.values(value).flatMap(objects)];
}

/** `root` with the value at `at` replaced (in place, unless `at` is the root itself). */
function setAt(root: Value, at: Path, value: Value): Value {
  if (at.length === 0) return value;
  const parent = at.slice(0, -1).reduce<Value>((node, key) => (node as Record<string, Value>)[key]!, root) as Record<string, Value>;
  parent[at[at.length - 1]!] = value;
  return root;
}

/** Adds a key as an own property, `__proto__` included, as JSON.parse would. */
function addKey(target: Record<string, Value>, key: string, value: Value) {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

// ---- The kinds of spoilt body ----

export type Body = { kind: string; text: string | Uint8Array<ArrayBuffer>; contentType: string | null };
/** What a kind works from: a fresh valid-looking body each call, the schema, and the zod check when there is one. */
export type Kit = {
  rng: Rng;
  example: () => Value;
  schema: JsonSchema;
  valid: ((value: Value) => boolean) | null;
  pool: string[];
};

const WRONG_TYPES: Value[] = [0, -1, true, false, null, [], {}, "", "true", [1, "a"], { a: 1 }, "0"];
const RAW_NUMBERS = [
  "1e308",
  "1e309",
  "-1e309",
  "-0",
  "0.5",
  "9007199254740993",
  "2147483648",
  "-2147483649",
  "1e-400",
  '"NaN"',
  '"Infinity"',
  '"-0"',
];
export const INVALID_JSON = [
  "",
  "{",
  "}",
  '{"a":}',
  "{'a':1}",
  "[1,]",
  '{"a":1,}',
  "NaN",
  "undefined",
  '{"a":"\u0000"}',
  '"unterminated',
  "[".repeat(100_000),
];
const WRONG_CONTENT_TYPES = [
  null,
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "text/json",
  "application/problem+json",
  "",
];
const EXTRA_FIELDS: [string, Value][] = [
  ["__proto__", { polluted: true }],
  ["constructor", { prototype: { polluted: true } }],
  ["toString", "x"],
  ["extra", 1],
  ["<script>", "=1+1"],
  ["\u202Eevil", [null]],
  [KB100, true],
];
/** 50,000 levels is 100 KB of brackets: JSON.parse takes it in milliseconds. */
const DEPTHS = [64, 1_000, 10_000, 50_000];

const json = (kind: string, value: Value, contentType: string | null = "application/json"): Body => ({
  kind,
  text: toJson(value),
  contentType,
});

export const KINDS: Record<string, (kit: Kit) => Body> = {
  /** A valid body whose text is as hostile as the contract allows (each replacement kept if still valid). */
  hostile({ rng, example, valid }) {
    const body = example();
    for (const leaf of leaves(body).filter((entry) => typeof entry.value === "string")) {
      if (!rng.chance(valid ? 0.7 : 0.3)) continue;
      setAt(body, leaf.path, rng.pick(HOSTILE));
      if (valid && !valid(body)) setAt(body, leaf.path, leaf.value);
    }
    return json("hostile", body);
  },
  /** One string, key or unknown field NUL or a lone surrogate. */
  unstorable({ rng, example }) {
    const body = example();
    const texts = leaves(body).filter((entry) => typeof entry.value === "string");
    const targets = objects(body);
    if (texts.length && rng.chance(0.7)) setAt(body, rng.pick(texts).path, rng.pick(UNSTORABLE));
    else if (targets.length) addKey(rng.pick(targets), rng.pick(UNSTORABLE), rng.chance(0.5) ? "x" : rng.pick(UNSTORABLE));
    else return json("unstorable", [rng.pick(UNSTORABLE), body]);
    return json("unstorable", body);
  },
  /** Straight from the schema, with any strings. */
  schema({ rng, schema, pool }) {
    return json("schema", generate(rng, schema, schema, mixed(rng, pool)));
  },
  wrongType({ rng, example }) {
    const body = example();
    const spots = leaves(body);
    const at = !spots.length || rng.chance(0.2) ? [] : rng.pick(spots).path;
    return json("wrongType", setAt(body, at, structuredClone(rng.pick(WRONG_TYPES))));
  },
  extraFields({ rng, example }) {
    const body = example();
    const targets = objects(body);
    if (!targets.length) return json("extraFields", { body, extra: true });
    for (let count = 1 + rng.int(3); count > 0; count--) addKey(rng.pick(targets), ...structuredClone(rng.pick(EXTRA_FIELDS)));
    return json("extraFields", body);
  },
  /** Arrays or objects nested thousands deep, in place of a value or of the whole body. */
  deep({ rng, example }) {
    const depth = rng.pick(DEPTHS);
    const inner = rng.chance(0.3) ? JSON.stringify(rng.pick(UNSTORABLE)) : "1";
    const nested = rng.chance(0.5) ? "[".repeat(depth) + inner + "]".repeat(depth) : '{"a":'.repeat(depth) + inner + "}".repeat(depth);
    const body = example();
    return json("deep", setAt(body, rng.pick([...leaves(body).map((leaf) => leaf.path), []]), new Raw(nested)));
  },
  /** Every number (or one value) written as JSON.stringify never would, or as a string. */
  numbers({ rng, example }) {
    const body = example();
    const all = leaves(body);
    const numeric = all.filter((leaf) => typeof leaf.value === "number");
    const spots = numeric.length ? numeric.map((leaf) => leaf.path) : [all.length ? rng.pick(all).path : []];
    let changed = body;
    for (const at of spots) changed = setAt(changed, at, new Raw(rng.pick(RAW_NUMBERS)));
    return json("numbers", changed);
  },
  invalidJson({ rng, example }) {
    if (rng.chance(0.2)) {
      // Bytes that are not UTF-8 (0xFF, an encoded surrogate): decoded as U+FFFD, which is storable.
      const bytes = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xed, 0xa0, 0x80, 0x22, 0x7d]);
      return { kind: "invalidJson", text: bytes, contentType: "application/json" };
    }
    const valid = toJson(example());
    const text = rng.chance(0.3) ? valid.slice(0, Math.max(1, valid.length - 1 - rng.int(valid.length))) : rng.pick(INVALID_JSON);
    return { kind: "invalidJson", text, contentType: "application/json" };
  },
  contentType({ rng, example }) {
    return json("contentType", example(), rng.pick(WRONG_CONTENT_TYPES));
  },
  /** 100 KB in every string, or a body over the JSON limit. */
  huge({ rng, example }) {
    const body = example();
    if (rng.chance(0.3)) return json("huge", { ...(objects(body)[0] ?? {}), padding: "A".repeat(MAX_JSON_BYTES + 1024) });
    for (const leaf of leaves(body)) if (typeof leaf.value === "string") setAt(body, leaf.path, rng.pick([KB100, "😀".repeat(25_000)]));
    return json("huge", body);
  },
};
