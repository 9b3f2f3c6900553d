/**
 * Stores of one article run one at a time. A store asked for while one runs waits for it; all those asked
 * for meanwhile share the one that follows, which reads the documents when it starts, so each caller's
 * changes are stored when its promise resolves, and a burst of tagging costs two stores, not one per tag.
 */
export class StoreQueue {
  private readonly articles = new Map<string, { running: Promise<void> | null; next: Promise<void> | null }>();

  constructor(
    private readonly storeNow: (articleId: string) => Promise<void>,
    private readonly onError: (articleId: string, error: unknown) => void,
  ) {}

  store(articleId: string): Promise<void> {
    let state = this.articles.get(articleId);
    if (!state) this.articles.set(articleId, (state = { running: null, next: null }));
    const current = state;
    const run = () => {
      const running = this.storeNow(articleId);
      current.running = running;
      void running
        .catch((error: unknown) => this.onError(articleId, error))
        .finally(() => {
          if (current.running === running) current.running = null;
        });
      return running;
    };
    if (!current.running) return run();
    current.next ??= current.running
      .catch(() => {})
      .then(() => {
        current.next = null;
        return run();
      });
    return current.next;
  }

  /** The articles that ever had a store here. */
  articleIds(): string[] {
    return [...this.articles.keys()];
  }

  /** The stores under way or waiting, to wait for at shutdown. */
  pending(): Promise<void>[] {
    return [...this.articles.values()]
      .flatMap((state) => [state.running, state.next])
      .filter((store): store is Promise<void> => store !== null);
  }
}
