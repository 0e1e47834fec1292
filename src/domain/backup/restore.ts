import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { type Db, openMigratedDatabase } from '../../../db/client.ts';
import { type Author, audit } from '../audit/log.ts';
import type { Clock } from '../clock.ts';
import { DomainError } from '../errors.ts';
import { checkDatabaseFile, checkProblem } from './check.ts';
import { bogotaStamp, fileStamp } from './files.ts';
import { liveHolders } from './lock.ts';
import { migrationState } from './upgrade.ts';

export interface RestoreRequest {
  dbFile: string;
  backup: string;
  clock: Clock;
  /** Restore even when the copy's audit chain is broken (every copy made after the break carries it). */
  acceptBrokenChain?: boolean;
  /** Who restores, for the audit log, looked up in the restored database (undefined: the system). */
  author: (db: Db) => Author;
}

export interface RestoreResult {
  /** Where the database that was replaced now lies (undefined when there was none). */
  setAside?: string;
  /** Migrations the restored copy needed to reach this version. */
  migrated: number;
  /** Audit rows in the restored copy, checked. */
  auditRows: number;
  author: Author;
}

const sidecars = ['', '-wal', '-shm'] as const;

function refuseWhileRunning(dbFile: string): void {
  const [holder, ...more] = liveHolders(dbFile);
  if (!holder) return;
  const others = more.length > 0 ? ` (y ${more.length} proceso(s) más)` : '';
  throw new DomainError(
    `No se restaura: el bot está corriendo con esta base de datos (pid ${holder.pid} en ${holder.host}, iniciado el ${bogotaStamp(holder.startedAt)}, hora de Bogotá)${others}.`,
    'Detenga el bot (Ctrl+C, o systemctl stop / docker stop según cómo lo inició) y vuelva a intentarlo.',
    `Si está seguro de que ese proceso ya no existe, borre ${dbFile}.lock.`,
  );
}

/** Refuses (DomainError, nothing changed) a copy that is damaged, not the bot's, or from a newer version. */
function checkCopy(backup: string, acceptBrokenChain: boolean): number {
  const check = checkDatabaseFile(backup);
  const problem = checkProblem(check);
  const chainOnly = check.integrity === 'ok' && check.isBotDatabase;
  if (problem && !(chainOnly && acceptBrokenChain)) {
    throw new DomainError(
      `No se restaura ${backup}: ${problem}. La base de datos actual no se tocó.`,
      ...(chainOnly
        ? [
            'Para restaurarla de todos modos (la bitácora seguirá mostrando la alteración): --aceptar-bitacora-alterada',
          ]
        : ['Elija otro respaldo: npx mipg respaldos']),
    );
  }
  if (migrationState(backup).newer) {
    throw new DomainError(
      `No se restaura ${backup}: lo escribió una versión más nueva del bot. La base de datos actual no se tocó.`,
      'Instale esa versión (o una posterior) antes de restaurarlo.',
    );
  }
  return check.chain?.checked ?? 0;
}

/**
 * Replaces the database with a backup: refuses while a bot holds the file, checks the copy first, sets the
 * current file (and its -wal/-shm) aside as `<db>.antes-de-restaurar-<fecha>`, copies the backup in, runs
 * the migrations and records the restore in the audit log. If anything fails after the current file was set
 * aside, it is put back.
 */
export function restoreBackup(request: RestoreRequest): RestoreResult {
  const dbFile = resolve(request.dbFile);
  const backup = resolve(request.backup);
  if (dbFile === backup) throw new DomainError('El respaldo y la base de datos son el mismo archivo.');
  refuseWhileRunning(dbFile);
  const auditRows = checkCopy(backup, request.acceptBrokenChain ?? false);
  const pending = migrationState(backup).pending;

  const incoming = `${dbFile}.restaurando`;
  copyFileSync(backup, incoming);
  let setAside: string | undefined;
  if (existsSync(dbFile)) {
    setAside = `${dbFile}.antes-de-restaurar-${fileStamp(request.clock.now())}`;
    for (let n = 2; existsSync(setAside); n += 1)
      setAside = `${dbFile}.antes-de-restaurar-${fileStamp(request.clock.now())}-${n}`;
  }
  const moved: string[] = [];
  try {
    for (const suffix of sidecars) {
      if (!setAside || !existsSync(`${dbFile}${suffix}`)) continue;
      renameSync(`${dbFile}${suffix}`, `${setAside}${suffix}`);
      moved.push(suffix);
    }
    renameSync(incoming, dbFile);
    const db = openMigratedDatabase(dbFile);
    try {
      const author = request.author(db);
      db.transaction((tx) =>
        audit(tx, request.clock, author, {
          action: 'respaldo.restaurar',
          entity: 'respaldo',
          entityId: basename(backup),
          after: { file: backup, setAside: setAside ?? null, migrated: pending },
        }),
      );
      return { setAside, migrated: pending, auditRows, author };
    } finally {
      db.$client.close();
    }
  } catch (error) {
    // Put the database back as it was.
    for (const suffix of sidecars) rmSync(`${dbFile}${suffix}`, { force: true });
    for (const suffix of moved) renameSync(`${setAside}${suffix}`, `${dbFile}${suffix}`);
    throw error;
  } finally {
    rmSync(incoming, { force: true });
  }
}
