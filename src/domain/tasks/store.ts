import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Store } from '../../../db/client.ts';
import { activities, DEFAULT_PLAN_CODE, evidence, plans, tasks } from '../../../db/schema/index.ts';
import { cachedView } from '../view-cache.ts';
import { endOfBogotaDate } from './history.ts';
import { type TaskParts, tasksAsOf } from './parts.ts';
import { qualifiedCode } from './plan-codes.ts';
import { lateDays, type TaskStatus, taskStatus } from './status.ts';

export type TaskRow = typeof tasks.$inferSelect;
export type EvidenceRow = typeof evidence.$inferSelect;

/**
 * A task as it stood at the end of a Bogotá date: done, verified and closed as recorded by then
 * (`doneAt`, `doneBy`, `verifiedAt`, `verifiedBy`, `closedReason` are that day's, not today's).
 */
export interface TaskView extends TaskRow {
  /** The code and vigencia of the plan the task belongs to (`PPI` 2026, `PTH` 2027…). */
  planCode: string;
  planYear: number;
  /** How people see its code: `2.3` in the PPI, `PTH 2.3` in another plan (see refs.ts). */
  label: string;
  activityNumber: number;
  activityName: string;
  status: TaskStatus;
  /** Calendar days past its end date it was done (null when done on time or not done). */
  lateDays: number | null;
  /** Shared tasks: their parts at that date; null for a yes/no task. */
  parts: TaskParts | null;
}

export type PlanRow = typeof plans.$inferSelect;

/** The plans of a vigencia, the Política de Planeación Institucional (PPI) first, then by code. */
export function plansOfYear(store: Store, year: number): PlanRow[] {
  return cachedView(store, `plansOfYear:${year}`, () =>
    store
      .select()
      .from(plans)
      .where(eq(plans.year, year))
      .orderBy(sql`${plans.code} <> ${DEFAULT_PLAN_CODE}`, asc(plans.code))
      .all(),
  ).slice();
}

/** The vigencias that have plans, newest first. */
export function vigenciasWithPlans(store: Store): number[] {
  return cachedView(store, 'vigenciasWithPlans', () =>
    store
      .selectDistinct({ year: plans.year })
      .from(plans)
      .orderBy(desc(plans.year))
      .all()
      .map((r) => r.year),
  ).slice();
}

/**
 * The vigencia in force on a Bogotá date: the date's year when it has plans; otherwise the latest one
 * loaded (in January, before next year's plans arrive, the year that ended stays in force).
 */
export function vigenciaFor(store: Store, today: string): number | undefined {
  const year = Number(today.slice(0, 4));
  const years = vigenciasWithPlans(store);
  return years.includes(year) ? year : years[0];
}

/** The main plan of a year (PPI, else its first), or of the latest vigencia when no year is given. */
export function currentPlan(store: Store, year?: number): PlanRow | undefined {
  const vigencia = year ?? vigenciasWithPlans(store)[0];
  return vigencia === undefined ? undefined : plansOfYear(store, vigencia)[0];
}

/** The main plan of the vigencia in force on a date (see `vigenciaFor`). */
export function planForDate(store: Store, today: string): PlanRow | undefined {
  const year = vigenciaFor(store, today);
  return year === undefined ? undefined : currentPlan(store, year);
}

/** Every plan of the vigencia in force on a date. */
export function plansForDate(store: Store, today: string): PlanRow[] {
  const year = vigenciaFor(store, today);
  return year === undefined ? [] : plansOfYear(store, year);
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
 * Computed once per change of the data (see view-cache.ts): the views are shared and must not be altered;
 * the list is the caller's.
 */
export function tasksOf(store: Store, planId: number, today: string): TaskView[] {
  return sharedTasksOf(store, planId, today).slice();
}

/** Every task of the given plans, plan after plan, as of the end of `today`: one new list. */
export function tasksOfPlans(store: Store, plans: readonly PlanRow[], today: string): TaskView[] {
  // concat over the shared lists copies once (flatMap over copies cost twice as much, and slower per item).
  return ([] as TaskView[]).concat(...plans.map((plan) => sharedTasksOf(store, plan.id, today)));
}

function sharedTasksOf(store: Store, planId: number, today: string): readonly TaskView[] {
  return cachedView(store, `tasksOf:${planId}:${today}`, () => computeTasksOf(store, planId, today));
}

/** What a plan's task row holds of its own (its state as of a date comes from the events, see parts.ts). */
type TaskValues = [
  id: number,
  activityId: number,
  code: string,
  position: number,
  what: string,
  title: string,
  responsible: string,
  startDate: string,
  endDate: string,
  evidenceExpected: string,
  partsKind: TaskRow['partsKind'],
  partsSource: TaskRow['partsSource'],
];

/**
 * A plan's tasks in document order, read as arrays and built into one object shape: at thousands of tasks,
 * rows read as objects (and objects grown field by field) cost twice as much as the query.
 */
function computeTasksOf(store: Store, planId: number, today: string): TaskView[] {
  const plan = store
    .select({ code: plans.code, year: plans.year })
    .from(plans)
    .where(eq(plans.id, planId))
    .get();
  if (!plan) return [];
  const activityOf = new Map(
    store
      .select({ id: activities.id, number: activities.number, name: activities.name })
      .from(activities)
      .where(eq(activities.planId, planId))
      .all()
      .map((a) => [a.id, a]),
  );
  const rows = store.values<TaskValues>(
    sql`SELECT ${tasks.id}, ${tasks.activityId}, ${tasks.code}, ${tasks.position}, ${tasks.what}, ${tasks.title},
      ${tasks.responsible}, ${tasks.startDate}, ${tasks.endDate}, ${tasks.evidenceExpected}, ${tasks.partsKind},
      ${tasks.partsSource} FROM ${tasks} WHERE ${tasks.planId} = ${planId} ORDER BY ${tasks.position}`,
  );
  const shapes = rows.map(([id, , , , , , , startDate, endDate, , partsKind, partsSource]) => ({
    id,
    startDate,
    endDate,
    partsKind,
    partsSource,
  }));
  const states = tasksAsOf(store, planId, shapes, endOfBogotaDate(today));
  return rows.map((row) => {
    const [
      id,
      activityId,
      code,
      position,
      what,
      title,
      responsible,
      startDate,
      endDate,
      evidenceExpected,
      partsKind,
      partsSource,
    ] = row;
    const activity = activityOf.get(activityId);
    const state = states.get(id);
    const view: TaskView = {
      id,
      planId,
      activityId,
      code,
      position,
      what,
      title,
      responsible,
      startDate,
      endDate,
      evidenceExpected,
      doneAt: state?.done?.at ?? null,
      doneBy: state?.done?.by ?? null,
      verifiedAt: state?.verified?.at ?? null,
      verifiedBy: state?.verified?.by ?? null,
      partsKind,
      partsSource,
      closedReason: state?.closedReason ?? null,
      planCode: plan.code,
      planYear: plan.year,
      label: qualifiedCode(plan.code, code),
      activityNumber: activity?.number ?? 0,
      activityName: activity?.name ?? '',
      status: 'pendiente',
      lateDays: null,
      parts: state?.parts ?? null,
    };
    view.status = taskStatus(view, today);
    view.lateDays = lateDays(view);
    return view;
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
