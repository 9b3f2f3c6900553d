/**
 * Giving way on the one event loop. A long loop of quick steps (a dataset of a million empty articles, a
 * body of a million tokens) never waits on I/O of its own, so without a pause every other request, health
 * checks included, waits for it to end.
 */

/**
 * `const pause = pauseEvery(10)`, then `await pause()` at each step: once `ms` went by since the last
 * pause, waits for the next turn of the event loop (after pending I/O and timers); otherwise returns at once.
 */
export function pauseEvery(ms: number): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < ms) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    since = performance.now();
  };
}
