import type { Db } from '../../../db/client.ts';
import { evidence, type TaskEventKind, taskEvents } from '../../../db/schema/index.ts';
import { audit, personAuthor } from '../audit/log.ts';
import type { Clock } from '../clock.ts';
import { bogotaToday } from '../clock.ts';
import { belongsToResponsible, isCoordinator, type Person } from '../directory/people.ts';
import { DomainError } from '../errors.ts';
import { assertEvidenceLink } from '../links.ts';
import { boundedText, TEXT_LIMITS, type TextField } from '../text.ts';
import type { PartView } from './parts.ts';
import { resolveTask } from './refs.ts';
import type { EvidenceRow, TaskView } from './store.ts';

/**
 * What every write to a task shares: finding it, who may change it, evidence links and notes, and the
 * history and audit entries each change leaves (actions.ts and shared-actions.ts build on these).
 */
export const NOTE: TextField = { subject: 'La nota', max: TEXT_LIMITS.long };
export const REASON: TextField = { subject: 'El motivo', max: TEXT_LIMITS.long };

/** The note as stored: clean and within its limit (see boundedText); nothing when empty. */
export function cleanNote(note: string | undefined): string | undefined {
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
export function assertUrl(url: string, allowedHosts: readonly string[]): void {
  assertEvidenceLink(
    url,
    allowedHosts,
    'La evidencia debe ser un enlace http(s), por ejemplo https://intranet.pasto.gov.co/dofa-2026.pdf',
  );
}

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

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

export function assertCoordinator(person: Person, what: string): void {
  if (!isCoordinator(person)) {
    throw new DomainError(`Solo la coordinación MIPG puede ${what}.`);
  }
}
