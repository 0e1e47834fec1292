import { and, asc, count, eq, isNotNull } from 'drizzle-orm';
import type { Tx } from '../../../db/client.ts';
import { type PartsKind, type PartsSource, taskEvents, taskParts, tasks } from '../../../db/schema/index.ts';
import type { ParsedTask } from './parsed-plan.ts';
import { describeParts, type PartsSpec, proposeParts, writeParts } from './parts-setup.ts';

type TaskRow = typeof tasks.$inferSelect;

function partCount(tx: Tx, taskId: number): number {
  return tx.select({ n: count() }).from(taskParts).where(eq(taskParts.taskId, taskId)).get()?.n ?? 0;
}

/** How a stored task is split now. */
export function storedParts(tx: Tx, row: TaskRow): PartsSpec {
  if (row.partsKind === 'procesos') return { kind: 'procesos', source: row.partsSource };
  if (row.partsKind === 'numeradas') return { kind: 'numeradas', target: partCount(tx, row.id) };
  return { kind: null };
}

export function sameParts(a: PartsSpec, b: PartsSpec): boolean {
  if (a.kind === 'procesos' && b.kind === 'procesos') return a.source === b.source;
  if (a.kind === 'numeradas' && b.kind === 'numeradas') return a.target === b.target;
  return a.kind === null && b.kind === null;
}

/** A new task's parts: those the file sets, else those the plan's words suggest. Returns what was written. */
export function partsOfNewTask(tx: Tx, taskId: number, task: ParsedTask): PartsSpec {
  const { what, title, responsible, evidence } = task;
  const spec = task.parts ?? proposeParts({ what, title, responsible, evidence });
  writeParts(tx, taskId, spec);
  return spec;
}

/** Why a task's parts may not be redefined: redefining would erase the history of its parts. */
function lockReason(tx: Tx, row: TaskRow): string | null {
  if (row.doneAt) return 'la tarea ya está cumplida';
  const history = tx
    .select({ id: taskEvents.id })
    .from(taskEvents)
    .where(and(eq(taskEvents.taskId, row.id), isNotNull(taskEvents.partId)))
    .limit(1)
    .get();
  return history ? 'ya tiene partes cumplidas o reabiertas' : null;
}

export type PartsChange = { before: PartsSpec; after: PartsSpec } | { kept: string } | null;

/**
 * What a re-import does to a stored task's parts: nothing when the file says nothing of them (parts the
 * coordinator set by chat stay) or says what the task has; otherwise it writes the file's, unless a part
 * has a history (done or reopened) or the task is done: then they are kept, with the reason in Spanish.
 */
export function reimportParts(tx: Tx, row: TaskRow, given: PartsSpec | undefined): PartsChange {
  if (!given) return null;
  const before = storedParts(tx, row);
  if (sameParts(before, given)) return null;
  const locked = lockReason(tx, row);
  if (locked) {
    return {
      kept: `${locked}; el archivo pide ${describeParts(given)} y se dejaron como estaban (${describeParts(before)}).`,
    };
  }
  writeParts(tx, row.id, given);
  return { before, after: given };
}

/** A plan's shared task after an import: how it is split and how many parts it has. */
export interface SharedTask {
  code: string;
  kind: PartsKind;
  source: PartsSource;
  parts: number;
}

/** A plan's shared tasks in document order. */
export function sharedTasks(tx: Tx, planId: number): SharedTask[] {
  return tx
    .select({
      code: tasks.code,
      kind: tasks.partsKind,
      source: tasks.partsSource,
      parts: count(taskParts.id),
    })
    .from(tasks)
    .leftJoin(taskParts, eq(taskParts.taskId, tasks.id))
    .where(and(eq(tasks.planId, planId), isNotNull(tasks.partsKind)))
    .groupBy(tasks.id)
    .orderBy(asc(tasks.position))
    .all()
    .flatMap(({ kind, ...task }) => (kind === null ? [] : [{ ...task, kind }]));
}
