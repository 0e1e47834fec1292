import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { evidence, type TaskEventKind, taskEvents, taskParts, tasks } from '../../../db/schema/index.ts';
import { audit, personAuthor } from '../audit/log.ts';
import type { Clock } from '../clock.ts';
import { bogotaToday } from '../clock.ts';
import { belongsToResponsible, isCoordinator, type Person } from '../directory/people.ts';
import { DomainError } from '../errors.ts';
import { assertEvidenceLink } from '../links.ts';
import { boundedText, TEXT_LIMITS, type TextField } from '../text.ts';
import {
  assertManualParts,
  completePartIn,
  mayRecordPart,
  partName,
  partsCount,
  resolvePart,
} from './part-actions.ts';
import type { PartView } from './parts.ts';
import { refValue, resolveTask } from './refs.ts';
import type { EvidenceRow, TaskView } from './store.ts';
import { assertVigenciaOpen, auditClosedChange, type ClosedVigenciaChange } from './vigencia-guard.ts';

const NOTE: TextField = { subject: 'La nota', max: TEXT_LIMITS.long };
const REASON: TextField = { subject: 'El motivo', max: TEXT_LIMITS.long };

/** The note as stored: clean and within its limit (see boundedText); nothing when empty. */
function cleanNote(note: string | undefined): string | undefined {
  return note === undefined ? undefined : boundedText(note, NOTE) || undefined;
}

export interface TaskChange {
  task: TaskView;
  evidence?: EvidenceRow;
  alreadyDone?: boolean;
  /** Shared tasks: the part this change was about, and whether it was already done. */
  part?: PartView;
  partAlreadyDone?: boolean;
}

/**
 * Finds a task by code in the plans in force (`2.3`, `PTH 2.3`, or a button's `PTH-2027-2.3`), or explains in
 * Spanish that it does not exist or that several plans have it.
 */
export function requireTask(db: Db, clock: Clock, code: string): TaskView {
  return resolveTask(db, bogotaToday(clock), code);
}

/** Only people of the task's responsible team, or the coordinator, may change it. */
export function assertCanChange(db: Db, person: Person, task: TaskView): void {
  if (isCoordinator(person) || belongsToResponsible(db, person, task.responsible)) return;
  throw new DomainError(
    `No puede modificar la tarea ${task.label}: corresponde a «${task.responsible}».`,
    'Solo las personas de ese equipo o la coordinación MIPG pueden marcarla o agregarle evidencias.',
  );
}

/** An http(s) link that leads outside the machine and the private network, or a host in `allowedHosts`. */
function assertUrl(url: string, allowedHosts: readonly string[]): void {
  assertEvidenceLink(
    url,
    allowedHosts,
    'La evidencia debe ser un enlace http(s), por ejemplo https://intranet.pasto.gov.co/dofa-2026.pdf',
  );
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Appends to the task's history (see `task_events`), in the caller's transaction. */
export function recordEvent(
  tx: Tx,
  event: {
    taskId: number;
    kind: TaskEventKind;
    at: string;
    personId: number | null;
    partId?: number;
    reason?: string | null;
  },
): void {
  tx.insert(taskEvents)
    .values({ ...event, partId: event.partId ?? null, reason: event.reason ?? null })
    .run();
}

export function insertEvidence(
  tx: Tx,
  clock: Clock,
  person: Person,
  task: TaskView,
  url: string,
  note: string | undefined,
): EvidenceRow {
  const row = tx
    .insert(evidence)
    .values({
      taskId: task.id,
      url,
      note: note || null,
      personId: person.id,
      createdAt: clock.now().toISOString(),
    })
    .returning()
    .get();
  audit(tx, clock, personAuthor(person), {
    action: 'evidencia.agregar',
    entity: 'tarea',
    entityId: task.label,
    after: { url, note: note || null },
  });
  return row;
}

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

function markPartDone(
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

function assertCoordinator(person: Person, what: string): void {
  if (!isCoordinator(person)) {
    throw new DomainError(`Solo la coordinación MIPG puede ${what}.`);
  }
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
