import type { Db } from '../../db/client.ts';
import type { Notifier } from '../chat/messenger.ts';
import type { Config } from '../config.ts';
import { closeEndedSessionsAndLog } from '../domain/attendance/close.ts';
import type { Clock } from '../domain/clock.ts';
import { sendInvitations, sessionsWithPendingInvitations } from './invitations.ts';

/**
 * What the scheduler does for attendance every few minutes: delivers invitations that have not reached
 * their people yet (sessions created from the CLI, people who became reachable) and closes ended sessions,
 * publishing their lists as the linked task's evidence.
 */
export async function attendanceUpkeep(deps: {
  db: Db;
  clock: Clock;
  config: Config;
  notify: Notifier;
  log: (text: string) => void;
}): Promise<void> {
  for (const id of sessionsWithPendingInvitations(deps.db, deps.clock)) {
    const report = await sendInvitations(deps, id);
    if (report.sent.length > 0) {
      deps.log(`Sesión ${id}: invitación enviada a ${report.sent.join(', ')}.`);
    }
    for (const failure of report.failed) deps.log(`Sesión ${id}: no se pudo invitar a ${failure}.`);
  }
  await closeEndedSessionsAndLog(deps);
}
