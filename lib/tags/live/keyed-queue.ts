/**
 * Work run one at a time per key (an article), in the order asked; a failure does not stop what follows.
 * The publisher's tag writes and the projection writer's writes are queued this way.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const next = (this.tails.get(key) ?? Promise.resolve()).then(work);
    const settled = next.catch(() => {});
    this.tails.set(key, settled);
    void settled.then(() => {
      if (this.tails.get(key) === settled) this.tails.delete(key);
    });
    return next;
  }

  /** Whether work of `key` runs or waits. */
  busy(key: string): boolean {
    return this.tails.has(key);
  }

  /** Resolves once all work asked for so far, and any asked for meanwhile, has finished. */
  async idle(): Promise<void> {
    while (this.tails.size) await Promise.all(this.tails.values());
  }
}
