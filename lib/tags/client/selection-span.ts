/**
 * The text offsets (UTF-16, into the projection's canonical text) of an editor selection: what a
 * reviewer's "use my selection as the tag's words" sends. Pure over the projection's position table,
 * which maps each text offset to its ProseMirror position and never decreases.
 */
import type { Projection } from "@/lib/tags/projection";

export function selectionSpan(
  projection: Pick<Projection, "positions" | "text">,
  from: number,
  to: number,
): { start: number; end: number } | null {
  const { positions, text } = projection;
  // First character at or after `from`, and one past the last character before `to`.
  const firstAt = (pos: number) => {
    let low = 0;
    let high = text.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (positions[middle]! < pos) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  const start = firstAt(from);
  const end = firstAt(to);
  return start < end ? { start, end } : null;
}
