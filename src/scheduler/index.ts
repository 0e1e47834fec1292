/**
 * The scheduler: cron jobs in America/Bogota (weekly digest, reminders), the send ledger that makes
 * each message go out once, catch-up on start and retries with backoff.
 *
 * For other features:
 * - a new kind of reminder is a `ReminderProvider` added to `reminderProviders`
 *   (src/scheduler/reminders/index.ts): it returns `Delivery`s and the ledger does the rest;
 * - a one-off message that must go out exactly once is `claimAndSend(deps, delivery, timing)`;
 * - a new part of the weekly digest is a `DigestSection` (src/scheduler/digest/section.ts).
 */

import type { Services } from '../chat/context.ts';
import type { Messenger } from '../chat/messenger.ts';
import type { Logger } from '../domain/logger.ts';
import { instanceName, Scheduler } from './scheduler.ts';

export type { ReminderProvider, ReminderRun } from './reminders/index.ts';
export { Scheduler } from './scheduler.ts';
export { claimAndSend, type Delivery, type Lateness, type SendDeps, type SendOutcome } from './send.ts';

/** The bot's scheduler over its services; it sends through whatever messengers are running at send time. */
export function createScheduler(services: Services, messengers: () => Messenger[], log: Logger): Scheduler {
  return new Scheduler({
    db: services.db,
    clock: services.clock,
    config: services.config,
    messengers,
    log,
    instance: instanceName(),
  });
}
