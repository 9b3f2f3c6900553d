/**
 * Text PostgreSQL can store. Its `text` type cannot hold U+0000, and a lone half of a UTF-16 surrogate pair
 * has no UTF-8 encoding, so either one fails the write (or the query) with a 500 deep inside a mutation.
 * Every edge that takes text from outside (JSON bodies, forms, uploads, the CLI) refuses such text with
 * these checks before anything is written, and says where it was.
 */

/** NUL and unpaired surrogates (the live document refuses them too, lib/tags/content-schema.ts): no editor types them. */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;

export function storable(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/** The message every edge refuses unstorable text with, naming where it was (a field, a path, an option). */
export function unstorableMessage(where: string): string {
  return `${where} holds a NUL character or an unpaired surrogate, which cannot be stored`;
}

/**
 * A key as a path segment, dotted as zod names fields (`annotations.2.note`, lib/http/parse.ts): plain keys
 * as they are, others JSON-escaped so that the message stays printable.
 */
export function keySegment(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `.${JSON.stringify(key)}`;
}

/** One value still to check, and how it was reached: paths are only spelled out for the one refused. */
type Step = { value: unknown; parent: Step | null; segment: string };

function pathOf(step: Step, root: string): string {
  const segments: string[] = [];
  for (let at: Step | null = step; at; at = at.parent) segments.push(at.segment);
  const path = root + segments.reverse().join("");
  return (path.startsWith(".") ? path.slice(1) : path) || "body";
}

/**
 * The path of the first string in parsed JSON, object keys included, that is not storable (in document
 * order, a key before its value), e.g. `annotations.2.note`; `path` names the value itself (`body` when
 * not given). Null when every string is storable. Walked with a stack of its own rather than recursion:
 * JSON.parse accepts nesting far deeper than the call stack.
 */
export function firstUnstorable(value: unknown, path = ""): string | null {
  const pending: Step[] = [{ value, parent: null, segment: "" }];
  while (pending.length) {
    const step = pending.pop()!;
    const current = step.value;
    if (typeof current === "string") {
      if (!storable(current)) return pathOf(step, path);
    } else if (Array.isArray(current)) {
      // Pushed last to first, so that the first is checked first.
      for (let index = current.length - 1; index >= 0; index--) pending.push({ value: current[index], parent: step, segment: `.${index}` });
    } else if (current !== null && typeof current === "object") {
      const entries = Object.entries(current);
      for (let index = entries.length - 1; index >= 0; index--) {
        const [key, child] = entries[index]!;
        const segment = keySegment(key);
        // The key is a string to check as well, at the same path as its value, and before it.
        pending.push({ value: child, parent: step, segment }, { value: key, parent: step, segment });
      }
    }
  }
  return null;
}
