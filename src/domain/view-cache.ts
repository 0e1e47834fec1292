import type Database from 'better-sqlite3';
import type { Store } from '../../db/client.ts';
import { dataWrites } from '../../db/statement-cache.ts';

/*
 * Computed views (a plan's tasks, the plans of a year, who a chat id is, the active directory), kept per
 * connection until the data changes. The key is the connection's count of writes to the data (`dataWrites`:
 * the bot's own bookkeeping of requests and sends aside) and SQLite's `data_version` (which moves when another
 * connection, such as an import run from the terminal, commits). Nothing is kept or served inside a
 * transaction, whose writes may still roll back.
 */

/**
 * How much a connection keeps, counted in list items (a plan's tasks) or one per single value (a person):
 * the five plans of a 5,000-task vigencia for about ten different dates, before the oldest go.
 */
const BUDGET = 50_000;

interface Entry {
  /** `data_version` and the connection's data writes when the value was computed. */
  others: number;
  writes: number;
  value: unknown;
  weight: number;
}

interface Cache {
  entries: Map<string, Entry>;
  weight: number;
  /** `PRAGMA data_version`, compiled once for the connection. */
  version: Database.Statement;
  /** The version read in the code running now (until its next await), see `versionNow`. */
  read: number | undefined;
}

/**
 * Other connections' commits as of now: read once per stretch of synchronous code (until the next
 * microtask), so one answer's views are checked against one reading, as a read transaction would be.
 * The connection's own writes are counted separately and each time (`dataWrites`).
 */
function versionNow(cache: Cache): number {
  if (cache.read === undefined) {
    cache.read = cache.version.get() as number;
    queueMicrotask(() => {
      cache.read = undefined;
    });
  }
  return cache.read;
}

const caches = new WeakMap<Database.Database, Cache>();

function clientOf(store: Store): Database.Database | undefined {
  const client = (store as { $client?: Database.Database }).$client;
  return client && !client.inTransaction ? client : undefined;
}

/**
 * Under the test runner the kept values are frozen (deeply), so a caller that alters a view it was given,
 * and with it what the next caller gets, fails every test that reaches it. Not in production: V8 reads
 * the properties of frozen objects this wide many times slower, and lists read thousands of them.
 */
const FREEZE = process.env.VITEST === 'true';

/**
 * `compute()`'s value for `key` as the data stands now: computed once per change of the data. Callers
 * share it and must not alter it (see `FREEZE`).
 */
export function cachedView<T>(store: Store, key: string, compute: () => T): T {
  const client = clientOf(store);
  if (!client) return compute();
  let cache = caches.get(client);
  if (!cache) {
    cache = {
      entries: new Map(),
      weight: 0,
      version: client.prepare('PRAGMA data_version').pluck(),
      read: undefined,
    };
    caches.set(client, cache);
  }
  const others = versionNow(cache);
  const writes = dataWrites(client);
  const hit = cache.entries.get(key);
  if (hit) {
    // Most recently used last, so the first entries are the ones to drop.
    cache.entries.delete(key);
    if (hit.others === others && hit.writes === writes) {
      cache.entries.set(key, hit);
      return hit.value as T;
    }
    cache.weight -= hit.weight;
  }
  const value = FREEZE ? deepFreeze(compute()) : compute();
  const weight = Array.isArray(value) ? Math.max(1, value.length) : 1;
  cache.entries.set(key, { others, writes, value, weight });
  cache.weight += weight;
  for (const [oldKey, old] of cache.entries) {
    if (cache.weight <= BUDGET || oldKey === key) break;
    cache.entries.delete(oldKey);
    cache.weight -= old.weight;
  }
  return value;
}

function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  if (value instanceof Map || value instanceof Set) return value;
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const item = record[key];
    if (item !== null && typeof item === 'object') deepFreeze(item);
  }
  return Object.freeze(value);
}
