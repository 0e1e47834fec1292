import { and, eq, isNull } from 'drizzle-orm';
import { ATTENDANCE_MESSAGE_KIND, invitationReply } from '../../../commands/views/attendance.ts';
import type { Db } from '../../../db/client.ts';
import { attendanceInvitees } from '../../../db/schema/index.ts';
import type { ReminderProvider, ReminderRun } from '../../scheduler/reminders/provider.ts';
import type { Delivery } from '../../scheduler/send.ts';
import { addWorkingDays } from '../calendar/working-days.ts';
import { bogotaDate, bogotaInstant } from '../clock.ts';
import { personById } from '../directory/people.ts';
import { inviteeOf, type SessionView, sessionById, upcomingSessions } from './store.ts';
import { hasStarted } from './time.ts';

/** Ledger kinds: an invitation not delivered at creation, and the reminder one working day before. */
export const INVITATION_LEDGER = 'invitacion.sesion';
export const SESSION_REMINDER_LEDGER = 'recordatorio.sesion';

function about(session: SessionView) {
  return { kind: ATTENDANCE_MESSAGE_KIND, subject: String(session.id) };
}

/** The Bogotá date of the reminder: the working day before the session's date. */
export function reminderDay(session: Pick<SessionView, 'startsAt'>): string {
  return addWorkingDays(bogotaDate(new Date(session.startsAt)), -1);
}

/**
 * Invitations that did not go out when the session was created (made with `mipg sesion crear`, or
 * nobody could be reached then): sent through the ledger, once per person and platform.
 */
function pendingInvitations(db: Db, sessions: SessionView[]): Delivery[] {
  const deliveries: Delivery[] = [];
  for (const session of sessions) {
    if (session.audience === 'canal') {
      if (!session.channelNotifiedAt) {
        deliveries.push({
          kind: INVITATION_LEDGER,
          period: String(session.id),
          to: 'channel',
          about: about(session),
          build: () => invitationReply(session, { channel: true }),
        });
      }
      continue;
    }
    const waiting = db
      .select()
      .from(attendanceInvitees)
      .where(and(eq(attendanceInvitees.sessionId, session.id), isNull(attendanceInvitees.notifiedAt)))
      .all();
    for (const row of waiting) {
      const person = personById(db, row.personId);
      if (!person?.active) continue;
      deliveries.push({
        kind: INVITATION_LEDGER,
        period: String(session.id),
        to: person,
        about: about(session),
        build: () => invitationReply(session),
      });
    }
  }
  return deliveries;
}

/**
 * One working day before the session (Colombian calendar), to whoever was invited before that day
 * and has not answered; for a channel session, one message to the channel.
 */
function dayBeforeReminders(db: Db, run: ReminderRun, sessions: SessionView[]): Delivery[] {
  const deliveries: Delivery[] = [];
  for (const session of sessions) {
    const day = reminderDay(session);
    if (day <= run.since || day > run.date) continue;
    const dayStart = bogotaInstant(day).toISOString();
    const base = { kind: SESSION_REMINDER_LEDGER, period: String(session.id), about: about(session) };
    if (session.audience === 'canal') {
      if (session.createdAt < dayStart) {
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
      .filter((row) => row.invitedAt < dayStart);
    for (const row of silent) {
      const person = personById(db, row.personId);
      if (!person?.active) continue;
      deliveries.push({
        ...base,
        to: person,
        build: (late) => invitationReply(session, { reminder: { late: Boolean(late) } }),
      });
    }
  }
  return deliveries;
}

/** Attendance's share of the reminder job: late invitations and the day-before reminder. */
export const attendanceReminders: ReminderProvider = {
  id: 'asistencia',
  kinds: [INVITATION_LEDGER, SESSION_REMINDER_LEDGER],
  plan(run) {
    const now = run.clock.now();
    const sessions = upcomingSessions(run.db, now.toISOString()).filter((s) => !hasStarted(s, now));
    return [...pendingInvitations(run.db, sessions), ...dayBeforeReminders(run.db, run, sessions)];
  },
  stillWanted(row, run) {
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
