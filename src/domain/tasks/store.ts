import { and, asc, desc, eq } from 'drizzle-orm';
import type { Store } from '../../../db/client.ts';
import { activities, evidence, plans, tasks } from '../../../db/schema/index.ts';
import { endOfBogotaDate } from './history.ts';
import { type TaskParts, tasksAsOf } from './parts.ts';
import { lateDays, type TaskStatus, taskStatus } from './status.ts';

export type TaskRow = typeof tasks.$inferSelect;
export type EvidenceRow = typeof evidence.$inferSelect;

/**
 * A task as it stood at the end of a Bogotá date: done, verified and closed as recorded by then
 * (`doneAt`, `doneBy`, `verifiedAt`, `verifiedBy`, `closedReason` are that day's, not today's).
 */
export interface TaskView extends TaskRow {
  activityNumber: number;
  activityName: string;
  status: TaskStatus;
  /** Calendar days past its end date it was done (null when done on time or not done). */
  lateDays: number | null;
  /** Shared tasks: their parts at that date; null for a yes/no task. */
  parts: TaskParts | null;
}

export type PlanRow = typeof plans.$inferSelect;

/** The plan of a year, or the latest one when no year is given. */
export function currentPlan(store: Store, year?: number): PlanRow | undefined {
  if (year !== undefined) return store.select().from(plans).where(eq(plans.year, year)).get();
  return store.select().from(plans).orderBy(desc(plans.year)).limit(1).get();
}

/** The plan whose year is today's, falling back to the latest imported. */
export function planForDate(store: Store, today: string): PlanRow | undefined {
  return currentPlan(store, Number(today.slice(0, 4))) ?? currentPlan(store);
}

export function activitiesOf(store: Store, planId: number) {
  return store
    .select()
    .from(activities)
    .where(eq(activities.planId, planId))
    .orderBy(asc(activities.number))
    .all();
}

/**
 * Every task of a plan in document order, with its activity and its state at the end of `today` (a
 * Bogotá date): only what was recorded by then counts, so a past date tells the truth of that day.
 */
export function tasksOf(store: Store, planId: number, today: string): TaskView[] {
  const rows = store
    .select({
      task: tasks,
      activityNumber: activities.number,
      activityName: activities.name,
    })
    .from(tasks)
    .innerJoin(activities, eq(activities.id, tasks.activityId))
    .where(eq(tasks.planId, planId))
    .orderBy(asc(tasks.position))
    .all();
  const states = tasksAsOf(
    store,
    planId,
    rows.map((r) => r.task),
    endOfBogotaDate(today),
  );
  return rows.map(({ task, activityNumber, activityName }) => {
    const state = states.get(task.id);
    const asOf = {
      ...task,
      doneAt: state?.done?.at ?? null,
      doneBy: state?.done?.by ?? null,
      verifiedAt: state?.verified?.at ?? null,
      verifiedBy: state?.verified?.by ?? null,
      closedReason: state?.closedReason ?? null,
    };
    return {
      ...asOf,
      activityNumber,
      activityName,
      status: taskStatus(asOf, today),
      lateDays: lateDays(asOf),
      parts: state?.parts ?? null,
    };
  });
}

export function taskByCode(store: Store, planId: number, code: string, today: string): TaskView | undefined {
  return tasksOf(store, planId, today).find((t) => t.code === code);
}

export function evidenceOf(store: Store, taskId: number): EvidenceRow[] {
  return store
    .select()
    .from(evidence)
    .where(eq(evidence.taskId, taskId))
    .orderBy(asc(evidence.createdAt), asc(evidence.id))
    .all();
}

export function taskById(store: Store, id: number): TaskRow | undefined {
  return store.select().from(tasks).where(eq(tasks.id, id)).get();
}

export function taskRowByCode(store: Store, planId: number, code: string): TaskRow | undefined {
  return store
    .select()
    .from(tasks)
    .where(and(eq(tasks.planId, planId), eq(tasks.code, code)))
    .get();
}
