import type { Db } from '../../db/client.ts';
import type { Notifier } from '../chat/messenger.ts';
import type { Config } from '../config.ts';
import { closeEndedSessionsAndLog } from '../domain/attendance/close.ts';
import type { Clock } from '../domain/clock.ts';
import type { Logger } from '../domain/logger.ts';
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
  log: Logger;
  stopping?: () => boolean;
}): Promise<void> {
  for (const id of sessionsWithPendingInvitations(deps.db, deps.clock)) {
    if (deps.stopping?.()) return;
    const report = await sendInvitations(deps, id);
    // The log names nobody: counts and directory ids only.
    if (report.sent.length > 0) {
      const to = report.channel ? 'el canal del equipo' : `${report.sent.length} persona(s)`;
      deps.log.info(`Sesión ${id}: invitación enviada a ${to}.`, {
        sessionId: id,
        kind: 'asistencia.invitacion',
        outcome: 'sent',
        sent: report.sent.length,
        personIds: report.sentIds.join(','),
      });
    }
    for (const failure of report.failures) {
      const to = failure.personId === null ? 'el canal del equipo' : `la persona ${failure.personId}`;
      deps.log.warn(`Sesión ${id}: no se pudo invitar a ${to}: ${failure.error}`, {
        sessionId: id,
        kind: 'asistencia.invitacion',
        outcome: 'failed',
        personId: failure.personId,
      });
    }
  }
  await closeEndedSessionsAndLog(deps);
}
