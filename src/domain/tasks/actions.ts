import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { tasks } from '../../../db/schema/index.ts';
import { audit, personAuthor } from '../audit/log.ts';
import type { Clock } from '../clock.ts';
import type { Person } from '../directory/people.ts';
import { DomainError } from '../errors.ts';
import { boundedText } from '../text.ts';
import { partsCount } from './part-actions.ts';
import { markPartDone } from './shared-actions.ts';
import {
  assertCanChange,
  assertCoordinator,
  assertUrl,
  cleanNote,
  insertEvidence,
  REASON,
  recordEvent,
  requireTask,
  type TaskChange,
} from './task-writes.ts';
import { assertVigenciaOpen, auditClosedChange } from './vigencia-guard.ts';

export { closeTask, reopenPart } from './shared-actions.ts';
export {
  assertCanChange,
  insertEvidence,
  recordEvent,
  requireTask,
  type TaskChange,
} from './task-writes.ts';

/** Records an evidence link for a task; `allowedHosts` is MIPG_EVIDENCIA_HOSTS. */
export function addEvidence(
  db: Db,
  clock: Clock,
  person: Person,
  code: string,
  url: string,
  note?: string,
  allowedHosts: readonly string[] = [],
  reason?: string,
): TaskChange {
  const task = requireTask(db, clock, code);
  const exception = assertVigenciaOpen(db, task, person, reason);
  assertCanChange(db, person, task);
  assertUrl(url, allowedHosts);
  const clean = cleanNote(note);
  const row = db.transaction((tx) => {
    auditClosedChange(tx, clock, person, task, exception, 'evidencia.agregar');
    return insertEvidence(tx, clock, person, task, url, clean);
  });
  return { task: requireTask(db, clock, code), evidence: row };
}

/**
 * Marks a task done with its evidence link; a task already done just gets the new evidence.
 * A shared task gets one part done instead: the one `partRef` names (process or number), else the
 * person's own process's part, else the next numbered one. `allowedHosts` is MIPG_EVIDENCIA_HOSTS;
 * `reason` is the coordinator's, needed for a task of a closed vigencia.
 */
export function markDone(
  db: Db,
  clock: Clock,
  person: Person,
  code: string,
  url: string,
  note?: string,
  allowedHosts: readonly string[] = [],
  partRef?: string,
  reason?: string,
): TaskChange {
  const task = requireTask(db, clock, code);
  const exception = assertVigenciaOpen(db, task, person, reason);
  if (task.parts && !task.doneAt)
    return markPartDone(db, clock, person, task, url, note, allowedHosts, partRef, exception);
  assertCanChange(db, person, task);
  assertUrl(url, allowedHosts);
  const clean = cleanNote(note);
  const alreadyDone = task.doneAt !== null;
  const row = db.transaction((tx) => {
    auditClosedChange(tx, clock, person, task, exception, 'tarea.cumplida');
    const added = insertEvidence(tx, clock, person, task, url, clean);
    if (!alreadyDone) {
      const doneAt = clock.now().toISOString();
      tx.update(tasks).set({ doneAt, doneBy: person.id }).where(eq(tasks.id, task.id)).run();
      recordEvent(tx, { taskId: task.id, kind: 'cumplida', at: doneAt, personId: person.id });
      audit(tx, clock, personAuthor(person), {
        action: 'tarea.cumplida',
        entity: 'tarea',
        entityId: task.label,
        before: { doneAt: null },
        after: { doneAt, doneBy: person.email },
      });
    }
    return added;
  });
  return { task: requireTask(db, clock, code), evidence: row, alreadyDone };
}

/** The coordinator confirms a done task's evidence (with a reason in a closed vigencia). */
export function verifyTask(db: Db, clock: Clock, person: Person, code: string, reason?: string): TaskChange {
  assertCoordinator(person, 'verificar tareas');
  const task = requireTask(db, clock, code);
  const exception = assertVigenciaOpen(db, task, person, reason);
  if (!task.doneAt) {
    throw new DomainError(
      `La tarea ${code} aún no está cumplida; no hay nada que verificar.`,
      `Primero se marca con /cumplida ${code} <enlace>.`,
    );
  }
  db.transaction((tx) => {
    auditClosedChange(tx, clock, person, task, exception, 'tarea.verificar');
    const verifiedAt = clock.now().toISOString();
    tx.update(tasks).set({ verifiedAt, verifiedBy: person.id }).where(eq(tasks.id, task.id)).run();
    recordEvent(tx, { taskId: task.id, kind: 'verificada', at: verifiedAt, personId: person.id });
    audit(tx, clock, personAuthor(person), {
      action: 'tarea.verificar',
      entity: 'tarea',
      entityId: task.label,
      before: { verifiedAt: task.verifiedAt },
      after: { verifiedAt },
    });
  });
  return { task: requireTask(db, clock, code) };
}

/** The coordinator reopens a done task (its evidence stays recorded). */
export function reopenTask(db: Db, clock: Clock, person: Person, code: string, reason?: string): TaskChange {
  assertCoordinator(person, 'reabrir tareas');
  const why = reason === undefined ? undefined : boundedText(reason, REASON) || undefined;
  const task = requireTask(db, clock, code);
  const exception = assertVigenciaOpen(db, task, person, why);
  if (!task.doneAt) {
    throw new DomainError(`La tarea ${code} no está cumplida; ya está abierta.`);
  }
  if (task.parts?.source === 'manual' && !task.closedReason && task.parts.done === task.parts.target) {
    throw new DomainError(
      `La tarea ${code} quedó cumplida al completarse sus partes (${partsCount(task.parts)}).`,
      `Reabra la parte que corresponda: /reabrir ${code} parte <proceso o número> <motivo>`,
    );
  }
  db.transaction((tx) => {
    auditClosedChange(tx, clock, person, task, exception, 'tarea.reabrir');
    tx.update(tasks)
      .set({ doneAt: null, doneBy: null, verifiedAt: null, verifiedBy: null, closedReason: null })
      .where(eq(tasks.id, task.id))
      .run();
    recordEvent(tx, {
      taskId: task.id,
      kind: 'reabierta',
      at: clock.now().toISOString(),
      personId: person.id,
      reason: why ?? null,
    });
    audit(tx, clock, personAuthor(person), {
      action: 'tarea.reabrir',
      entity: 'tarea',
      entityId: task.label,
      before: { doneAt: task.doneAt, verifiedAt: task.verifiedAt },
      after: { doneAt: null, reason: why ?? null },
    });
  });
  return { task: requireTask(db, clock, code) };
}
