import type Database from 'better-sqlite3';

/** The connection's own `prepare`, under the cache (benchmarks count real prepares by wrapping it). */
export const nativePrepare = Symbol('nativePrepare');
const writes = Symbol('writes');

type Statement = Database.Statement;
type Client = Database.Database & {
  [nativePrepare]: (source: string) => Statement;
  [writes]: number;
};

/** How many compiled statements a connection keeps (least recently used ones go first). */
const CAPACITY = 400;

/**
 * Tables that keep the bot's own bookkeeping (requests being answered, the send ledger, the scheduler's
 * clock, Teams conversation references): written on every request or send, and never part of what a
 * person's question reads. Writes to them do not count as changes of the data (see `dataWrites`).
 */
const BOOKKEEPING = [
  'slack_inbox',
  'slack_requests',
  'deliveries',
  'delivery_items',
  'sent_messages',
  'scheduler_jobs',
  'teams_conversations',
];
const BOOKKEEPING_WRITE = new RegExp(
  `^\\s*(?:insert\\s+(?:or\\s+\\w+\\s+)?into|update|delete\\s+from)\\s+"(?:${BOOKKEEPING.join('|')})"`,
  'i',
);
/** Statements that change no rows by themselves: transaction control. */
const NO_CHANGE = /^\s*(?:begin|commit|end|rollback|savepoint|release)\b/i;

/** Whether running the statement may change data other than bookkeeping: anything not known safe counts. */
function changesData(statement: Statement): boolean {
  return !statement.reader && !BOOKKEEPING_WRITE.test(statement.source) && !NO_CHANGE.test(statement.source);
}

/**
 * Makes `prepare` on a connection reuse compiled statements: drizzle asks better-sqlite3 to prepare every
 * query anew, and compiling the SQL costs more than running most of the bot's queries. A statement is
 * handed out again only when it is idle (not in the middle of an `iterate`), and in the mode drizzle
 * expects of a fresh one (rows as objects; drizzle switches to arrays with `raw()` when it wants them).
 * It also counts the connection's writes to the data (see `dataWrites`).
 */
export function cacheStatements(sqlite: Database.Database): void {
  const client = sqlite as Client;
  client[nativePrepare] = sqlite.prepare.bind(sqlite);
  client[writes] = 0;
  const cache = new Map<string, Statement>();
  const compile = (source: string): Statement => {
    const statement = client[nativePrepare](source);
    if (changesData(statement)) {
      // Its own `run`, over the class's (which benchmarks may wrap to count runs).
      statement.run = (...params: unknown[]) => {
        client[writes] += 1;
        return Object.getPrototypeOf(statement).run.apply(statement, params);
      };
    }
    return statement;
  };
  client.prepare = ((source: string) => {
    const cached = cache.get(source);
    if (cached && !cached.busy) {
      // Most recently used last, so the first key is the one to drop when full.
      cache.delete(source);
      cache.set(source, cached);
      if (cached.reader) cached.raw(false);
      return cached;
    }
    const statement = compile(source);
    if (!cached) {
      cache.set(source, statement);
      if (cache.size > CAPACITY) {
        const oldest = cache.keys().next().value;
        if (oldest !== undefined) cache.delete(oldest);
      }
    }
    return statement;
  }) as Database.Database['prepare'];
  const exec = sqlite.exec.bind(sqlite);
  sqlite.exec = (source: string) => {
    client[writes] += 1;
    return exec(source);
  };
}

/**
 * How many statements that may change the data (bookkeeping aside) this connection has run: with SQLite's
 * `data_version`, which moves when another connection commits, it tells whether anything a person reads
 * may have changed since a view was computed. A write later rolled back still counts (a needless refresh).
 */
export function dataWrites(sqlite: Database.Database): number {
  return (sqlite as Client)[writes] ?? 0;
}
