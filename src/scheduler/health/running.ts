import { basename } from 'node:path';
import type { Db } from '../../../db/client.ts';
import { schedulerJobs } from '../../../db/schema/index.ts';
import { bogotaDateTime } from '../../views/dates.ts';
import { previousFire } from '../fires.ts';
import type { Job } from '../jobs.ts';
import type { SchedulerState } from '../scheduler.ts';
import type { BackupCheck, JobCheck, SchedulerCheck } from './report.ts';
import { reading } from './store.ts';

const MINUTE_MS = 60_000;
/** Its crons fire every minute (retries): this long without one, it has stalled. */
const STALLED_AFTER_MS = 5 * MINUTE_MS;
/** A job's run may take a while (many reminders); after this, a time without a run is overdue. */
const OVERDUE_AFTER_MS = 30 * MINUTE_MS;

/** The last backup, as the backup journal tells it (src/domain/backup). */
export interface BackupRecord {
  at: string;
  ok: boolean;
  file: string | null;
  error?: string;
}

/** The jobs' last runs (the database's record) against the times their cron expressions gave. */
export function jobChecks(db: Db, jobs: Pick<Job, 'name' | 'cron'>[], now: Date): JobCheck[] {
  const runs = new Map(
    db
      .select()
      .from(schedulerJobs)
      .all()
      .map((row) => [row.name, row.lastRunAt]),
  );
  return jobs.map((job) => {
    const lastRunAt = runs.get(job.name) ?? null;
    const due = previousFire(job.cron, now, 8);
    const overdue =
      lastRunAt !== null &&
      due !== undefined &&
      now.getTime() - due.getTime() > OVERDUE_AFTER_MS &&
      new Date(lastRunAt).getTime() < due.getTime();
    return { name: job.name, lastRunAt, dueAt: due?.toISOString() ?? null, overdue };
  });
}

function overdueText(jobs: Pick<Job, 'name' | 'label'>[], checks: JobCheck[]): string | undefined {
  const late = checks.filter((c) => c.overdue);
  if (late.length === 0) return undefined;
  const list = late
    .map((c) => {
      const label = jobs.find((j) => j.name === c.name)?.label ?? c.name;
      return `${label} (debía correr el ${bogotaDateTime(c.dueAt ?? '')})`;
    })
    .join(', ');
  return `No ha corrido: ${list}.`;
}

/** In the bot's process: is the scheduler running, with its crons, and firing? */
function liveState(state: SchedulerState | undefined, now: Date): Omit<SchedulerCheck, 'jobs'> {
  const base = {
    startedAt: state?.startedAt ?? null,
    lastTickAt: state?.lastTickAt ?? null,
    crons: state && state.crons.total > 0 ? state.crons : null,
  };
  if (!state?.startedAt) {
    return {
      ...base,
      state: 'starting',
      ok: false,
      detail: 'Arrancando: pone al día lo que faltó mientras el bot estaba detenido.',
    };
  }
  if (state.stopped) return { ...base, state: 'stopped', ok: false, detail: 'Detenido.' };
  if (state.crons.active < state.crons.total) {
    return {
      ...base,
      state: 'stopped',
      ok: false,
      detail: `Solo ${state.crons.active} de sus ${state.crons.total} tareas programadas siguen activas.`,
    };
  }
  const tick = state.lastTickAt ? new Date(state.lastTickAt) : undefined;
  if (!tick || now.getTime() - tick.getTime() > STALLED_AFTER_MS) {
    return {
      ...base,
      state: 'stalled',
      ok: false,
      detail: `No da señales desde el ${bogotaDateTime(state.lastTickAt ?? state.startedAt)} (debería cada minuto).`,
    };
  }
  return {
    ...base,
    state: 'running',
    ok: true,
    detail: `Activo desde el ${bogotaDateTime(state.startedAt)}; ${state.crons.active} tareas programadas.`,
  };
}

/**
 * The scheduler. In the bot's process `state` tells how it is doing; elsewhere (`mipg salud`) it is absent and
 * only the database's records of the jobs' runs are seen: a job that should have run a while ago and did not
 * is a problem either way (the bot is stopped, or its scheduler failed).
 */
export function checkScheduler(
  db: Db | undefined,
  jobs: Pick<Job, 'name' | 'label' | 'cron'>[],
  now: Date,
  state: (() => SchedulerState | undefined) | undefined,
): SchedulerCheck {
  const live = state
    ? liveState(state(), now)
    : {
        state: 'unknown' as const,
        startedAt: null,
        lastTickAt: null,
        crons: null,
        ok: null,
        detail: 'Desde fuera del bot no se sabe si su programador está corriendo (vea /salud en el bot).',
      };
  return reading<SchedulerCheck>(db, { ...live, jobs: [] }, 'las corridas del programador', (open) => {
    const checks = jobChecks(open, jobs, now);
    const late = overdueText(jobs, checks);
    if (late) return { ...live, jobs: checks, ok: false, detail: `${live.detail} ${late}` };
    if (!state && checks.every((c) => c.lastRunAt === null)) {
      return { ...live, jobs: checks, detail: 'El bot no ha iniciado nunca con esta base de datos.' };
    }
    if (!state) {
      const last = checks
        .map((c) => c.lastRunAt)
        .filter((at): at is string => at !== null)
        .sort()
        .at(-1);
      return {
        ...live,
        jobs: checks,
        detail: `${live.detail} Sus tareas corrieron a tiempo; la última vez, el ${bogotaDateTime(last ?? '')}.`,
      };
    }
    return { ...live, jobs: checks };
  });
}

/** The last backup. None yet is not a problem; a last one that failed is. */
export function checkBackup(lastBackup: (() => BackupRecord | undefined) | undefined): BackupCheck {
  let record: BackupRecord | undefined;
  try {
    record = lastBackup?.();
  } catch {
    return {
      at: null,
      succeeded: null,
      file: null,
      ok: false,
      detail: 'No se pudo leer el registro de respaldos (MIPG_RESPALDO_DIR).',
    };
  }
  if (!record) return { at: null, succeeded: null, file: null, ok: true, detail: 'Sin respaldos todavía.' };
  const file = record.file ? basename(record.file) : null;
  if (!record.ok) {
    return {
      at: record.at,
      succeeded: false,
      file,
      ok: false,
      detail: `El último respaldo, del ${bogotaDateTime(record.at)}, falló: «npx mipg respaldo» muestra por qué.`,
    };
  }
  return {
    at: record.at,
    succeeded: true,
    file,
    ok: true,
    detail: `${bogotaDateTime(record.at)}${file ? ` (${file})` : ''}.`,
  };
}
