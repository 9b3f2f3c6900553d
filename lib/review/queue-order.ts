/**
 * Where the review queue goes after a decision. The decision's answer and the live update that takes the
 * tag out of the queue arrive in either order, so the queue may already have lost the decided tag (or
 * gained others): continue in the reading order the reviewer saw when deciding.
 *
 * @param seen the queue's ids when the reviewer decided, in reading order (holds `decided`)
 * @param now the queue's ids now
 * @returns the next pending tag after `decided`, else the nearest before it, else the first pending one
 */
export function nextAfterDecision(seen: readonly string[], decided: string, now: readonly string[]): string | undefined {
  const pending = new Set(now.filter((id) => id !== decided));
  const at = seen.indexOf(decided);
  if (at >= 0) {
    const after = seen.slice(at + 1).find((id) => pending.has(id));
    if (after) return after;
    const before = seen.slice(0, at).findLast((id) => pending.has(id));
    if (before) return before;
  }
  return now.find((id) => id !== decided);
}
