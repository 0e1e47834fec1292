import type Database from 'better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrationsFolder } from './files.ts';

/** Where a database stands against the migrations shipped with this code (db/migrations). */
export interface MigrationStatus {
  /** Migrations recorded in the database. */
  applied: number;
  /** Migrations in the journal shipped with the code. */
  shipped: number;
  /** Shipped migrations the database has not run yet (what the next start would apply). */
  pending: number;
  /** Migrations the database records that this code does not know (a newer version wrote it). */
  unknown: number;
}

const MIGRATIONS_TABLE = '__drizzle_migrations';

/**
 * Compares the migrations the database records with the shipped journal, as drizzle's migrator decides:
 * a shipped migration is pending when it is newer than the newest one the database ran. Only reads.
 */
export function migrationStatus(sqlite: Database.Database, folder = migrationsFolder): MigrationStatus {
  const shipped = readMigrationFiles({ migrationsFolder: folder }).map((m) => m.folderMillis);
  const table = sqlite
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")
    .get(MIGRATIONS_TABLE);
  const applied = table
    ? (
        sqlite.prepare(`SELECT created_at AS at FROM "${MIGRATIONS_TABLE}"`).all() as {
          at: number | string;
        }[]
      ).map((row) => Number(row.at))
    : [];
  const newest = applied.length > 0 ? Math.max(...applied) : Number.NEGATIVE_INFINITY;
  const known = new Set(shipped);
  return {
    applied: applied.length,
    shipped: shipped.length,
    pending: shipped.filter((at) => at > newest).length,
    unknown: applied.filter((at) => !known.has(at)).length,
  };
}
