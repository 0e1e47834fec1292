import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { taskParts, tasks } from '../../../db/schema/index.ts';
import { audit, personAuthor } from '../audit/log.ts';
import type { Clock } from '../clock.ts';
import { belongsToResponsible, isCoordinator, type Person } from '../directory/people.ts';
import { DomainError } from '../errors.ts';
import { normalize } from '../text.ts';
import type { PartView } from './parts.ts';
import type { EvidenceRow, TaskView } from './store.ts';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Whether the person answers for the process of a part: its leader or delegate. */
function leadsProcess(person: Person, part: PartView): boolean {
  return (
    part.processId !== null &&
    person.processId === part.processId &&
    ['lider', 'delegado'].includes(person.role)
  );
}

/** Who may record a part: its process's leader or delegate, the task's team, or the coordination. */
export function mayRecordPart(db: Db, person: Person, task: TaskView, part: PartView): boolean {
  return (
    isCoordinator(person) || leadsProcess(person, part) || belongsToResponsible(db, person, task.responsible)
  );
}

/** How a part is named after «la parte»: «GTH (Gestión del Talento Humano)» or «3». */
export function partName(part: PartView): string {
  return part.processCode ? `${part.processCode} (${part.label})` : part.label;
}

/** «14 de 29 procesos», «3 de 8». */
export function partsCount(parts: { kind: string; done: number; target: number }): string {
  return `${parts.done} de ${parts.target}${parts.kind === 'procesos' ? ' procesos' : ''}`;
}

function partsHelp(task: TaskView): string {
  return task.parts?.kind === 'procesos'
    ? `Indique el proceso: /cumplida ${task.label} <proceso> <enlace>, por ejemplo /cumplida ${task.label} ${task.parts.items[0]?.processCode ?? 'GTH'} https://…`
    : `Indique el número de la parte: /cumplida ${task.label} <número> <enlace>`;
}

/**
 * The part a person means: the one named (process code or name, or item number), else their own
 * process's part, else (numbered items) the first not done yet.
 */
export function resolvePart(task: TaskView, person: Person, ref: string | undefined): PartView {
  const parts = task.parts;
  if (!parts) throw new DomainError(`La tarea ${task.label} no tiene partes.`);
  if (ref !== undefined && ref !== '') {
    const wanted = normalize(ref);
    const found = parts.items.find(
      (p) =>
        (p.processCode !== null && normalize(p.processCode) === wanted) ||
        normalize(p.label) === wanted ||
        String(p.position) === wanted,
    );
    if (!found) {
      throw new DomainError(
        `La tarea ${task.label} no tiene la parte «${ref}».`,
        parts.kind === 'procesos'
          ? `Sus partes son los procesos: ${parts.items.map((p) => p.processCode).join(', ')}.`
          : `Sus partes van de 1 a ${parts.target}.`,
      );
    }
    return found;
  }
  const own = parts.items.find((p) => leadsProcess(person, p));
  if (own) return own;
  if (parts.kind === 'numeradas') {
    const next = parts.items.find((p) => p.doneAt === null);
    if (next) return next;
  }
  throw new DomainError(
    `La tarea ${task.label} se cumple por partes (${partsCount(parts)}) y usted no lidera ninguno de sus procesos.`,
    partsHelp(task),
  );
}

/** Refuses parts that are kept elsewhere (indicator reports, risk matrices): no double entry. */
export function assertManualParts(task: TaskView): void {
  const source = task.parts?.source;
  if (source === 'indicadores') {
    throw new DomainError(
      `El avance de la tarea ${task.label} se toma de los reportes de indicadores de cada proceso (${partsCount(task.parts ?? { kind: 'procesos', done: 0, target: 0 })}).`,
      'Cada líder reporta con /reportar indicador; la parte de su proceso queda cumplida al reportar todos sus periodos.',
    );
  }
  if (source === 'riesgos') {
    throw new DomainError(
      `El avance de la tarea ${task.label} se toma de las matrices de riesgos de cada proceso (${partsCount(task.parts ?? { kind: 'procesos', done: 0, target: 0 })}).`,
      'Cada líder envía su matriz con /reportar riesgos <enlace>.',
    );
  }
}

/**
 * Marks one part done with the evidence just inserted (in the caller's transaction); when it was the last
 * one, the task is done too. Returns whether the task became done.
 */
export function completePartIn(
  tx: Tx,
  clock: Clock,
  person: Person,
  task: TaskView,
  part: PartView,
  added: EvidenceRow,
  record: (event: { kind: 'parte_cumplida' | 'cumplida'; partId?: number; at: string }) => void,
): boolean {
  const at = clock.now().toISOString();
  tx.update(taskParts)
    .set({ doneAt: at, doneBy: person.id, evidenceId: added.id })
    .where(eq(taskParts.id, part.id))
    .run();
  record({ kind: 'parte_cumplida', partId: part.id, at });
  audit(tx, clock, personAuthor(person), {
    action: 'tarea.parte_cumplida',
    entity: 'tarea',
    entityId: task.label,
    after: { parte: part.processCode ?? part.label, evidencia: added.url },
  });
  const remaining = (task.parts?.items ?? []).filter((p) => p.doneAt === null && p.id !== part.id);
  if (remaining.length > 0) return false;
  tx.update(tasks).set({ doneAt: at, doneBy: person.id }).where(eq(tasks.id, task.id)).run();
  record({ kind: 'cumplida', at });
  audit(tx, clock, personAuthor(person), {
    action: 'tarea.cumplida',
    entity: 'tarea',
    entityId: task.label,
    before: { doneAt: null },
    after: { doneAt: at, doneBy: person.email, partes: task.parts?.target },
  });
  return true;
}
