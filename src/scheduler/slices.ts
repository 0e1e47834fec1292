/** How long a plan may hold the event loop before it lets acks, timers and sends through. */
export const SLICE_MS = 20;

/**
 * Cooperative time slices for long plans (thousands of tasks): `pause()` returns at once while the current
 * stretch of work is short, and otherwise lets the event loop run once (a slash command's ack, a timer)
 * before the work goes on.
 */
export function timeSlicer(budgetMs = SLICE_MS): () => Promise<void> {
  let started = performance.now();
  return async () => {
    if (performance.now() - started < budgetMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    started = performance.now();
  };
}
