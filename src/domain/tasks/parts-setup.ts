import { and, asc, eq, inArray, notInArray } from 'drizzle-orm';
import type { Db, Store } from '../../../db/client.ts';
import {
  type PartsKind,
  type PartsSource,
  plans,
  processes,
  taskEvents,
  taskParts,
  tasks,
  vigencias,
} from '../../../db/schema/index.ts';
import { audit, personAuthor } from '../audit/log.ts';
import type { Clock } from '../clock.ts';
import { isCoordinator, type Person } from '../directory/people.ts';
import { DomainError } from '../errors.ts';
import { normalize } from '../text.ts';
import { assertVigenciaOpen } from './vigencia-guard.ts';

/** How a task is split into parts: by process (where they are recorded), N numbered items, or not at all. */
export type PartsSpec =
  | { kind: 'procesos'; source: PartsSource }
  | { kind: 'numeradas'; target: number }
  | { kind: null };

/** The most numbered parts a task may have (a count above it is a typo, not a plan). */
export const MAX_NUMBERED_PARTS = 500;

interface TaskText {
  what: string;
  title: string;
  responsible: string;
  evidence: string;
}

/** A count the evidence starts with: «29 inventarios…», «(8) contextos…». */
function leadingCount(evidence: string): number | null {
  const match = /^\s*\(?\s*(\d{1,3})\s*\)?\s+\S/.exec(evidence);
  return match ? Number(match[1]) : null;
}

/** Text that speaks of the Alcaldía's processes as a whole: «los 29 procesos», «cada proceso», «de los procesos». */
function namesEveryProcess(text: string): boolean {
  return /\b(los \d+ procesos|cada proceso|de los procesos)\b/.test(text);
}

/**
 * The parts the plan's own words suggest: one per process when QUIÉN is the process leaders alone (whatever
 * count the evidence names) or the text speaks of every process and the evidence names no single deliverable;
 * N numbered items when the evidence names a count above one. A process task
 * about indicator measurements or risk matrices takes its parts from those records.
 */
export function proposeParts(task: TaskText): PartsSpec {
  const text = normalize(`${task.what} ${task.title}`);
  const who = normalize(task.responsible);
  const count = leadingCount(task.evidence);
  // The leaders alone do it once each, whatever single deliverable the evidence names («1 consolidado…»);
  // a text that merely mentions every process with a single deliverable is one task.
  const leaders = who === 'lideres de proceso';
  if (count === 1 && !leaders) return { kind: null };
  if (leaders || namesEveryProcess(text)) {
    if (/\bindicadores\b/.test(text)) return { kind: 'procesos', source: 'indicadores' };
    if (/\bmatrices de riesgos?\b/.test(text)) return { kind: 'procesos', source: 'riesgos' };
    return { kind: 'procesos', source: 'manual' };
  }
  if (count !== null && count > 1 && count <= MAX_NUMBERED_PARTS) return { kind: 'numeradas', target: count };
  return { kind: null };
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** The part rows a spec asks for: every process of the directory, in code order, or items 1 … N. */
function partRows(store: Store, taskId: number, spec: PartsSpec) {
  if (spec.kind === 'procesos') {
    return store
      .select({ id: processes.id, code: processes.code, name: processes.name })
      .from(processes)
      .orderBy(asc(processes.code))
      .all()
      .map((p, i) => ({ taskId, position: i + 1, processId: p.id, label: p.name }));
  }
  if (spec.kind === 'numeradas') {
    return Array.from({ length: spec.target }, (_, i) => ({
      taskId,
      position: i + 1,
      processId: null,
      label: String(i + 1),
    }));
  }
  return [];
}

/** Replaces a task's parts with those of `spec`, in the caller's transaction (no part may be done). */
export function writeParts(tx: Tx, taskId: number, spec: PartsSpec): number {
  tx.delete(taskParts).where(eq(taskParts.taskId, taskId)).run();
  tx.update(tasks)
    .set({ partsKind: spec.kind, partsSource: spec.kind === 'procesos' ? spec.source : 'manual' })
    .where(eq(tasks.id, taskId))
    .run();
  const rows = partRows(tx, taskId, spec);
  for (let i = 0; i < rows.length; i += 200)
    tx.insert(taskParts)
      .values(rows.slice(i, i + 200))
      .run();
  return rows.length;
}

/**
 * Adds a part for each process of the directory that a per-process task does not have yet (processes
 * imported after the plan); parts already there, done or not, stay as they are.
 */
export function syncProcessParts(tx: Tx): number {
  // A closed vigencia keeps its parts as they were counted.
  const shared = tx
    .select({ id: tasks.id })
    .from(tasks)
    .innerJoin(plans, eq(plans.id, tasks.planId))
    .where(
      and(
        eq(tasks.partsKind, 'procesos'),
        notInArray(plans.year, tx.select({ year: vigencias.year }).from(vigencias)),
      ),
    )
    .all()
    .map((t) => t.id);
  let added = 0;
  for (const taskId of shared) {
    const have = tx
      .select({ processId: taskParts.processId, position: taskParts.position })
      .from(taskParts)
      .where(eq(taskParts.taskId, taskId))
      .all();
    const known = have.flatMap((p) => (p.processId === null ? [] : [p.processId]));
    let position = Math.max(0, ...have.map((p) => p.position));
    const missing = tx
      .select({ id: processes.id, name: processes.name })
      .from(processes)
      .where(known.length > 0 ? notInArray(processes.id, known) : undefined)
      .orderBy(asc(processes.code))
      .all();
    for (const process of missing) {
      position += 1;
      tx.insert(taskParts).values({ taskId, position, processId: process.id, label: process.name }).run();
      added += 1;
    }
  }
  return added;
}

function describe(spec: PartsSpec): string {
  if (spec.kind === 'procesos') {
    const where = {
      manual: '',
      indicadores: ' (según sus reportes de indicadores)',
      riesgos: ' (según sus matrices de riesgos)',
    };
    return `una parte por proceso${where[spec.source]}`;
  }
  if (spec.kind === 'numeradas') return `${spec.target} partes numeradas`;
  return 'sin partes (se cumple de una vez)';
}

export { describe as describeParts };

/** The coordinator sets how a task is split; refused once a part has been done (reopen it first). */
export function setParts(
  db: Db,
  clock: Clock,
  person: Person,
  task: {
    id: number;
    code: string;
    label: string;
    planCode: string;
    planYear: number;
    partsKind: PartsKind | null;
    doneAt: string | null;
  },
  spec: PartsSpec,
): number {
  if (!isCoordinator(person))
    throw new DomainError('Solo la coordinación MIPG puede definir las partes de una tarea.');
  // A closed vigencia's tasks keep their parts: its cuts and history were counted with them.
  assertVigenciaOpen(db, task, person);
  if (
    spec.kind === 'numeradas' &&
    (!Number.isInteger(spec.target) || spec.target < 2 || spec.target > MAX_NUMBERED_PARTS)
  ) {
    throw new DomainError(
      `La meta debe ser un número entero de 2 a ${MAX_NUMBERED_PARTS}.`,
      `Ejemplo: /tarea ${task.label} meta 8 · Para que no tenga partes: /tarea ${task.label} partes ninguna`,
    );
  }
  if (task.doneAt) {
    throw new DomainError(
      `La tarea ${task.label} ya está cumplida; sus partes no se cambian.`,
      `Si hace falta, reábrala primero: /reabrir ${task.label} <motivo>`,
    );
  }
  const done = db
    .select({ id: taskParts.id })
    .from(taskParts)
    .where(
      and(
        eq(taskParts.taskId, task.id),
        inArray(
          taskParts.id,
          db.select({ id: taskEvents.partId }).from(taskEvents).where(eq(taskEvents.taskId, task.id)),
        ),
      ),
    )
    .all();
  if (done.length > 0) {
    throw new DomainError(
      `La tarea ${task.label} ya tiene partes con historia (cumplidas o reabiertas); no se pueden redefinir sin perderla.`,
      `Si la tarea ya no se mide así, ciérrela con el motivo: /tarea ${task.label} cerrar <motivo>`,
    );
  }
  return db.transaction((tx) => {
    const count = writeParts(tx, task.id, spec);
    audit(tx, clock, personAuthor(person), {
      action: 'tarea.partes',
      entity: 'tarea',
      entityId: task.label,
      before: { partsKind: task.partsKind },
      after: { partes: describe(spec), total: count },
    });
    return count;
  });
}
