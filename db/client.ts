import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { sealLegacyAuditRows } from './audit-chain.ts';
import { migrationsFolder } from './files.ts';
import * as schema from './schema/index.ts';
import { cacheStatements } from './statement-cache.ts';

export type Db = BetterSQLite3Database<typeof schema> & {
  $client: Database.Database;
};

/**
 * Opens (creating if needed) the SQLite file with the pragmas every database gets, tests included:
 * WAL journal, foreign keys on, and a busy timeout so two bot processes can share the file.
 * `:memory:` opens a private in-memory database.
 *
 * Transactions begin IMMEDIATE unless asked otherwise: one begun DEFERRED that reads and then writes
 * while another process (an import) holds the write lock fails at once with SQLITE_BUSY, as SQLite
 * does not wait when upgrading a read to a write; BEGIN IMMEDIATE takes the lock first and waits up
 * to the busy timeout for it.
 */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  cacheStatements(sqlite);
  const db = drizzle(sqlite, { schema }) as Db;
  const transaction = db.transaction.bind(db);
  db.transaction = (run, config) => transaction(run, { behavior: 'immediate', ...config });
  return db;
}

/**
 * Applies the committed drizzle-kit migrations that the database has not seen yet, then seals the
 * audit rows written before the log was chained (SQLite cannot compute SHA-256 in a migration).
 */
export function migrateDatabase(db: Db): void {
  migrate(db, { migrationsFolder });
  sealLegacyAuditRows(db.$client);
}

/** Opens and migrates: what the bot, the CLI and the tests use. */
export function openMigratedDatabase(file: string): Db {
  const db = openDatabase(file);
  migrateDatabase(db);
  return db;
}

export { migrationsFolder, schema };

/** A transaction handed to `db.transaction(...)`'s callback. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Either the database or a transaction on it. */
export type Store = Db | Tx;
