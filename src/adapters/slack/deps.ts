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
