import { differenceInCalendarDays, parseISO } from 'date-fns';
import { and, asc, eq, lt } from 'drizzle-orm';
import type { Store } from '../../../db/client.ts';
import { evidence, people, plans, tasks } from '../../../db/schema/index.ts';
import { DomainError } from '../errors.ts';
import { endOfBogotaDate } from '../tasks/history.ts';
import { type TaskView, tasksOf } from '../tasks/store.ts';
import type {
  PlanSnapshot,
  SnapshotActivity,
  SnapshotEvidence,
  SnapshotTask,
  TasksSnapshot,
} from './snapshot-types.ts';
import { attendanceLines, indicatorSummary, riskSummary } from './summaries.ts';

/** One decimal, the precision every % of a snapshot is kept at. */
export function roundPercent(value: number): number {
  return Math.round(value * 10) / 10;
}

/**
 * What a task's dates said should be done by the end of `date`: the share of its days elapsed
 * (0 before its start, 100 from its end date on).
 */
export function scheduledPercent(task: { startDate: string; endDate: string }, date: string): number {
  if (date < task.startDate) return 0;
  if (date >= task.endDate) return 100;
  const total = differenceInCalendarDays(parseISO(task.endDate), parseISO(task.startDate)) + 1;
  const elapsed = differenceInCalendarDays(parseISO(date), parseISO(task.startDate)) + 1;
  return (elapsed / total) * 100;
}

/** What was done: 100 when done, else the share of its parts done, else 0. */
export function executedPercent(task: Pick<TaskView, 'doneAt' | 'parts'>): number {
  if (task.doneAt) return 100;
  if (task.parts && task.parts.target > 0) return (task.parts.done / task.parts.target) * 100;
  return 0;
}

function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

function evidenceBefore(store: Store, planId: number, until: string, names: Map<number, string>) {
  const byTask = new Map<number, SnapshotEvidence[]>();
  for (const row of store
    .select({ e: evidence })
    .from(evidence)
    .innerJoin(tasks, eq(tasks.id, evidence.taskId))
    .where(and(eq(tasks.planId, planId), lt(evidence.createdAt, until)))
    .orderBy(asc(evidence.createdAt), asc(evidence.id))
    .all()) {
    const e = row.e;
    const list = byTask.get(e.taskId) ?? [];
    list.push({
      url: e.url,
      note: e.note,
      by: e.personId === null ? 'sistema' : (names.get(e.personId) ?? 'desconocido'),
      at: e.createdAt,
    });
    byTask.set(e.taskId, list);
  }
  return byTask;
}

function snapshotTask(
  task: TaskView,
  date: string,
  links: SnapshotEvidence[],
  names: Map<number, string>,
): SnapshotTask {
  const who = (id: number | null) => (id === null ? null : (names.get(id) ?? 'desconocido'));
  return {
    code: task.code,
    title: task.title,
    what: task.what,
    activityNumber: task.activityNumber,
    activityName: task.activityName,
    responsible: task.responsible,
    startDate: task.startDate,
    endDate: task.endDate,
    evidenceExpected: task.evidenceExpected,
    status: task.status,
    scheduled: roundPercent(scheduledPercent(task, date)),
    executed: roundPercent(executedPercent(task)),
    late: task.lateDays !== null,
    lateDays: task.lateDays,
    doneAt: task.doneAt,
    doneBy: who(task.doneBy),
    verifiedAt: task.verifiedAt,
    closedReason: task.closedReason,
    parts: task.parts
      ? {
          target: task.parts.target,
          done: task.parts.done,
          items: task.parts.items.map((p) => ({
            label: p.label,
            processCode: p.processCode,
            doneAt: p.doneAt,
            by: who(p.doneBy),
          })),
        }
      : null,
    evidence: links,
  };
}

function activitiesOf(list: TaskView[], shown: SnapshotTask[]): SnapshotActivity[] {
  const byNumber = new Map<number, SnapshotActivity & { s: number[]; e: number[] }>();
  list.forEach((task, i) => {
    const t = shown[i] as SnapshotTask;
    const a = byNumber.get(task.activityNumber) ?? {
      number: task.activityNumber,
      name: task.activityName,
      tasks: 0,
      done: 0,
      overdue: 0,
      late: 0,
      scheduled: 0,
      executed: 0,
      s: [],
      e: [],
    };
    a.tasks += 1;
    if (t.status === 'cumplida') a.done += 1;
    if (t.status === 'vencida') a.overdue += 1;
    if (t.late) a.late += 1;
    a.s.push(t.scheduled);
    a.e.push(t.executed);
    byNumber.set(task.activityNumber, a);
  });
  return [...byNumber.values()].map(({ s, e, ...a }) => ({
    ...a,
    scheduled: roundPercent(mean(s)),
    executed: roundPercent(mean(e)),
  }));
}

/** People's names by id: snapshots name people, never show their e-mail or chat ids. */
function namesOf(store: Store): Map<number, string> {
  return new Map(
    store
      .select({ id: people.id, name: people.name })
      .from(people)
      .all()
      .map((p) => [p.id, p.name]),
  );
}

/**
 * A plan's tasks as they stood at the end of `date` (Bogotá): each task's state, scheduled and executed %
 * and evidence recorded by then, its activities and counts. The plan's % is the mean of its activities'.
 */
export function tasksSnapshot(
  store: Store,
  planId: number,
  date: string,
  names: Map<number, string> = namesOf(store),
): TasksSnapshot {
  const list = tasksOf(store, planId, date);
  const links = evidenceBefore(store, planId, endOfBogotaDate(date), names);
  const shown = list.map((t) => snapshotTask(t, date, links.get(t.id) ?? [], names));
  return summed(activitiesOf(list, shown), shown);
}

/** Counts and % of tasks already shaped: the % is the mean of the activities' (see `tasksSnapshot`). */
export function summed(activities: SnapshotActivity[], shown: SnapshotTask[]): TasksSnapshot {
  const count = (status: SnapshotTask['status']) => shown.filter((t) => t.status === status).length;
  return {
    scheduled: roundPercent(mean(activities.map((a) => a.scheduled))),
    executed: roundPercent(mean(activities.map((a) => a.executed))),
    counts: {
      total: shown.length,
      done: count('cumplida'),
      overdue: count('vencida'),
      late: shown.filter((t) => t.late).length,
      inProgress: count('en_curso'),
      pending: count('pendiente'),
    },
    activities,
    tasks: shown,
  };
}

/**
 * The plan as it stood at the end of `date` (Bogotá): its tasks (see `tasksSnapshot`) and the quarter's
 * indicator, risk and attendance summaries from `periodStart`.
 */
export function planSnapshot(store: Store, planId: number, date: string, periodStart: string): PlanSnapshot {
  const plan = store.select().from(plans).where(eq(plans.id, planId)).get();
  if (!plan) throw new DomainError('No existe ese plan.');
  return {
    date,
    year: plan.year,
    planTitle: plan.title,
    ...tasksSnapshot(store, planId, date),
    ...followUp(store, plan.year, date, periodStart),
  };
}

/** The quarter's indicator, risk and attendance summaries from `periodStart` to the end of `date`. */
export function followUp(
  store: Store,
  year: number,
  date: string,
  periodStart: string,
): Pick<PlanSnapshot, 'indicators' | 'risks' | 'attendance'> {
  const until = endOfBogotaDate(date);
  return {
    indicators: indicatorSummary(store, periodStart, date, until),
    risks: riskSummary(store, year, until),
    attendance: attendanceLines(store, periodStart, until),
  };
}
