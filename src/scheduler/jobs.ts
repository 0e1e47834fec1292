import type { Config } from '../config.ts';
import { addCalendarDays, bogotaDate } from '../domain/clock.ts';
import { plansForDate } from '../domain/tasks/store.ts';
import { buildDigest } from './digest/build.ts';
import { digestReply } from './digest/render.ts';
import { digestSections } from './digest/sections/index.ts';
import { type DeliveryRow, itemsOf } from './ledger.ts';
import { DAILY_REMINDER_KIND } from './reminders/daily.ts';
import { type ReminderProvider, reminderProviders } from './reminders/index.ts';
import type { Delivery, SendDeps } from './send.ts';

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
  plan(deps: JobDeps, time: JobTime): Delivery[];
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
    plan(deps, { fireAt }) {
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
    plan(deps, { fireAt, previous }) {
      const date = bogotaDate(fireAt);
      const run = {
        db: deps.db,
        clock: deps.clock,
        config: deps.config,
        date,
        since: coveredSince(date, previous),
      };
      return providers.flatMap((p) => p.plan(run));
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

/** The jobs the bot runs, on the schedules of MIPG_DIGEST_CRON and MIPG_REMINDER_CRON. */
export function defaultJobs(config: Config): Job[] {
  return [digestJob(config.MIPG_DIGEST_CRON), reminderJob(config.MIPG_REMINDER_CRON)];
}
