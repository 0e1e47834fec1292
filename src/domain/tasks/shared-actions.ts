import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { taskParts, tasks } from '../../../db/schema/index.ts';
import { audit, personAuthor } from '../audit/log.ts';
import type { Clock } from '../clock.ts';
import type { Person } from '../directory/people.ts';
import { DomainError } from '../errors.ts';
import { boundedText } from '../text.ts';
import {
  assertManualParts,
  completePartIn,
  mayRecordPart,
  partName,
  partsCount,
  resolvePart,
} from './part-actions.ts';
import { refValue } from './refs.ts';
import type { TaskView } from './store.ts';
import {
  assertCoordinator,
  assertUrl,
  cleanNote,
  insertEvidence,
  REASON,
  recordEvent,
  requireTask,
  type TaskChange,
} from './task-writes.ts';
import { assertVigenciaOpen, auditClosedChange, type ClosedVigenciaChange } from './vigencia-guard.ts';

export function markPartDone(
  db: Db,
  clock: Clock,
  person: Person,
  task: TaskView,
  url: string,
  note: string | undefined,
  allowedHosts: readonly string[],
  partRef: string | undefined,
  exception: ClosedVigenciaChange | undefined,
): TaskChange {
  assertManualParts(task);
  const part = resolvePart(task, person, partRef);
  if (!mayRecordPart(db, person, task, part)) {
    throw new DomainError(
      `No puede registrar la parte ${partName(part)} de la tarea ${task.label}.`,
      'La registra el líder o delegado de ese proceso, el equipo responsable de la tarea o la coordinación MIPG.',
    );
  }
  assertUrl(url, allowedHosts);
  const clean = cleanNote(note);
  const row = db.transaction((tx) => {
    auditClosedChange(tx, clock, person, task, exception, 'tarea.parte_cumplida');
    const added = insertEvidence(tx, clock, person, task, url, clean);
    if (part.doneAt === null) {
      completePartIn(tx, clock, person, task, part, added, (event) =>
        recordEvent(tx, { taskId: task.id, personId: person.id, ...event }),
      );
    }
    return added;
  });
  const after = requireTask(db, clock, refValue(task));
  const updated = after.parts?.items.find((p) => p.id === part.id) ?? part;
  return { task: after, evidence: row, part: updated, partAlreadyDone: part.doneAt !== null };
}

/** The coordinator undoes one part of a shared task (and the task, if it was done), with the reason. */
export function reopenPart(
  db: Db,
  clock: Clock,
  person: Person,
  code: string,
  partRef: string,
  reason?: string,
): TaskChange {
  assertCoordinator(person, 'reabrir partes de tareas');
  const why = reason === undefined ? undefined : boundedText(reason, REASON) || undefined;
  const task = requireTask(db, clock, code);
  const exception = assertVigenciaOpen(db, task, person, why);
  if (!task.parts)
    throw new DomainError(`La tarea ${code} no tiene partes.`, `Para reabrirla: /reabrir ${code} <motivo>`);
  assertManualParts(task);
  const part = resolvePart(task, person, partRef);
  if (part.doneAt === null)
    throw new DomainError(`La parte ${partName(part)} de la tarea ${code} no está cumplida.`);
  db.transaction((tx) => {
    auditClosedChange(tx, clock, person, task, exception, 'tarea.parte_reabierta');
    const at = clock.now().toISOString();
    tx.update(taskParts)
      .set({ doneAt: null, doneBy: null, evidenceId: null })
      .where(eq(taskParts.id, part.id))
      .run();
    recordEvent(tx, {
      taskId: task.id,
      partId: part.id,
      kind: 'parte_reabierta',
      at,
      personId: person.id,
      reason: why ?? null,
    });
    if (task.doneAt) {
      tx.update(tasks)
        .set({ doneAt: null, doneBy: null, verifiedAt: null, verifiedBy: null, closedReason: null })
        .where(eq(tasks.id, task.id))
        .run();
      recordEvent(tx, { taskId: task.id, kind: 'reabierta', at, personId: person.id, reason: why ?? null });
    }
    audit(tx, clock, personAuthor(person), {
      action: 'tarea.parte_reabierta',
      entity: 'tarea',
      entityId: task.label,
      before: { parte: part.processCode ?? part.label, doneAt: part.doneAt },
      after: { doneAt: null, reason: why ?? null },
    });
  });
  return { task: requireTask(db, clock, code), part };
}

/** The coordinator closes an open task (a shared one before all its parts are done) with the reason. */
export function closeTask(db: Db, clock: Clock, person: Person, code: string, reason: string): TaskChange {
  assertCoordinator(person, 'cerrar tareas');
  const why = boundedText(reason, REASON);
  if (!why) {
    throw new DomainError(
      'Falta el motivo del cierre.',
      `Ejemplo: /tarea ${code} cerrar 27 de 29 procesos; 2 procesos fusionados`,
    );
  }
  const task = requireTask(db, clock, code);
  const exception = assertVigenciaOpen(db, task, person, why);
  if (task.doneAt) throw new DomainError(`La tarea ${code} ya está cumplida.`);
  db.transaction((tx) => {
    auditClosedChange(tx, clock, person, task, exception, 'tarea.cerrar');
    const at = clock.now().toISOString();
    tx.update(tasks)
      .set({ doneAt: at, doneBy: person.id, closedReason: why })
      .where(eq(tasks.id, task.id))
      .run();
    recordEvent(tx, { taskId: task.id, kind: 'cerrada', at, personId: person.id, reason: why });
    audit(tx, clock, personAuthor(person), {
      action: 'tarea.cerrar',
      entity: 'tarea',
      entityId: task.label,
      before: { doneAt: null, partes: task.parts ? partsCount(task.parts) : null },
      after: { doneAt: at, reason: why },
    });
  });
  return { task: requireTask(db, clock, code) };
}
