import { existsSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { type Db, schema } from '../../../db/client.ts';
import { type ChainReport, verifyAuditChain } from '../audit/verify.ts';

/** What checking a database file found: SQLite's own integrity check, and the audit chain where it exists. */
export interface FileCheck {
  /** `ok`, or SQLite's first complaint (or why the file could not be read at all). */
  integrity: string;
  /** Absent when the file has no sealed audit log (before migration 0011, or not the bot's database). */
  chain?: ChainReport;
  /** Whether the file holds the bot's migrations table (it is a database of this bot). */
  isBotDatabase: boolean;
}

function hasTable(sqlite: Database.Database, name: string): boolean {
  return Boolean(sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name));
}

function hasColumn(sqlite: Database.Database, table: string, column: string): boolean {
  return (sqlite.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).some(
    (c) => c.name === column,
  );
}

/** Opens `file` read-only and checks it; never changes it. */
export function checkDatabaseFile(file: string): FileCheck {
  if (!existsSync(file) || !statSync(file).isFile()) {
    return { integrity: 'el archivo no existe', isBotDatabase: false };
  }
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true });
    const rows = sqlite.pragma('integrity_check') as { integrity_check: string }[];
    const integrity = rows.map((r) => r.integrity_check).join('; ');
    if (integrity !== 'ok') return { integrity, isBotDatabase: false };
    const isBotDatabase = hasTable(sqlite, '__drizzle_migrations');
    const sealed = hasTable(sqlite, 'audit_log') && hasColumn(sqlite, 'audit_log', 'hash');
    const chain = sealed ? verifyAuditChain(drizzle(sqlite, { schema }) as Db) : undefined;
    return { integrity, chain, isBotDatabase };
  } catch (error) {
    const code = (error as { code?: string }).code;
    const integrity =
      code === 'SQLITE_NOTADB'
        ? 'no es una base de datos SQLite (o está dañado desde el comienzo)'
        : code === 'SQLITE_CORRUPT'
          ? 'la base de datos está dañada'
          : error instanceof Error
            ? error.message
            : String(error);
    return { integrity, isBotDatabase: false };
  } finally {
    sqlite?.close();
  }
}

/** Why a checked file cannot be trusted as a copy of the bot's data (Spanish), or undefined when it can. */
export function checkProblem(check: FileCheck): string | undefined {
  if (check.integrity !== 'ok') return `la verificación de integridad falló: ${check.integrity}`;
  if (!check.isBotDatabase) return 'no es una base de datos del bot (no tiene su tabla de migraciones)';
  const problems = check.chain?.problems ?? [];
  if (problems.length > 0) {
    const first = problems[0];
    const where = first && 'id' in first ? `, el primero en el registro ${first.id}` : '';
    return (
      `la bitácora de auditoría está alterada (${problems.length} problema(s)${where}); ` +
      'vea el detalle con npx mipg bitacora verificar'
    );
  }
  return undefined;
}
