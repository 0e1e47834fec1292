import { format, parseISO } from 'date-fns';
import { es } from 'date-fns/locale';
import { eq } from 'drizzle-orm';
import type { Store, Tx } from '../../../db/client.ts';
import { vigencias } from '../../../db/schema/index.ts';
import { audit, personAuthor } from '../audit/log.ts';
import { bogotaDate, type Clock } from '../clock.ts';
import { isCoordinator, type Person } from '../directory/people.ts';
import { DomainError } from '../errors.ts';
import { boundedText, TEXT_LIMITS } from '../text.ts';
import { refValue } from './refs.ts';

export type VigenciaRow = typeof vigencias.$inferSelect;

/** «5 de enero de 2027»: the Bogotá day a vigencia was closed. */
export function closingDay(row: VigenciaRow): string {
  return format(parseISO(bogotaDate(new Date(row.closedAt))), "d 'de' MMMM 'de' yyyy", { locale: es });
}

/** The closing of a vigencia, when it has been closed (`npx mipg vigencia cerrar`). */
export function closedVigencia(store: Store, year: number): VigenciaRow | undefined {
  return store.select().from(vigencias).where(eq(vigencias.year, year)).get();
}

/** Every closed vigencia, by year. */
export function closedVigencias(store: Store): Map<number, VigenciaRow> {
  return new Map(
    store
      .select()
      .from(vigencias)
      .all()
      .map((v) => [v.year, v]),
  );
}

/** A coordinator's change to a task of a closed vigencia, allowed by the reason given (audited with it). */
export interface ClosedVigenciaChange {
  year: number;
  reason: string;
}

interface GuardedTask {
  code: string;
  label: string;
  planCode: string;
  planYear: number;
}

/**
 * Every write to a task goes through here. A task of a closed vigencia changes only by the coordinator
 * with a reason; anyone else, or the coordinator without one, is refused in Spanish and nothing is stored.
 * Returns the allowed exception (to audit with `auditClosedChange`), or undefined when the year is open.
 */
export function assertVigenciaOpen(
  store: Store,
  task: GuardedTask,
  person: Person,
  reason?: string,
): ClosedVigenciaChange | undefined {
  const closed = closedVigencia(store, task.planYear);
  if (!closed) return undefined;
  const why =
    reason === undefined ? '' : boundedText(reason, { subject: 'El motivo', max: TEXT_LIMITS.long });
  if (isCoordinator(person) && why !== '') return { year: task.planYear, reason: why };
  const ref = refValue(task).replace(/-/g, ' ');
  const message = `La vigencia ${task.planYear} se cerró el ${closingDay(closed)}: la tarea ${ref} ya no cambia.`;
  if (!isCoordinator(person)) {
    throw new DomainError(
      message,
      'Su plan y sus evidencias se consultan igual. Si hace falta un cambio, pídalo a la coordinación MIPG.',
    );
  }
  throw new DomainError(
    message,
    'La coordinación puede cambiarla dando el motivo, por ejemplo:',
    `/reabrir ${ref} <motivo> · /tarea ${ref} cerrar <motivo> · /cumplida ${ref} <enlace> --motivo <motivo> · /evidencia ${ref} <enlace> --motivo <motivo> · /verificar tarea ${ref} --motivo <motivo>`,
  );
}

/** Records, in the change's transaction, that the coordinator changed a closed vigencia and why. */
export function auditClosedChange(
  tx: Tx,
  clock: Clock,
  person: Person,
  task: GuardedTask,
  change: ClosedVigenciaChange | undefined,
  action: string,
): void {
  if (!change) return;
  audit(tx, clock, personAuthor(person), {
    action: 'vigencia.excepcion',
    entity: 'tarea',
    entityId: task.label,
    after: { vigencia: change.year, cambio: action, reason: change.reason },
  });
}
