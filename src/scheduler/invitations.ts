import { and, eq, gt, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { attendanceInvitees, attendanceSessions } from '../../db/schema/index.ts';
import type { Notifier } from '../chat/messenger.ts';
import { requireSession, type SessionView } from '../domain/attendance/store.ts';
import type { Clock } from '../domain/clock.ts';
import { personById } from '../domain/directory/people.ts';
import { ATTENDANCE_MESSAGE_KIND, invitationReply } from '../views/attendance.ts';

export interface DeliveryDeps {
  db: Db;
  clock: Clock;
  notify: Notifier;
}

/** Who got the invitation now, who no platform could reach (retried later) and who failed. */
export interface InvitationReport {
  /** Names, for the person who created the session. */
  sent: string[];
  unreachable: string[];
  failed: string[];
  /** The invitation went to the team channel. */
  channel: boolean;
  /** For the operator's log, which names nobody: the people invited now, and each failure by person (null: the channel). */
  sentIds: number[];
  failures: { personId: number | null; error: string }[];
}

function about(sessionId: number) {
  return { kind: ATTENDANCE_MESSAGE_KIND, subject: String(sessionId) };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Claims an invitation before sending it (two bot processes on one database never both send): the
 * row's notified mark is set only if still empty. A send that reaches nobody or fails gives it back.
 */
function claim(
  db: Db,
  table: 'channel' | 'person',
  sessionId: number,
  personId: number,
  at: string | null,
): boolean {
  if (table === 'channel') {
    const done = at === null;
    return (
      db
        .update(attendanceSessions)
        .set({ channelNotifiedAt: at })
        .where(
          and(
            eq(attendanceSessions.id, sessionId),
            done
              ? isNotNull(attendanceSessions.channelNotifiedAt)
              : isNull(attendanceSessions.channelNotifiedAt),
          ),
        )
        .run().changes === 1
    );
  }
  return (
    db
      .update(attendanceInvitees)
      .set({ notifiedAt: at })
      .where(
        and(
          eq(attendanceInvitees.sessionId, sessionId),
          eq(attendanceInvitees.personId, personId),
          at === null ? isNotNull(attendanceInvitees.notifiedAt) : isNull(attendanceInvitees.notifiedAt),
        ),
      )
      .run().changes === 1
  );
}

async function inviteChannel(deps: DeliveryDeps, session: SessionView, report: InvitationReport) {
  report.channel = true;
  if (!claim(deps.db, 'channel', session.id, 0, deps.clock.now().toISOString())) return;
  try {
    const refs = await deps.notify.toChannel(invitationReply(session, { channel: true }), about(session.id));
    if (refs.length === 0) {
      claim(deps.db, 'channel', session.id, 0, null);
      report.unreachable.push('canal del equipo');
      return;
    }
    report.sent.push('canal del equipo');
  } catch (error) {
    claim(deps.db, 'channel', session.id, 0, null);
    report.failed.push(`canal del equipo (${describe(error)})`);
    report.failures.push({ personId: null, error: describe(error) });
  }
}

async function invitePeople(deps: DeliveryDeps, session: SessionView, report: InvitationReport) {
  const waiting = deps.db
    .select()
    .from(attendanceInvitees)
    .where(and(eq(attendanceInvitees.sessionId, session.id), isNull(attendanceInvitees.notifiedAt)))
    .all();
  for (const row of waiting) {
    const person = personById(deps.db, row.personId);
    if (!person?.active) continue;
    if (!claim(deps.db, 'person', session.id, person.id, deps.clock.now().toISOString())) continue;
    try {
      const refs = await deps.notify.toPerson(person, invitationReply(session), about(session.id));
      if (refs.length === 0) {
        claim(deps.db, 'person', session.id, person.id, null);
        report.unreachable.push(person.name);
        continue;
      }
      report.sent.push(person.name);
      report.sentIds.push(person.id);
    } catch (error) {
      claim(deps.db, 'person', session.id, person.id, null);
      report.failed.push(`${person.name} (${describe(error)})`);
      report.failures.push({ personId: person.id, error: describe(error) });
    }
  }
}

/**
 * Sends the invitations of one session that have not reached anyone yet: each invitee a message with
 * the buttons, or one message to the team channel. Each delivered invitation is marked, so running it
 * again (the scheduler does, for those no platform could reach) never sends twice.
 */
export async function sendInvitations(deps: DeliveryDeps, sessionId: number): Promise<InvitationReport> {
  const session = requireSession(deps.db, sessionId);
  const report: InvitationReport = {
    sent: [],
    unreachable: [],
    failed: [],
    channel: false,
    sentIds: [],
    failures: [],
  };
  if (new Date(session.endsAt).getTime() <= deps.clock.now().getTime()) return report;
  if (session.audience === 'canal') {
    if (!session.channelNotifiedAt) await inviteChannel(deps, session, report);
    return report;
  }
  await invitePeople(deps, session, report);
  return report;
}

/** Sessions not ended yet that still have an invitation to deliver. */
export function sessionsWithPendingInvitations(db: Db, clock: Clock): number[] {
  const nowIso = clock.now().toISOString();
  const people = db
    .selectDistinct({ id: attendanceSessions.id })
    .from(attendanceSessions)
    .innerJoin(attendanceInvitees, eq(attendanceInvitees.sessionId, attendanceSessions.id))
    .where(and(gt(attendanceSessions.endsAt, nowIso), isNull(attendanceInvitees.notifiedAt)))
    .all();
  const channel = db
    .select({ id: attendanceSessions.id })
    .from(attendanceSessions)
    .where(
      and(
        gt(attendanceSessions.endsAt, nowIso),
        eq(attendanceSessions.audience, 'canal'),
        isNull(attendanceSessions.channelNotifiedAt),
      ),
    )
    .all();
  return [...new Set([...people, ...channel].map((r) => r.id))].sort((a, b) => a - b);
}

/** People of a session who got the invitation and have not answered: who the reminder is for. */
export function nonResponders(db: Db, sessionId: number): number[] {
  return db
    .select({ personId: attendanceInvitees.personId })
    .from(attendanceInvitees)
    .where(
      and(
        eq(attendanceInvitees.sessionId, sessionId),
        isNull(attendanceInvitees.answer),
        isNotNull(attendanceInvitees.notifiedAt),
      ),
    )
    .all()
    .map((r) => r.personId);
}
