import { existsSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { Config } from '../../config.ts';
import { BOGOTA } from '../clock.ts';

/**
 * Backup files are named by their Bogotá date and time, `mipg-2026-12-01-0200.db` (a second one in the same
 * minute gets `-2`, `-3`…). Rotation touches only names of this shape.
 */
const BACKUP_NAME = /^mipg-(\d{4}-\d{2}-\d{2}-\d{4})(?:-(\d+))?\.db$/;

/** MIPG_RESPALDO_DIR, or `respaldos` next to the database. */
export function backupDir(config: Pick<Config, 'MIPG_DB' | 'MIPG_RESPALDO_DIR'>): string {
  return resolve(config.MIPG_RESPALDO_DIR || join(dirname(config.MIPG_DB), 'respaldos'));
}

/** `2026-12-01-0200`: an instant's Bogotá date and time, as file names carry it. */
export function fileStamp(at: Date): string {
  return format(new TZDate(at.getTime(), BOGOTA), 'yyyy-MM-dd-HHmm');
}

/** `2026-12-01 02:00`: an instant's Bogotá date and time, for messages that name a file's moment. */
export function bogotaStamp(iso: string): string {
  return format(new TZDate(new Date(iso).getTime(), BOGOTA), 'yyyy-MM-dd HH:mm');
}

/** A free name in `dir` for a backup taken at `at`. */
export function newBackupPath(dir: string, at: Date): string {
  const stamp = fileStamp(at);
  for (let n = 1; ; n += 1) {
    const path = join(dir, n === 1 ? `mipg-${stamp}.db` : `mipg-${stamp}-${n}.db`);
    if (!existsSync(path)) return path;
  }
}

export function isBackupName(name: string): boolean {
  return BACKUP_NAME.test(name);
}

/** Orders backup names oldest first: by stamp, then by the `-N` of a second backup in the same minute. */
function byAge(a: string, b: string): number {
  const [, stampA = '', nA = '1'] = BACKUP_NAME.exec(a) ?? [];
  const [, stampB = '', nB = '1'] = BACKUP_NAME.exec(b) ?? [];
  return stampA === stampB ? Number(nA) - Number(nB) : stampA < stampB ? -1 : 1;
}

/** The backup files in `dir`, newest first (nothing else that lives there). */
export function backupFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter(isBackupName)
    .sort(byAge)
    .reverse()
    .map((name) => join(dir, name));
}

/** Deletes the backup files beyond the newest `keep`; returns the deleted paths. Other files stay. */
export function rotateBackups(dir: string, keep: number): string[] {
  const old = backupFiles(dir).slice(keep);
  for (const path of old) rmSync(path, { force: true });
  return old;
}
