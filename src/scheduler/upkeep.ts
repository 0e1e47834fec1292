import { createNotifier } from '../chat/notifier.ts';
import { errorFields } from '../domain/logger.ts';
import { attendanceUpkeep } from './attendance-upkeep.ts';
import type { JobDeps } from './jobs.ts';

/**
 * Work that cannot wait for the daily reminder run and is not a message of the ledger: the scheduler
 * runs each task on start and every few minutes. A feature adds one entry.
 */
export interface UpkeepTask {
  /** Spanish name for the log. */
  label: string;
  run(deps: JobDeps & { notify: ReturnType<typeof createNotifier> }): Promise<void>;
}

export const upkeepTasks: UpkeepTask[] = [
  { label: 'sesiones de asistencia (invitaciones y cierre)', run: attendanceUpkeep },
];

/** How often the upkeep runs (Bogotá time). */
export const UPKEEP_CRON = '*/5 * * * *';

/** Runs every upkeep task; one failing does not stop the others. */
export async function runUpkeep(deps: JobDeps, tasks: UpkeepTask[] = upkeepTasks): Promise<void> {
  const notify = createNotifier(deps.db, deps.clock, deps.messengers, deps.log);
  for (const task of tasks) {
    if (deps.stopping?.()) return;
    try {
      await task.run({ ...deps, notify });
    } catch (error) {
      deps.log.error(
        `Error en ${task.label}: ${error instanceof Error ? error.message : String(error)}`,
        errorFields(error, { stack: true }),
      );
    }
  }
}
