import { and, asc, eq, gt, gte, inArray, lt } from 'drizzle-orm';
import type { Store } from '../../../db/client.ts';
import {
  type AttendanceAnswer,
  attendanceInvitees,
  attendanceSessions,
  evidence,
  people,
  processes,
  tasks,
} from '../../../db/schema/index.ts';
import { DomainError } from '../errors.ts';

export type SessionRow = typeof attendanceSessions.$inferSelect;
export type InviteeRow = typeof attendanceInvitees.$inferSelect;

/** A session with the code and title of its linked task, when it has one. */
export interface SessionView extends SessionRow {
  taskCode: string | null;
  taskTitle: string | null;
}

/** An invitee row with what the attendance list shows of the person. */
export interface Attendee extends InviteeRow {
  name: string;
  email: string;
  processName: string | null;
}

/** What an invitee said: the stored answer, or `sin_respuesta` when they have not answered. */
export type AnswerState = AttendanceAnswer | 'sin_respuesta';

export function answerState(row: Pick<InviteeRow, 'answer'>): AnswerState {
  return row.answer ?? 'sin_respuesta';
}

function withTask(store: Store) {
  return store
    .select({ session: attendanceSessions, taskCode: tasks.code, taskTitle: tasks.title })
    .from(attendanceSessions)
    .leftJoin(tasks, eq(tasks.id, attendanceSessions.taskId));
}

type Joined = { session: SessionRow; taskCode: string | null; taskTitle: string | null };

function view({ session, taskCode, taskTitle }: Joined): SessionView {
  return { ...session, taskCode, taskTitle };
}

export function sessionById(store: Store, id: number): SessionView | undefined {
  const row = withTask(store).where(eq(attendanceSessions.id, id)).get();
  return row ? view(row) : undefined;
}

/** The session with that id, or a Spanish error pointing to the list. */
export function requireSession(store: Store, id: number): SessionView {
  const session = sessionById(store, id);
  if (!session) {
    throw new DomainError(`No existe la sesión ${id}.`, 'Vea las próximas sesiones con /asistencia.');
  }
  return session;
}

/** Sessions that have not ended at `nowIso`, soonest first. */
export function upcomingSessions(store: Store, nowIso: string): SessionView[] {
  return withTask(store)
    .where(gt(attendanceSessions.endsAt, nowIso))
    .orderBy(asc(attendanceSessions.startsAt), asc(attendanceSessions.id))
    .all()
    .map(view);
}

/** Sessions starting in `[fromIso, toIso)`, soonest first. */
export function sessionsStartingBetween(store: Store, fromIso: string, toIso: string): SessionView[] {
  return withTask(store)
    .where(and(gte(attendanceSessions.startsAt, fromIso), lt(attendanceSessions.startsAt, toIso)))
    .orderBy(asc(attendanceSessions.startsAt), asc(attendanceSessions.id))
    .all()
    .map(view);
}

/** Every invitee of a session with name, e-mail and process, in Spanish alphabetical order of name. */
export function attendeesOf(store: Store, sessionId: number): Attendee[] {
  return store
    .select({
      invitee: attendanceInvitees,
      name: people.name,
      email: people.email,
      processName: processes.name,
    })
    .from(attendanceInvitees)
    .innerJoin(people, eq(people.id, attendanceInvitees.personId))
    .leftJoin(processes, eq(processes.id, people.processId))
    .where(eq(attendanceInvitees.sessionId, sessionId))
    .all()
    .map(({ invitee, name, email, processName }) => ({ ...invitee, name, email, processName }))
    .sort((a, b) => a.name.localeCompare(b.name, 'es') || a.personId - b.personId);
}

export function inviteeOf(store: Store, sessionId: number, personId: number): InviteeRow | undefined {
  return store
    .select()
    .from(attendanceInvitees)
    .where(and(eq(attendanceInvitees.sessionId, sessionId), eq(attendanceInvitees.personId, personId)))
    .get();
}

/** The person's own rows in the given sessions, by session id. */
export function invitationsOf(store: Store, personId: number, sessionIds: number[]): Map<number, InviteeRow> {
  if (sessionIds.length === 0) return new Map();
  const rows = store
    .select()
    .from(attendanceInvitees)
    .where(and(eq(attendanceInvitees.personId, personId), inArray(attendanceInvitees.sessionId, sessionIds)))
    .all();
  return new Map(rows.map((r) => [r.sessionId, r]));
}

/** The link registered as the linked task's evidence when the session was closed, if any. */
export function evidenceUrl(store: Store, session: Pick<SessionRow, 'evidenceId'>): string | null {
  if (session.evidenceId === null) return null;
  return (
    store.select({ url: evidence.url }).from(evidence).where(eq(evidence.id, session.evidenceId)).get()
      ?.url ?? null
  );
}

/** Counts shown with every list of a session. */
export interface AttendanceCounts {
  invited: number;
  confirmed: number;
  declined: number;
  unanswered: number;
  present: number;
}

export function countAttendance(rows: Pick<InviteeRow, 'answer' | 'checkedInAt'>[]): AttendanceCounts {
  return {
    invited: rows.length,
    confirmed: rows.filter((r) => r.answer === 'confirmado').length,
    declined: rows.filter((r) => r.answer === 'declinado').length,
    unanswered: rows.filter((r) => r.answer === null).length,
    present: rows.filter((r) => r.checkedInAt !== null).length,
  };
}
