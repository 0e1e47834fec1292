import type { Db } from '../../../db/client.ts';
import type { Config } from '../../config.ts';
import type { Clock } from '../../domain/clock.ts';
import type { DeliveryRow } from '../ledger.ts';
import type { Delivery } from '../send.ts';

/** One run of the reminder job: the Bogotá date it runs for and the window of days it covers. */
export interface ReminderRun {
  db: Db;
  clock: Clock;
  config: Config;
  /** The run's Bogotá date D. */
  date: string;
  /**
   * The run covers reminders planned after this date up to D: the date of the job's previous
   * scheduled time (at most a week back), so a schedule that does not fire every working day
   * still sends each reminder once.
   */
  since: string;
  /** Lets the event loop run when the plan has held it for a while (see slices.ts): long loops call it. */
  pause: () => Promise<void>;
}

/**
 * A source of reminders (tasks, indicator reports, attendance, risk matrices…). The reminder job asks
 * every provider at each run and sends what it returns through the ledger, so each reminder goes out
 * once per (kind, period, recipient) whatever the retries, restarts or processes.
 *
 * To add one: return a `Delivery` per person and occasion, with a `period` that names the occasion
 * (`2026-T3`, `2026:2.3:2026-09-23`, an ISO week `2026-W37` for weekly ones) and `about` when answers in
 * its thread or its buttons need to find it; then add the provider to `reminderProviders` (one line).
 */
export interface ReminderProvider {
  id: string;
  /** Ledger kinds this provider sends (for `stillWanted`). */
  kinds: string[];
  plan(run: ReminderRun): Delivery[] | Promise<Delivery[]>;
  /** Before a failed send is retried: a Spanish reason to drop it (e.g. the task is done), else undefined. */
  stillWanted?(row: DeliveryRow, run: Pick<ReminderRun, 'db' | 'clock'>): string | undefined;
}
