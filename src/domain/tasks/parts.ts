import { and, asc, eq, lt } from 'drizzle-orm';
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

type PartRow = typeof taskParts.$inferSelect & { processCode: string | null };

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
  const rows = store
    .select({ part: taskParts, processCode: processes.code })
    .from(taskParts)
    .innerJoin(tasks, eq(tasks.id, taskParts.taskId))
    .leftJoin(processes, eq(processes.id, taskParts.processId))
    .where(eq(tasks.planId, planId))
    .orderBy(asc(taskParts.taskId), asc(taskParts.position))
    .all();
  const byTask = new Map<number, PartRow[]>();
  for (const { part, processCode } of rows) {
    const list = byTask.get(part.taskId) ?? [];
    list.push({ ...part, processCode });
    byTask.set(part.taskId, list);
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
