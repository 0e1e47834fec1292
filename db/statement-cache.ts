import type Database from 'better-sqlite3';

/** The connection's own `prepare`, under the cache (benchmarks count real prepares by wrapping it). */
export const nativePrepare = Symbol('nativePrepare');

type Statement = Database.Statement;
type Client = Database.Database & { [nativePrepare]: (source: string) => Statement };

/** How many compiled statements a connection keeps (least recently used ones go first). */
const CAPACITY = 400;

/**
 * Makes `prepare` on a connection reuse compiled statements: drizzle asks better-sqlite3 to prepare every
 * query anew, and compiling the SQL costs more than running most of the bot's queries. A statement is
 * handed out again only when it is idle (not in the middle of an `iterate`), and in the mode drizzle
 * expects of a fresh one (rows as objects; drizzle switches to arrays with `raw()` when it wants them).
 */
export function cacheStatements(sqlite: Database.Database): void {
  const client = sqlite as Client;
  client[nativePrepare] = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, Statement>();
  client.prepare = ((source: string) => {
    const cached = cache.get(source);
    if (cached && !cached.busy) {
      // Most recently used last, so the first key is the one to drop when full.
      cache.delete(source);
      cache.set(source, cached);
      if (cached.reader) cached.raw(false);
      return cached;
    }
    const statement = client[nativePrepare](source);
    if (!cached) {
      cache.set(source, statement);
      if (cache.size > CAPACITY) {
        const oldest = cache.keys().next().value;
        if (oldest !== undefined) cache.delete(oldest);
      }
    }
    return statement;
  }) as Database.Database['prepare'];
}
