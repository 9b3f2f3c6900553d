/**
 * Grapheme clusters: what a reader sees as one character. "👩‍💻" is three code points (woman, zero-width
 * joiner, laptop), "é" may be "e" and a combining accent, a flag two regional indicators. A tag boundary
 * inside one would cut a character a reader cannot see the halves of, and every exporter would write half
 * an emoji or an accent without its letter. Offsets are UTF-16 code units of a JavaScript string here.
 */

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * The cluster that `offset` falls strictly inside, or null when the offset is a boundary. Segmenting is
 * linear in what precedes the offset, so only the offset's line is segmented: a line feed always ends a
 * cluster (Unicode's rule GB4), so a line starts at a boundary whatever comes before it.
 */
export function clusterAround(text: string, offset: number): { start: number; end: number; text: string } | null {
  if (offset <= 0 || offset >= text.length) return null;
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const lineEnd = text.indexOf("\n", offset);
  const line = text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd);
  const segment = segmenter.segment(line).containing(offset - lineStart);
  if (!segment || segment.index + lineStart === offset) return null;
  const start = segment.index + lineStart;
  return { start, end: start + segment.segment.length, text: segment.segment };
}

export function isClusterBoundary(text: string, offset: number): boolean {
  return clusterAround(text, offset) === null;
}

/** The range widened to whole clusters at both ends (what a selection may tag). */
export function widenToClusters(text: string, from: number, to: number): { from: number; to: number } {
  return { from: clusterAround(text, from)?.start ?? from, to: clusterAround(text, to)?.end ?? to };
}

/** The code points of a short text as U+ numbers, for messages about characters a reader cannot see apart. */
export function describeCodePoints(text: string): string {
  return [...text].map((char) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`).join(" ");
}
