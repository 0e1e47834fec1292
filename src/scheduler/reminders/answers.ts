import { and, asc, desc, eq, inArray, lt, max } from 'drizzle-orm';
import type { Db, Store } from '../../../db/client.ts';
import { evidence, people, type ReminderAnswerKind, reminderAnswers } from '../../../db/schema/index.ts';
import { audit, personAuthor } from '../../domain/audit/log.ts';
import { addWorkingDays } from '../../domain/calendar/working-days.ts';
import { bogotaDate, bogotaToday, type Clock } from '../../domain/clock.ts';
import type { Person } from '../../domain/directory/people.ts';
import { DomainError } from '../../domain/errors.ts';
import { assertCanChange, requireTask } from '../../domain/tasks/actions.ts';
import type { TaskView } from '../../domain/tasks/store.ts';
import { assertVigenciaOpen } from '../../domain/tasks/vigencia-guard.ts';
import type { Hold } from './plan.ts';

/** A postponement holds a task's reminders this many working days, and a task gets at most this many. */
export const POSTPONE_WORKING_DAYS = 3;
export const MAX_POSTPONEMENTS = 2;

export type AnswerRow = typeof reminderAnswers.$inferSelect;

function answersOf(store: Store, taskId: number, kind: ReminderAnswerKind): AnswerRow[] {
  return store
    .select()
    .from(reminderAnswers)
    .where(and(eq(reminderAnswers.taskId, taskId), eq(reminderAnswers.kind, kind)))
    .orderBy(asc(reminderAnswers.createdAt), asc(reminderAnswers.id))
    .all();
}

/**
 * The postponements of every task that has any, by task id (one query for a whole reminder run); a task
 * missing from the map has none.
 */
export function allHolds(store: Store): Map<number, Hold[]> {
  const byTask = new Map<number, Hold[]>();
  for (const a of store
    .select()
    .from(reminderAnswers)
    .where(eq(reminderAnswers.kind, 'postpone'))
    .orderBy(asc(reminderAnswers.createdAt), asc(reminderAnswers.id))
    .all()) {
    const list = byTask.get(a.taskId) ?? [];
    list.push({ from: bogotaDate(new Date(a.createdAt)), until: a.until ?? '' });
    byTask.set(a.taskId, list);
  }
  return byTask;
}

function openTask(db: Db, clock: Clock, person: Person, code: string): TaskView {
  const task = requireTask(db, clock, code);
  // Nothing of a closed vigencia is reminded any more: no postponement nor help request is taken.
  assertVigenciaOpen(db, task, person);
  assertCanChange(db, person, task);
  if (task.doneAt) {
    throw new DomainError(`La tarea ${task.label} ya está cumplida: ya no tiene recordatorios.`);
  }
  return task;
}

export interface Postponement {
  task: TaskView;
  until: string;
  /** Which postponement of the task this is (1 or 2). */
  number: number;
}

/** Holds a task's reminders for three working days, at most twice a task; recorded and audited. */
export function postpone(db: Db, clock: Clock, person: Person, code: string): Postponement {
  const task = openTask(db, clock, person, code);
  const earlier = answersOf(db, task.id, 'postpone');
  if (earlier.length >= MAX_POSTPONEMENTS) {
    throw new DomainError(
      `Los recordatorios de la tarea ${code} ya se pospusieron ${MAX_POSTPONEMENTS} veces; no se pueden posponer más.`,
      `Si necesita apoyo, escriba /necesito-ayuda ${code} <nota>, o márquela con /cumplida ${code} <enlace>.`,
    );
  }
  const today = bogotaToday(clock);
  // A second postponement while the first still holds extends it rather than overlapping it.
  const held = earlier.map((a) => a.until ?? '').filter((until) => until > today);
  const until = addWorkingDays([today, ...held].sort().at(-1) ?? today, POSTPONE_WORKING_DAYS);
  db.transaction((tx) => {
    tx.insert(reminderAnswers)
      .values({
        taskId: task.id,
        personId: person.id,
        kind: 'postpone',
        until,
        createdAt: clock.now().toISOString(),
      })
      .run();
    audit(tx, clock, personAuthor(person), {
      action: 'recordatorio.posponer',
      entity: 'tarea',
      entityId: task.label,
      after: { from: today, until, number: earlier.length + 1 },
    });
  });
  return { task, until, number: earlier.length + 1 };
}

/** Checks that the person may ask for help with the task (theirs, not done). */
export function helpableTask(db: Db, clock: Clock, person: Person, code: string): TaskView {
  return openTask(db, clock, person, code);
}

/** Records a request for help (before the coordinators are notified, so a failed notice loses nothing); audited. */
export function recordHelpRequest(
  db: Db,
  clock: Clock,
  person: Person,
  task: TaskView,
  note: string | undefined,
): void {
  db.transaction((tx) => {
    tx.insert(reminderAnswers)
      .values({
        taskId: task.id,
        personId: person.id,
        kind: 'help',
        note: note || null,
        createdAt: clock.now().toISOString(),
      })
      .run();
    audit(tx, clock, personAuthor(person), {
      action: 'recordatorio.ayuda',
      entity: 'tarea',
      entityId: task.label,
      after: { note: note || null },
    });
  });
}

/** A request for help as the digest, /pendientes and the escalation show it. */
export interface HelpRequest {
  taskId: number;
  personId: number;
  personName: string;
  note: string | null;
  createdAt: string;
}

/** The help requests made for the given tasks before an instant (all when none), newest first. */
export function helpRequestsFor(store: Store, taskIds: number[], before?: string): HelpRequest[] {
  if (taskIds.length === 0) return [];
  const conditions = [inArray(reminderAnswers.taskId, taskIds), eq(reminderAnswers.kind, 'help')];
  if (before) conditions.push(lt(reminderAnswers.createdAt, before));
  return store
    .select({
      taskId: reminderAnswers.taskId,
      personId: reminderAnswers.personId,
      personName: people.name,
      note: reminderAnswers.note,
      createdAt: reminderAnswers.createdAt,
    })
    .from(reminderAnswers)
    .innerJoin(people, eq(people.id, reminderAnswers.personId))
    .where(and(...conditions))
    .orderBy(desc(reminderAnswers.createdAt), desc(reminderAnswers.id))
    .all();
}

/**
 * When each task's team last answered its reminders (a link recorded or a postponement asked), for every
 * task in two queries; ISO instants, so they compare as text. A help request is not an answer: it asks
 * the coordinator, so the task stays in the escalation.
 */
export function lastAnswers(store: Store): Map<number, string> {
  const latest = new Map<number, string>();
  const keep = (taskId: number | null, at: string | null) => {
    if (taskId === null || at === null) return;
    if ((latest.get(taskId) ?? '') < at) latest.set(taskId, at);
  };
  for (const row of store
    .select({ taskId: evidence.taskId, at: max(evidence.createdAt) })
    .from(evidence)
    .groupBy(evidence.taskId)
    .all()) {
    keep(row.taskId, row.at);
  }
  for (const row of store
    .select({ taskId: reminderAnswers.taskId, at: max(reminderAnswers.createdAt) })
    .from(reminderAnswers)
    .where(eq(reminderAnswers.kind, 'postpone'))
    .groupBy(reminderAnswers.taskId)
    .all()) {
    keep(row.taskId, row.at);
  }
  return latest;
}
