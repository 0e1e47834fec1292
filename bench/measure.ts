import type { Db } from '../db/client.ts';
import { nativePrepare } from '../db/statement-cache.ts';

/** SQL statements a connection compiled and ran (compiled ones are reused: see db/statement-cache.ts). */
export interface StatementCount {
  prepared: number;
  run: number;
}

type Method = (...args: unknown[]) => unknown;
const counters = new Map<unknown, StatementCount>();
let statementsPatched = false;

/** Counts every run of every statement, per connection, by wrapping the statement class's methods once. */
function patchStatements(sample: { constructor: { prototype: Record<string, unknown> } }): void {
  if (statementsPatched) return;
  statementsPatched = true;
  const proto = sample.constructor.prototype;
  for (const name of ['run', 'get', 'all', 'iterate']) {
    const original = proto[name] as Method;
    proto[name] = function (this: { database: unknown }, ...args: unknown[]) {
      const count = counters.get(this.database);
      if (count) count.run += 1;
      return original.apply(this, args);
    };
  }
}

/**
 * Counts the statements of a connection: each SQL text compiled (the native `prepare` under the cache) and
 * each `run`/`get`/`all`/`iterate` and `exec`. Returns a reader that resets on read.
 */
export function countStatements(db: Db): () => StatementCount {
  const client = db.$client as unknown as Record<symbol | string, unknown> & {
    exec: (sql: string) => unknown;
  };
  const count: StatementCount = { prepared: 0, run: 0 };
  counters.set(client, count);
  patchStatements(db.$client.prepare('SELECT 1') as never);
  const prepare = client[nativePrepare] as (sql: string) => unknown;
  const exec = client.exec.bind(client);
  client[nativePrepare] = (sql: string) => {
    count.prepared += 1;
    return prepare(sql);
  };
  client.exec = (sql: string) => {
    count.run += 1;
    return exec(sql);
  };
  return () => {
    const seen = { ...count };
    count.prepared = 0;
    count.run = 0;
    return seen;
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

export interface Timing {
  /** Median wall time with the computed views kept from a previous call (nothing changed since), ms. */
  ms: number;
  /** Median wall time right after a change of the data (every kept view worked out again), ms. */
  coldMs: number;
  runs: number;
  /** Statements of one call right after a change of the data. */
  statements: StatementCount;
}

/**
 * Times `run` right after `invalidate` (a write that changes the data, so kept views are worked out again:
 * "cold") and again with nothing changed ("warm"), the median of up to `maxRuns` of each within `budgetMs`
 * (a single cold call when it alone takes over half the budget); the statements are those of a cold call.
 * A first call warms the code up and is not counted.
 */
export async function timeIt(
  run: () => unknown,
  statements: () => StatementCount,
  invalidate: () => void,
  budgetMs = 1500,
  maxRuns = 7,
): Promise<Timing> {
  const timed = async (before?: () => void) => {
    before?.();
    const at = performance.now();
    await run();
    return performance.now() - at;
  };
  await timed(invalidate);
  statements();
  const first = await timed(invalidate);
  const counted = statements();
  if (first > budgetMs / 2) return { ms: await timed(), coldMs: first, runs: 1, statements: counted };
  const repeat = async (before?: () => void) => {
    const times: number[] = [];
    const started = performance.now();
    while (times.length < maxRuns && (times.length === 0 || performance.now() - started < budgetMs)) {
      times.push(await timed(before));
    }
    return times;
  };
  const cold = [first, ...(await repeat(invalidate))];
  const warm = await repeat();
  statements();
  return { ms: median(warm), coldMs: median(cold), runs: warm.length, statements: counted };
}

/**
 * The longest stretch the event loop was held while `run` went on: a 1 ms timer notes every gap
 * between its ticks. A synchronous `run` holds it for its whole duration.
 */
export async function longestBlock<T>(run: () => T | Promise<T>): Promise<{ result: T; blockMs: number }> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  // Let the timer start before the work begins.
  await new Promise((resolve) => setTimeout(resolve, 5));
  last = performance.now();
  const result = await new Promise<T>((resolve, reject) => {
    setImmediate(() => {
      Promise.resolve().then(run).then(resolve, reject);
    });
  });
  await new Promise((resolve) => setTimeout(resolve, 5));
  clearInterval(timer);
  longest = Math.max(longest, performance.now() - last);
  return { result, blockMs: longest };
}
