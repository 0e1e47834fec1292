import type { Config } from '../config.ts';
import { backupDir } from '../domain/backup/files.ts';
import { backupFields } from '../domain/backup/journal.ts';
import { takeBackup } from '../domain/backup/take.ts';
import { addCalendarDays, bogotaDate } from '../domain/clock.ts';
import { plansForDate } from '../domain/tasks/store.ts';
import { backupLogLine } from '../views/backups.ts';
import { buildDigest } from './digest/build.ts';
import { digestReply } from './digest/render.ts';
import { digestSections } from './digest/sections/index.ts';
import { type DeliveryRow, itemsOf } from './ledger.ts';
import { DAILY_REMINDER_KIND } from './reminders/daily.ts';
import { type ReminderProvider, reminderProviders } from './reminders/index.ts';
import type { Delivery, SendDeps } from './send.ts';
import { timeSlicer } from './slices.ts';

/** What a job needs besides sending: the settings. */
export interface JobDeps extends SendDeps {
  config: Config;
}

/** One of a job's scheduled times, and the one before it (what the run covers since). */
export interface JobTime {
  fireAt: Date;
  previous: Date | undefined;
}

/** A scheduled job: at each time of its cron expression (Bogotá), the deliveries it sends. */
export interface Job {
  /** Key in `scheduler_jobs`. */
  name: string;
  /** Spanish name for the log. */
  label: string;
  cron: string;
  /** May take long on a large plan: it gives the event loop back now and then (see slices.ts). */
  plan(deps: JobDeps, time: JobTime): Promise<Delivery[]>;
  /**
   * Times missed while the bot was down: `each` (the default) runs every one less than a week old, late, and
   * records older ones as skipped; `latest` runs only the most recent, once (a backup now stands for all).
   */
  missed?: 'each' | 'latest';
  /** Before a failed send of this job is retried: a reason to drop it, else undefined. */
  stillWanted?(row: DeliveryRow, deps: Pick<JobDeps, 'db' | 'clock'>): string | undefined;
}

export const DIGEST_KIND = 'resumen.semanal';

/**
 * The weekly digest of the time's Bogotá date, to the team channel of every platform; and each plan in force
 * that MIPG_DIGEST_CANALES gives a channel gets the digest of just that plan there, for its leader.
 */
export function digestJob(cron: string): Job {
  return {
    name: 'resumen',
    label: 'resumen semanal',
    cron,
    async plan(deps, { fireAt }) {
      const date = bogotaDate(fireAt);
      const inForce = plansForDate(deps.db, date);
      if (inForce.length === 0) {
        deps.log.warn('No hay un plan cargado: no se publica el resumen semanal.', { job: 'resumen' });
        return [];
      }
      const digest = buildDigest(deps.db, date);
      const deliveries: Delivery[] = [
        { kind: DIGEST_KIND, period: date, to: 'channel', build: (late) => digestReply(digest, late) },
      ];
      for (const [code, channel] of Object.entries(deps.config.MIPG_DIGEST_CANALES)) {
        if (!inForce.some((p) => p.code === code)) {
          deps.log.warn(
            `MIPG_DIGEST_CANALES nombra el plan ${code}, que no está vigente: no se le envía resumen.`,
            { job: 'resumen', plan: code },
          );
          continue;
        }
        const own = buildDigest(deps.db, date, digestSections, { plan: code });
        deliveries.push({
          kind: DIGEST_KIND,
          period: date,
          to: 'channel',
          channel,
          subject: code,
          build: (late) => digestReply(own, late),
        });
      }
      return deliveries;
    },
  };
}

/** The date a run covers reminders since: its previous scheduled time's, at most a week back. */
export function coveredSince(date: string, previous: Date | undefined): string {
  const weekAgo = addCalendarDays(date, -7);
  if (!previous) return weekAgo;
  // `YYYY-MM-DD` dates order as text (Math.max does not apply to them).
  return [weekAgo, bogotaDate(previous)].sort().at(-1) ?? weekAgo;
}

/** Every reminder provider's deliveries for the time's Bogotá date. */
export function reminderJob(cron: string, providers: ReminderProvider[] = reminderProviders): Job {
  const providerOf = (kind: string) => providers.find((p) => p.kinds.includes(kind));
  return {
    name: 'recordatorios',
    label: 'recordatorios',
    cron,
    async plan(deps, { fireAt, previous }) {
      const date = bogotaDate(fireAt);
      const run = {
        db: deps.db,
        clock: deps.clock,
        config: deps.config,
        date,
        since: coveredSince(date, previous),
        pause: timeSlicer(),
      };
      const deliveries: Delivery[] = [];
      for (const provider of providers) {
        await run.pause();
        for (const delivery of await provider.plan(run)) deliveries.push(delivery);
      }
      return deliveries;
    },
    stillWanted(row, deps) {
      if (row.kind !== DAILY_REMINDER_KIND) return providerOf(row.kind)?.stillWanted?.(row, deps);
      // A daily message is still wanted while any of its reminders is.
      const wanted = itemsOf(deps.db, row.id).filter(
        (item) => !providerOf(item.kind)?.stillWanted?.({ ...row, ...item }, deps),
      );
      return wanted.length > 0 ? undefined : 'Ya se atendió todo lo que recordaba.';
    },
  };
}

/**
 * The nightly backup (MIPG_RESPALDO_CRON): an online copy of the bot's own database, checked, named with its
 * Bogotá date in MIPG_RESPALDO_DIR, keeping the newest MIPG_RESPALDO_CONSERVAR. It sends nothing; one log
 * line says how it went, and `npx mipg respaldos` lists it. After an outage only one late backup is taken.
 */
export function backupJob(cron: string): Job {
  return {
    name: 'respaldo',
    label: 'respaldo de la base de datos',
    cron,
    missed: 'latest',
    async plan(deps) {
      const { record, deleted } = await takeBackup({
        source: deps.db.$client,
        dir: backupDir(deps.config),
        keep: deps.config.MIPG_RESPALDO_CONSERVAR,
        clock: deps.clock,
        trigger: 'programado',
      });
      const line = backupLogLine(record, deleted.length);
      const fields = { job: 'respaldo', ...backupFields(record, deleted.length) };
      if (record.ok) deps.log.info(line, fields);
      else deps.log.error(line, fields);
      return [];
    },
  };
}

/**
 * The jobs the bot runs, on the schedules of MIPG_DIGEST_CRON, MIPG_REMINDER_CRON and MIPG_RESPALDO_CRON
 * (an in-memory database has no file to back up).
 */
export function defaultJobs(config: Config): Job[] {
  const jobs = [digestJob(config.MIPG_DIGEST_CRON), reminderJob(config.MIPG_REMINDER_CRON)];
  return config.MIPG_DB === ':memory:' ? jobs : [...jobs, backupJob(config.MIPG_RESPALDO_CRON)];
}
