/**
 * What runs once a correction of an article's text is written to its projection: a slot that a process
 * fills with what it has (the suggestions' refresh of the changed paragraphs, lib/suggestions/refresh.ts),
 * since the suggestions domain builds on this one and may not be imported from it. On globalThis, as
 * lib/articles/after-import.ts, so that every bundle of the process sees the one the server installed. The
 * hook only schedules its work: it must return at once, and its failure never fails the projection's write.
 */
type AfterTextChange = (articleId: string, before: string, after: string) => void;

const holder = globalThis as unknown as { marginAfterTextChange?: AfterTextChange };

export function setAfterTextChange(hook: AfterTextChange | undefined): void {
  holder.marginAfterTextChange = hook;
}

export function runAfterTextChange(articleId: string, before: string, after: string): void {
  try {
    holder.marginAfterTextChange?.(articleId, before, after);
  } catch (error) {
    console.error(`[projection] after a text change of article ${articleId}:`, error);
  }
}
