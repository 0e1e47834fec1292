import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { people } from './directory.ts';
import { evidence, tasks } from './plan.ts';

/** Who a session's invitation goes to: chosen people, a directory team, or the team channel. */
export const sessionAudiences = ['personas', 'equipo', 'canal'] as const;
export type SessionAudience = (typeof sessionAudiences)[number];

export const attendanceAnswers = ['confirmado', 'declinado'] as const;
export type AttendanceAnswer = (typeof attendanceAnswers)[number];

/**
 * A meeting or training whose attendance list is evidence (committee, DOFA table, indicators training…).
 * Start and end are instants in UTC; people typed them as Bogotá wall-clock times.
 */
export const attendanceSessions = sqliteTable(
  'attendance_sessions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    title: text('title').notNull(),
    startsAt: text('starts_at').notNull(),
    endsAt: text('ends_at').notNull(),
    place: text('place').notNull(),
    taskId: integer('task_id').references(() => tasks.id, { onDelete: 'set null' }),
    audience: text('audience', { enum: sessionAudiences }).notNull(),
    /** The directory team invited, when the audience is a team (kept as typed at creation). */
    team: text('team'),
    createdBy: integer('created_by').references(() => people.id),
    createdAt: text('created_at').notNull(),
    /** When the invitation reached the team channel (channel sessions only). */
    channelNotifiedAt: text('channel_notified_at'),
    /** When the ended session's list was produced and, if linked to a task, registered as evidence. */
    closedAt: text('closed_at'),
    evidenceId: integer('evidence_id').references(() => evidence.id, { onDelete: 'set null' }),
  },
  (t) => [index('attendance_sessions_start').on(t.startsAt)],
);

/**
 * One invited person of a session: their answer, when they gave it, and their check-in.
 * In channel sessions a row appears when someone answers or checks in.
 */
export const attendanceInvitees = sqliteTable(
  'attendance_invitees',
  {
    sessionId: integer('session_id')
      .notNull()
      .references(() => attendanceSessions.id, { onDelete: 'cascade' }),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    invitedAt: text('invited_at').notNull(),
    /** When the invitation reached them on some platform; null means it is still to be sent. */
    notifiedAt: text('notified_at'),
    answer: text('answer', { enum: attendanceAnswers }),
    reason: text('reason'),
    answeredAt: text('answered_at'),
    checkedInAt: text('checked_in_at'),
    /** Who recorded the presence: the person themself or the coordinator who marked it by hand. */
    checkedInBy: integer('checked_in_by').references(() => people.id),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.personId] }),
    index('attendance_invitees_person').on(t.personId),
  ],
);
