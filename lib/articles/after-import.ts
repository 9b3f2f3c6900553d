/**
 * What runs once an article is imported, whichever way it came in: a slot that a process fills with what it
 * has (the suggesters, when a project asks for them on import: lib/suggestions/on-import.ts), since the
 * suggestions domain builds on this one and may not be imported from it. On globalThis, because Next.js
 * bundles routes apart from the server process that fills it. A failure is logged and never fails the import.
 */
type AfterImport = (projectId: string, articleId: string) => Promise<void>;

const holder = globalThis as unknown as { marginAfterImport?: AfterImport };

export function setAfterImport(hook: AfterImport | undefined): void {
  holder.marginAfterImport = hook;
}

export async function runAfterImport(projectId: string, articleId: string): Promise<void> {
  try {
    await holder.marginAfterImport?.(projectId, articleId);
  } catch (error) {
    console.error(`[import] after importing article ${articleId}:`, error);
  }
}
