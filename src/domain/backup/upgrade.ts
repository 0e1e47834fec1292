import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../../../db/client.ts';
import { migrationsFolder } from '../../../db/files.ts';
import type { Config } from '../../config.ts';
import type { Clock } from '../clock.ts';
import { DomainError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { backupDir } from './files.ts';
import { type BackupRecord, backupFields } from './journal.ts';
import { takeBackup } from './take.ts';

/** The committed migrations' times (drizzle-kit's journal), oldest first. */
function migrationTimes(): number[] {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { when: number }[];
  };
  return journal.entries.map((e) => e.when);
}

/** Where a database file stands against the code's migrations. */
export interface MigrationState {
  /** The file holds the bot's migrations table with at least one applied. */
  existing: boolean;
  /** Migrations the code has and the file has not seen (drizzle applies those newer than the last applied). */
  pending: number;
  /** The file was migrated by a newer version of the bot than this one. */
  newer: boolean;
}

/** Reads a database file's applied migrations without changing it. */
export function migrationState(file: string): MigrationState {
  const none = { existing: false, pending: 0, newer: false };
  if (file === ':memory:' || !existsSync(file) || statSync(file).size === 0) return none;
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    sqlite.pragma('busy_timeout = 5000');
    const table = sqlite
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'")
      .get();
    if (!table) return none;
    const { last } = sqlite.prepare('SELECT max(created_at) AS last FROM __drizzle_migrations').get() as {
      last: number | null;
    };
    if (last === null) return none;
    const times = migrationTimes();
    return {
      existing: true,
      pending: times.filter((t) => t > last).length,
      newer: last > Math.max(...times),
    };
  } finally {
    sqlite.close();
  }
}

/**
 * Before the code's new migrations change an existing database, a backup (trigger «actualización»). Does
 * nothing when nothing is pending. Throws a DomainError when no copy could be made, so that nothing migrates
 * without one.
 */
export async function backupBeforeUpgrade(
  config: Pick<Config, 'MIPG_DB' | 'MIPG_RESPALDO_DIR' | 'MIPG_RESPALDO_CONSERVAR'>,
  clock: Clock,
  log: Logger,
): Promise<BackupRecord | undefined> {
  const state = migrationState(config.MIPG_DB);
  if (!state.existing || state.pending === 0) return undefined;
  const db = openDatabase(config.MIPG_DB);
  try {
    const { record } = await takeBackup({
      source: db.$client,
      dir: backupDir(config),
      keep: config.MIPG_RESPALDO_CONSERVAR,
      clock,
      trigger: 'actualización',
    });
    if (!record.kept) {
      throw new DomainError(
        `La base de datos tiene ${state.pending} migración(es) pendiente(s) y no se pudo respaldar antes de actualizarla: ${record.error}.`,
        'No se cambió nada. Corrija la causa (espacio, permisos, MIPG_RESPALDO_DIR) y vuelva a intentarlo.',
      );
    }
    log.info(
      `Actualización: ${state.pending} migración(es) pendiente(s); respaldo previo en ${record.file}` +
        `${record.ok ? '' : ` (${record.error})`}.`,
      { pending: state.pending, ...backupFields(record) },
    );
    return record;
  } finally {
    db.$client.close();
  }
}
