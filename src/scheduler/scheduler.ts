import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { eq, sql } from 'drizzle-orm';
import { type ScheduledTask, schedule } from 'node-cron';
import { schedulerJobs } from '../../db/schema/index.ts';
import { BOGOTA, bogotaDate } from '../domain/clock.ts';
import { errorFields } from '../domain/logger.ts';
import { bogotaDateTime } from '../views/dates.ts';
import { fireTimes, previousFire } from './fires.ts';
import { defaultJobs, type Job, type JobDeps } from './jobs.ts';
import { recordSkipped, releaseClaims } from './ledger.ts';
import { retryDue, type SendOutcome } from './send.ts';
import { sendAll } from './send-all.ts';
import { runUpkeep, UPKEEP_CRON } from './upkeep.ts';

const DAY_MS = 86_400_000;
/** Times missed by less than this are sent late; older ones are recorded as skipped. */
const LATE_LIMIT_MS = 7 * DAY_MS;
/** How far back a long outage is looked at, at all. */
const LOOKBACK_MS = 60 * DAY_MS;

/** The retries of failed sends run every minute: the scheduler's heartbeat. */
export const RETRY_CRON = '* * * * *';

/** How the scheduler of this process is doing (see `Scheduler.state`). */
export interface SchedulerState {
  /** When `start` finished; undefined while it catches up. */
  startedAt: string | undefined;
  stopped: boolean;
  /** Its cron tasks still scheduled, of all it made. */
  crons: { active: number; total: number };
  /** The last time one of its crons fired (or when it started). */
  lastTickAt: string | undefined;
}

/** A name for this process in the ledger, so two schedulers on one database can be told apart. */
export function instanceName(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

function count(outcomes: SendOutcome[], outcome: SendOutcome): number {
  return outcomes.filter((o) => o === outcome).length;
}

/**
 * Runs the digest, reminder and backup jobs on their cron schedules in America/Bogota, sends through the
 * ledger (each message once), catches up on start with what was missed while the bot was down and
 * retries failed sends with backoff every minute.
 */
export class Scheduler {
  readonly deps: JobDeps;
  private tasks: ScheduledTask[] = [];
  private startedAt: Date | undefined;
  private lastTickAt: Date | undefined;
  private stopping = false;
  /** Work under way (a run, the upkeep, the retries): what `stop` waits for. */
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    deps: JobDeps,
    readonly jobs: Job[] = defaultJobs(deps.config),
  ) {
    // From `stop` on, no further send is claimed; the one under way finishes.
    this.deps = { ...deps, stopping: () => this.stopping || (deps.stopping?.() ?? false) };
  }

  /** Catches up, retries what is due, then schedules every job, the upkeep (see upkeep.ts) and the retries. */
  async start(): Promise<void> {
    this.stopping = false;
    await this.track(() => this.catchUp());
    if (this.stopping) return;
    for (const job of this.jobs) {
      this.cron(job.cron, `mipg-${job.name}`, () =>
        this.track(() => this.run(job, this.deps.clock.now(), false)),
      );
    }
    await this.track(() => runUpkeep(this.deps));
    // Sends a stopped run gave back (see abandon) go out now, not at the first retry minute.
    await this.track(() => this.retry());
    this.cron(UPKEEP_CRON, 'mipg-mantenimiento', () => this.track(() => runUpkeep(this.deps)));
    this.cron(RETRY_CRON, 'mipg-reintentos', () => this.track(() => this.retry()));
    this.startedAt = this.deps.clock.now();
    this.lastTickAt = this.startedAt;
  }

  /** Runs `work` unless stopping, and keeps it among the work `stop` waits for. */
  private async track(work: () => Promise<unknown>): Promise<void> {
    if (this.stopping) return;
    const running = work();
    this.inFlight.add(running);
    try {
      await running;
    } finally {
      this.inFlight.delete(running);
    }
  }

  /**
   * Stops taking work: no job, upkeep or retry starts again and no further send is claimed. Resolves
   * when the work under way is done (a send in progress finishes and is marked in the ledger).
   */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const task of this.tasks.splice(0)) await task.destroy();
    if (this.inFlight.size > 0) {
      this.deps.log.info('Programador: se espera a que terminen los envíos en curso.', {
        inFlight: this.inFlight.size,
      });
    }
    await Promise.allSettled([...this.inFlight]);
  }

  /**
   * When `stop` could not wait for a send to finish: its ledger row (claimed by this process, still
   * pending) is given back as failed and due now, so the next start's retries send it.
   */
  abandon(): number {
    const released = releaseClaims(
      this.deps.db,
      this.deps.clock,
      this.deps.instance,
      'Interrumpido al detener el bot antes de saber si salió; se reintenta al iniciar.',
    );
    for (const row of released) {
      this.deps.log.warn(`Envío interrumpido: ${row.kind} ${row.period} → ${row.recipient}; se reintenta.`, {
        deliveryId: row.id,
        kind: row.kind,
        period: row.period,
        recipient: row.recipient,
        platform: row.platform,
        outcome: 'released',
      });
    }
    return released.length;
  }

  /**
   * Whether it runs, for the health check: when it started, whether it was stopped, how many of its
   * crons are scheduled, and when one last fired (the retries fire every minute).
   */
  state(): SchedulerState {
    const active = this.tasks.filter((task) => ['idle', 'running'].includes(task.getStatus())).length;
    return {
      startedAt: this.startedAt?.toISOString(),
      stopped: this.stopping,
      crons: { active, total: this.tasks.length },
      lastTickAt: this.lastTickAt?.toISOString(),
    };
  }

  /** Schedules work on a cron expression in Bogotá; each firing counts as a sign of life. */
  private cron(expression: string, name: string, work: () => Promise<unknown>): void {
    this.tasks.push(
      schedule(
        expression,
        () => {
          this.lastTickAt = this.deps.clock.now();
          return work();
        },
        { timezone: BOGOTA, name, noOverlap: true },
      ),
    );
  }

  /** Runs a job for one of its times; `late` when that time passed while the bot was down. */
  async run(job: Job, fireAt: Date, late: boolean): Promise<SendOutcome[]> {
    try {
      const deliveries = await job.plan(this.deps, { fireAt, previous: previousFire(job.cron, fireAt, 8) });
      const outcomes = await sendAll(this.deps, deliveries, { dueAt: fireAt, late });
      this.report(job, fireAt, late, outcomes);
      if (this.stopping) {
        // Not marked as run: the next start runs this time again, and the ledger skips what went out.
        this.deps.log.info(`${job.label}: interrumpido al detener el bot; lo que faltó sale al iniciar.`, {
          job: job.name,
          dueAt: fireAt.toISOString(),
        });
        return outcomes;
      }
      this.touch(job, fireAt);
      return outcomes;
    } catch (error) {
      this.deps.log.error(
        `Error al ejecutar ${job.label}: ${error instanceof Error ? error.message : String(error)}`,
        { job: job.name, ...errorFields(error, { stack: true }) },
      );
      return [];
    }
  }

  private report(job: Job, fireAt: Date, late: boolean, outcomes: SendOutcome[]): void {
    const sent = count(outcomes, 'sent');
    const failed = count(outcomes, 'failed');
    if (sent + failed === 0) return;
    const when = late ? ` con retraso (debía salir el ${bogotaDateTime(fireAt.toISOString())})` : '';
    this.deps.log.info(`${job.label}: ${sent} enviado(s), ${failed} fallido(s)${when}.`, {
      job: job.name,
      dueAt: fireAt.toISOString(),
      late,
      sent,
      failed,
    });
  }

  /**
   * On start: each job's times between its last run and now were missed. Those less than a week
   * old run now, late; older ones are recorded as skipped. A first start ever has nothing to catch up.
   */
  async catchUp(): Promise<void> {
    const now = this.deps.clock.now();
    for (const job of this.jobs) {
      const last = this.lastRun(job);
      if (last) {
        const from = new Date(Math.max(last.getTime(), now.getTime() - LOOKBACK_MS));
        const missed = fireTimes(job.cron, from, now);
        const latest = missed.at(-1);
        if (job.missed === 'latest') {
          if (latest) await this.run(job, latest, true);
        } else {
          for (const at of missed) {
            if (this.stopping) return;
            if (now.getTime() - at.getTime() > LATE_LIMIT_MS) await this.skip(job, at);
            else await this.run(job, at, true);
          }
        }
      }
      if (this.stopping) return;
      this.touch(job, now);
    }
  }

  /** Records a missed time's deliveries as skipped (too old to be useful) and logs it. */
  private async skip(job: Job, fireAt: Date): Promise<void> {
    const deliveries = await job.plan(this.deps, { fireAt, previous: previousFire(job.cron, fireAt, 8) });
    for (const delivery of deliveries) {
      const person = delivery.to === 'channel' ? undefined : delivery.to;
      recordSkipped(this.deps.db, this.deps.clock, {
        kind: delivery.kind,
        period: delivery.period,
        recipient: person ? `persona:${person.id}` : 'canal',
        platform: null,
        personId: person?.id ?? null,
        subject: delivery.subject ?? delivery.about?.subject ?? null,
        dueAt: fireAt.toISOString(),
        claimedBy: this.deps.instance,
        payload: { reply: delivery.build(undefined) },
        reason: 'Debía salir hace más de una semana, mientras el bot no funcionaba: no se envía.',
      });
    }
    this.deps.log.info(
      `Omitido: ${job.label} del ${bogotaDate(fireAt)} (${deliveries.length} envío(s)); debía salir hace más de una semana.`,
      { job: job.name, dueAt: fireAt.toISOString(), skipped: deliveries.length, reason: 'too_old' },
    );
  }

  /** Retries failed sends whose backoff has passed. */
  async retry(): Promise<number> {
    try {
      return await retryDue(this.deps, (row) => {
        for (const job of this.jobs) {
          const reason = job.stillWanted?.(row, this.deps);
          if (reason) return reason;
        }
        return undefined;
      });
    } catch (error) {
      this.deps.log.error(
        `Error al reintentar envíos: ${error instanceof Error ? error.message : String(error)}`,
        errorFields(error, { stack: true }),
      );
      return 0;
    }
  }

  private lastRun(job: Job): Date | undefined {
    const row = this.deps.db.select().from(schedulerJobs).where(eq(schedulerJobs.name, job.name)).get();
    return row ? new Date(row.lastRunAt) : undefined;
  }

  /** Moves the job's last run forward (never back: another process may be ahead). */
  private touch(job: Job, at: Date): void {
    const iso = at.toISOString();
    this.deps.db
      .insert(schedulerJobs)
      .values({ name: job.name, lastRunAt: iso })
      .onConflictDoUpdate({
        target: schedulerJobs.name,
        set: { lastRunAt: sql`max(${schedulerJobs.lastRunAt}, excluded.last_run_at)` },
      })
      .run();
  }
}
