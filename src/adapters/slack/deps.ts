import type { Db } from '../../../db/client.ts';
import type { Router } from '../../chat/router.ts';
import type { Clock } from '../../domain/clock.ts';
import { errorFields, type Logger } from '../../domain/logger.ts';
import type { SlackIdentity } from './identity.ts';
import type { SlackInbox } from './inbox.ts';
import type { HandledRequests } from './requests.ts';
import type { SlackSender } from './send.ts';

/** What every Slack listener uses: the one router, who is who, how to answer, what was handled. */
export interface SlackDeps {
  router: Router;
  db: Db;
  clock: Clock;
  identity: SlackIdentity;
  sender: SlackSender;
  handled: HandledRequests;
  /** Requests between their arrival and their answer, kept so a restart finishes them. */
  inbox: SlackInbox;
  /** Operator log, in Spanish. */
  log: Logger;
}

/** Runs a listener's work after the ack; a failure is logged (and told to the person by `onError`). */
export async function guarded(
  deps: SlackDeps,
  what: string,
  work: () => Promise<void>,
  onError?: () => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    deps.log.error(`Error al atender ${what} en Slack: ${(error as Error).message}`, {
      what,
      ...errorFields(error, { stack: true }),
    });
    try {
      await onError?.();
    } catch {
      // Slack itself is failing; the log above is all that can be done.
    }
  }
}

/**
 * How long an answer may take to go in the ack (Slack waits 3 seconds for it, network included); past it
 * the ack goes alone and the answer follows.
 */
export const ACK_BUDGET_MS = 2500;

/** The work's outcome, or `late` once `budgetMs` passed without it (the work goes on either way). */
export async function within<T>(work: Promise<T>, budgetMs: number): Promise<T | 'late'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), budgetMs);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
