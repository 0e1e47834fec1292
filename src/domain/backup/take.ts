import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import type { Clock } from '../clock.ts';
import { DomainError } from '../errors.ts';
import { checkDatabaseFile, checkProblem } from './check.ts';
import { newBackupPath, rotateBackups } from './files.ts';
import { appendRecord, type BackupRecord, type BackupTrigger } from './journal.ts';

/** Pages copied per step: the bot keeps answering between steps. */
const PAGES_PER_STEP = 1000;
/**
 * A write by another connection restarts SQLite's backup; after this many steps the rest is copied in one
 * step (one read transaction, which in WAL mode does not stop writers), so a busy database still finishes.
 */
const STEPS_BEFORE_ONE_GO = 50;

export interface BackupRequest {
  /** The open database to copy (the bot's own connection, or one the CLI opened). */
  source: Database.Database;
  /** MIPG_RESPALDO_DIR: where named backups and the journal go. */
  dir: string;
  /** How many named backups to keep (MIPG_RESPALDO_CONSERVAR). */
  keep: number;
  clock: Clock;
  trigger: BackupTrigger;
  /** `--salida`: this file instead of a dated name in `dir` (not rotated). Must not exist. */
  output?: string;
}

/** The result: the journal's record, and the named backups rotation deleted. */
export interface BackupResult {
  record: BackupRecord;
  deleted: string[];
}

const sidecars = (file: string) => [file, `${file}-wal`, `${file}-shm`, `${file}-journal`];

/** Removes a temporary copy and its side files; what cannot be removed is left (the next run names anew). */
function removeQuietly(file: string): void {
  for (const path of sidecars(file)) {
    try {
      rmSync(path, { force: true });
    } catch {}
  }
}

/** A Spanish reason for the errors a backup meets in practice; others keep their own message. */
function reasonOf(error: unknown, dir: string): string {
  const code = (error as { code?: string }).code;
  if (code === 'ENOSPC' || code === 'SQLITE_FULL') return `no hay espacio en el disco de ${dir}`;
  if (code === 'EACCES' || code === 'EPERM' || code === 'SQLITE_READONLY')
    return `no se puede escribir en ${dir} (permisos)`;
  if (code === 'SQLITE_CANTOPEN') return `no se pudo crear el archivo de la copia en ${dir}`;
  if (code === 'ENOTDIR' || code === 'EEXIST') return `${dir} no es una carpeta`;
  return error instanceof DomainError
    ? error.message
    : `error inesperado: ${error instanceof Error ? error.message : String(error)}`;
}

/** Copies with SQLite's online backup: a consistent snapshot while the bot keeps writing. */
async function copyOnline(source: Database.Database, to: string): Promise<void> {
  let steps = 0;
  await source.backup(to, {
    progress: ({ totalPages }) => {
      steps += 1;
      return steps >= STEPS_BEFORE_ONE_GO ? totalPages : PAGES_PER_STEP;
    },
  });
  // One self-contained file, whatever the source's journal mode: nothing beside it to forget when copied.
  const copy = new Database(to, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

/**
 * Takes a backup and records the attempt in the journal; never throws for a failed backup (the record says
 * why). The copy is written under a temporary name, checked (SQLite's integrity check, and the audit chain),
 * and only then given its name, so a name of the backup pattern is always a whole copy. A copy that fails
 * the integrity check is removed; one whose audit chain is broken is kept (it is still the data; the chain
 * was broken in the database itself) but recorded as failed. After a kept copy in `dir`, rotation leaves the
 * newest `keep`.
 */
export async function takeBackup(request: BackupRequest): Promise<BackupResult> {
  const { source, clock, trigger } = request;
  const dir = resolve(request.dir);
  const started = performance.now();
  const at = clock.now();
  const file = request.output ? resolve(request.output) : newBackupPath(dir, at);
  const partial = join(dirname(file), `.${basename(file)}.parcial`);
  const record: BackupRecord = { at: at.toISOString(), ok: false, file, trigger, kept: false, durationMs: 0 };
  let deleted: string[] = [];
  try {
    if (existsSync(file)) throw new DomainError(`ya existe el archivo ${file}; no se sobrescribe`);
    mkdirSync(dirname(file), { recursive: true });
    removeQuietly(partial);
    await copyOnline(source, partial);
    const check = checkDatabaseFile(partial);
    record.auditRows = check.chain?.checked;
    const problem = checkProblem(check);
    if (check.integrity !== 'ok') throw new DomainError(`la copia está dañada: ${check.integrity}`);
    renameSync(partial, file);
    record.kept = true;
    record.bytes = statSync(file).size;
    if (problem) record.error = `la copia se guardó, pero ${problem}`;
    else record.ok = true;
    if (!request.output) deleted = rotateBackups(dir, request.keep);
  } catch (error) {
    record.error = reasonOf(error, dirname(file));
  } finally {
    removeQuietly(partial);
  }
  record.durationMs = Math.round(performance.now() - started);
  try {
    appendRecord(dir, record);
  } catch (error) {
    // Said once when the journal fails for the reason the copy did (the folder itself).
    const why = reasonOf(error, dir);
    const note = `no se pudo anotar en ${dir}: ${why}`;
    if (record.error !== why) record.error = record.error ? `${record.error}; además, ${note}` : note;
  }
  return { record, deleted };
}
