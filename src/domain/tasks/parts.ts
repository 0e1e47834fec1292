import { and, asc, eq, lt, sql } from 'drizzle-orm';
import type { Store } from '../../../db/client.ts';
import {
  type PartsKind,
  type PartsSource,
  processes,
  taskEvents,
  taskParts,
  tasks,
} from '../../../db/schema/index.ts';
import { indicatorPartsDone, matrixPartsDone } from './derived-parts.ts';
import { type ReplayedTask, replay, type Stamp, type TaskEvent } from './history.ts';

/** One part of a shared task at some date. */
export interface PartView {
  id: number;
  position: number;
  label: string;
  processId: number | null;
  processCode: string | null;
  doneAt: string | null;
  doneBy: number | null;
}

export interface TaskParts {
  kind: PartsKind;
  source: PartsSource;
  target: number;
  done: number;
  items: PartView[];
}

/** A task's state at an instant: its own events replayed, and its parts. */
export interface TaskState {
  done: Stamp | null;
  verified: Stamp | null;
  closedReason: string | null;
  parts: TaskParts | null;
}

/** What the state of a part is worked out from: the part (its own done columns are not read) and its process. */
interface PartRow {
  id: number;
  position: number;
  label: string;
  processId: number | null;
  processCode: string | null;
}

interface TaskShape {
  id: number;
  startDate: string;
  endDate: string;
  partsKind: PartsKind | null;
  partsSource: PartsSource;
}

/** The events of a plan's tasks recorded before `until`, in the order they happened. */
function planEvents(store: Store, planId: number, until: string): TaskEvent[] {
  return store
    .select({
      taskId: taskEvents.taskId,
      partId: taskEvents.partId,
      kind: taskEvents.kind,
      at: taskEvents.at,
      personId: taskEvents.personId,
      reason: taskEvents.reason,
    })
    .from(taskEvents)
    .innerJoin(tasks, eq(tasks.id, taskEvents.taskId))
    .where(and(eq(tasks.planId, planId), lt(taskEvents.at, until)))
    .orderBy(asc(taskEvents.at), asc(taskEvents.id))
    .all();
}

function planParts(store: Store, planId: number): Map<number, PartRow[]> {
  // Read as arrays: a vigencia's shared tasks have thousands of parts (one per process each).
  const rows = store.values<[number, number, number, string, number | null, string | null]>(
    sql`SELECT ${taskParts.taskId}, ${taskParts.id}, ${taskParts.position}, ${taskParts.label},
      ${taskParts.processId}, ${processes.code} FROM ${taskParts}
      INNER JOIN ${tasks} ON ${tasks.id} = ${taskParts.taskId}
      LEFT JOIN ${processes} ON ${processes.id} = ${taskParts.processId}
      WHERE ${tasks.planId} = ${planId} ORDER BY ${taskParts.taskId}, ${taskParts.position}`,
  );
  const byTask = new Map<number, PartRow[]>();
  for (const [taskId, id, position, label, processId, processCode] of rows) {
    const part: PartRow = { id, position, label, processId, processCode };
    const list = byTask.get(taskId);
    if (list) list.push(part);
    else byTask.set(taskId, [part]);
  }
  return byTask;
}

/** When each part was done by `until`, from wherever the task's parts are recorded. */
function partStamps(
  store: Store,
  task: TaskShape,
  rows: PartRow[],
  replayed: ReplayedTask | undefined,
  until: string,
): (Stamp | null)[] {
  if (task.partsSource === 'indicadores') {
    const done = indicatorPartsDone(store, task, until);
    return rows.map((r) => (r.processId === null ? null : (done.get(r.processId) ?? null)));
  }
  if (task.partsSource === 'riesgos') {
    const done = matrixPartsDone(store, Number(task.endDate.slice(0, 4)), until);
    return rows.map((r) => (r.processCode === null ? null : (done.get(r.processCode) ?? null)));
  }
  return rows.map((r) => replayed?.parts.get(r.id) ?? null);
}

/**
 * The state of each task of a plan before `until` (an ISO instant): done, verified, closed and its parts.
 * A task whose parts are read from indicators or risk matrices is done once every part is.
 */
export function tasksAsOf(
  store: Store,
  planId: number,
  rows: readonly TaskShape[],
  until: string,
): Map<number, TaskState> {
  const replayed = replay(planEvents(store, planId, until), until);
  const shared = rows.some((t) => t.partsKind !== null);
  const parts = shared ? planParts(store, planId) : new Map<number, PartRow[]>();
  const states = new Map<number, TaskState>();
  for (const task of rows) {
    const own = replayed.get(task.id);
    const state: TaskState = {
      done: own?.done ?? null,
      verified: own?.verified ?? null,
      closedReason: own?.closedReason ?? null,
      parts: null,
    };
    const partRows = task.partsKind === null ? [] : (parts.get(task.id) ?? []);
    if (task.partsKind !== null && partRows.length > 0) {
      const stamps = partStamps(store, task, partRows, own, until);
      const items = partRows.map((r, i) => ({
        id: r.id,
        position: r.position,
        label: r.label,
        processId: r.processId,
        processCode: r.processCode,
        doneAt: stamps[i]?.at ?? null,
        doneBy: stamps[i]?.by ?? null,
      }));
      const done = stamps.filter((s) => s !== null);
      state.parts = {
        kind: task.partsKind,
        source: task.partsSource,
        target: items.length,
        done: done.length,
        items,
      };
      if (task.partsSource !== 'manual' && !state.done && done.length === items.length) {
        state.done = done.reduce((a, b) => (b.at > a.at ? b : a));
      }
    }
    states.set(task.id, state);
  }
  return states;
}
