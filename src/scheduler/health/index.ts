import type { Db } from '../../../db/client.ts';
import type { Config } from '../../config.ts';
import { backupDir } from '../../domain/backup/files.ts';
import { lastBackup } from '../../domain/backup/journal.ts';
import type { Clock } from '../../domain/clock.ts';
import { defaultJobs } from '../jobs.ts';
import type { SchedulerState } from '../scheduler.ts';
import { assembleReport, type HealthReport } from './report.ts';
import { type BackupRecord, checkBackup, checkScheduler } from './running.ts';
import { checkDatabase, checkDigest, checkMigrations, checkSends } from './store.ts';

export { CHECK_LABELS, type CheckName, type HealthReport, healthResponse } from './report.ts';
export type { BackupRecord } from './running.ts';
export { healthText } from './text.ts';

export interface HealthDeps {
  /** The database file (MIPG_DB), opened afresh at every check. */
  file: string;
  /** The running bot's connection; absent (`mipg salud`), the fresh read-only one is read. */
  db?: Db;
  clock: Clock;
  /** The job schedules (MIPG_DIGEST_CRON, MIPG_REMINDER_CRON). */
  config: Config;
  /**
   * The scheduler of this process: its state, or undefined while it has not been created. Absent outside
   * the bot's process, where the scheduler's state is reported as unknown.
   */
  scheduler?: () => SchedulerState | undefined;
  /** The last backup; by default the backup journal of MIPG_RESPALDO_DIR's. Undefined: none yet. */
  lastBackup?: () => BackupRecord | undefined;
}

/** Checks the database, migrations, scheduler, last digest, sends and last backup. Never throws. */
export function checkHealth(deps: HealthDeps): HealthReport {
  const now = deps.clock.now();
  const { check: database, db, opened } = checkDatabase(deps.file, deps.db);
  try {
    return assembleReport(now, {
      database,
      migrations: checkMigrations(db),
      scheduler: checkScheduler(db, defaultJobs(deps.config), now, deps.scheduler),
      lastDigest: checkDigest(db),
      sends: checkSends(db, now),
      backup: checkBackup(deps.lastBackup ?? (() => lastBackup(backupDir(deps.config)))),
    });
  } finally {
    opened?.$client.close();
  }
}
