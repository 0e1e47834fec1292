import type Database from 'better-sqlite3';
import type { Store } from '../../../db/client.ts';
import { dataWrites } from '../../../db/statement-cache.ts';

/**
 * Computed task views, kept per connection until the data changes. The key is the connection's count of
 * writes to the data (`dataWrites`: the bot's own bookkeeping of requests and sends aside) and SQLite's
 * `data_version` (which moves when another connection, such as an import run from the terminal, commits).
 * Nothing is kept or served inside a transaction, whose writes may still roll back.
 */
const KEPT_PER_CONNECTION = 24;

interface Entry {
  version: string;
  value: unknown;
}

const caches = new WeakMap<Database.Database, Map<string, Entry>>();

function clientOf(store: Store): Database.Database | undefined {
  const client = (store as { $client?: Database.Database }).$client;
  return client && !client.inTransaction ? client : undefined;
}

function dataVersion(client: Database.Database): string {
  const others = (client.prepare('SELECT data_version AS v FROM pragma_data_version').get() as { v: number })
    .v;
  return `${others}:${dataWrites(client)}`;
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
    cache = new Map();
    caches.set(client, cache);
  }
  const version = dataVersion(client);
  const hit = cache.get(key);
  if (hit && hit.version === version) {
    cache.delete(key);
    cache.set(key, hit);
    return hit.value as T;
  }
  const value = FREEZE ? deepFreeze(compute()) : compute();
  cache.delete(key);
  cache.set(key, { version, value });
  if (cache.size > KEPT_PER_CONNECTION) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
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
