import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LogFields } from '../logger.ts';

export { backupDir } from './files.ts';

/** What started a backup: the nightly job, a person (`npx mipg respaldo`), or an upgrade about to migrate. */
export type BackupTrigger = 'programado' | 'manual' | 'actualización';

/** One backup attempt, as the journal keeps it. */
export interface BackupRecord {
  /** When the attempt started (ISO, UTC). */
  at: string;
  /** A copy exists and passed both checks (SQLite's integrity check and the audit chain). */
  ok: boolean;
  /** The copy's path (or the path it was going to have). */
  file: string;
  trigger: BackupTrigger;
  /** Whether the copy is on disk: a copy whose audit chain is broken is kept (it is still the data). */
  kept: boolean;
  bytes?: number;
  durationMs: number;
  /** Audit log rows checked in the copy. */
  auditRows?: number;
  /** Spanish: why it failed. */
  error?: string;
}

/** What the log line of a backup attempt carries (`deleted`: old copies removed by the rotation). */
export function backupFields(record: BackupRecord, deleted = 0): LogFields {
  return {
    trigger: record.trigger,
    file: record.file,
    outcome: record.ok ? 'ok' : 'failed',
    kept: record.kept,
    bytes: record.bytes,
    durationMs: record.durationMs,
    deleted,
    ...(record.error ? { error: record.error } : {}),
  };
}

/** The journal of attempts: one JSON line each, appended, in the backup folder. */
export const JOURNAL_NAME = 'respaldos.jsonl';

export function appendRecord(dir: string, record: BackupRecord): void {
  mkdirSync(dir, { recursive: true });
  appendFileSync(join(dir, JOURNAL_NAME), `${JSON.stringify(record)}\n`);
}

function isRecord(value: unknown): value is BackupRecord {
  const r = value as Partial<BackupRecord> | null;
  return typeof r === 'object' && r !== null && typeof r.at === 'string' && typeof r.ok === 'boolean';
}

/** The last `n` attempts recorded in `dir`, newest first (lines that do not parse are passed over). */
export function backupHistory(dir: string, n = Number.POSITIVE_INFINITY): BackupRecord[] {
  const path = join(dir, JOURNAL_NAME);
  if (!existsSync(path)) return [];
  const records: BackupRecord[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      const value: unknown = JSON.parse(line);
      if (isRecord(value)) records.push(value);
    } catch {
      // A line cut short by a crash mid-write: the others still count.
    }
  }
  return records.reverse().slice(0, n);
}

/** The latest backup attempt in `dir` (ok or not), or undefined when none was ever recorded. */
export function lastBackup(dir: string): BackupRecord | undefined {
  return backupHistory(dir, 1)[0];
}
