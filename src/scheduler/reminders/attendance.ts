import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { attendanceInvitees } from '../../../db/schema/index.ts';
import { inviteeOf, type SessionView, sessionById, upcomingSessions } from '../../domain/attendance/store.ts';
import { hasStarted } from '../../domain/attendance/time.ts';
import { addWorkingDays } from '../../domain/calendar/working-days.ts';
import { bogotaDate, bogotaInstant } from '../../domain/clock.ts';
import { personById } from '../../domain/directory/people.ts';
import { ATTENDANCE_MESSAGE_KIND, invitationReply } from '../../views/attendance.ts';
import type { Delivery } from '../send.ts';
import { itemFromReply } from './daily.ts';
import type { ReminderProvider, ReminderRun } from './provider.ts';

/**
 * Ledger kind of invitations the reminder job used to send. Invitations now go out only through
 * `sendInvitations` (the upkeep claims each one), so a failed row of this kind left in the ledger is
 * dropped instead of retried: retrying it would invite the person a second time.
 */
export const LEGACY_INVITATION_LEDGER = 'invitacion.sesion';
/** Ledger kind of the reminder one working day before the session. */
export const SESSION_REMINDER_LEDGER = 'recordatorio.sesion';

function about(session: SessionView) {
  return { kind: ATTENDANCE_MESSAGE_KIND, subject: String(session.id) };
}

/** The Bogotá date of the reminder: the working day before the session's date. */
export function reminderDay(session: Pick<SessionView, 'startsAt'>): string {
  return addWorkingDays(bogotaDate(new Date(session.startsAt)), -1);
}

/** Whether the invitation reached its people before the given instant (ISO text orders as time). */
function invitedBefore(notifiedAt: string | null, dayStart: string): boolean {
  return notifiedAt !== null && notifiedAt < dayStart;
}

/**
 * One working day before the session (Colombian calendar), to whoever got the invitation before that
 * day and has not answered; for a channel session, one message to the channel. Someone whose
 * invitation has not reached them yet gets it from the upkeep instead, never a reminder on top of it.
 */
function dayBeforeReminders(db: Db, run: ReminderRun, sessions: SessionView[]): Delivery[] {
  const deliveries: Delivery[] = [];
  for (const session of sessions) {
    const day = reminderDay(session);
    if (day <= run.since || day > run.date) continue;
    const dayStart = bogotaInstant(day).toISOString();
    const base = { kind: SESSION_REMINDER_LEDGER, period: String(session.id), about: about(session) };
    if (session.audience === 'canal') {
      if (invitedBefore(session.channelNotifiedAt, dayStart)) {
        deliveries.push({
          ...base,
          to: 'channel',
          build: (late) => invitationReply(session, { channel: true, reminder: { late: Boolean(late) } }),
        });
      }
      continue;
    }
    const silent = db
      .select()
      .from(attendanceInvitees)
      .where(and(eq(attendanceInvitees.sessionId, session.id), isNull(attendanceInvitees.answer)))
      .all()
      .filter((row) => invitedBefore(row.notifiedAt, dayStart));
    for (const row of silent) {
      const person = personById(db, row.personId);
      if (!person?.active) continue;
      deliveries.push({
        ...base,
        to: person,
        build: (late) => invitationReply(session, { reminder: { late: Boolean(late) } }),
        item: (late) => itemFromReply(invitationReply(session, { reminder: { late: Boolean(late) } })),
      });
    }
  }
  return deliveries;
}

/**
 * Attendance's share of the reminder job: the day-before reminder only. Invitations are not the
 * reminder job's: the upkeep (every few minutes and on start) delivers them through `sendInvitations`.
 */
export const attendanceReminders: ReminderProvider = {
  id: 'asistencia',
  kinds: [LEGACY_INVITATION_LEDGER, SESSION_REMINDER_LEDGER],
  plan(run) {
    const now = run.clock.now();
    const sessions = upcomingSessions(run.db, now.toISOString()).filter((s) => !hasStarted(s, now));
    return dayBeforeReminders(run.db, run, sessions);
  },
  stillWanted(row, run) {
    if (row.kind === LEGACY_INVITATION_LEDGER)
      return 'Las invitaciones las entrega el mantenimiento periódico.';
    const session = sessionById(run.db, Number(row.subject));
    if (!session) return `La sesión ${row.subject} ya no existe.`;
    if (hasStarted(session, run.clock.now())) return `La sesión ${session.id} ya comenzó.`;
    if (row.kind === SESSION_REMINDER_LEDGER && row.personId !== null) {
      if (inviteeOf(run.db, session.id, row.personId)?.answer)
        return 'La persona ya respondió la invitación.';
    }
    return undefined;
  },
};
