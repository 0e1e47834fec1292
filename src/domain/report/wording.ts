import { TZDate } from '@date-fns/tz';
import { format, parseISO } from 'date-fns';
import { es } from 'date-fns/locale';
import { BOGOTA } from '../clock.ts';
import type { Cut, SnapshotTask } from '../progress/snapshot-types.ts';
import { statusLabels } from '../tasks/status.ts';

/** The Spanish words of the Comité report, shared by the workbook and the printable page. */

export const ENTITY = 'Alcaldía de Pasto';
export const COMMITTEE = 'Comité Institucional de Gestión y Desempeño';

export const cutKindLabels: Record<Cut['kind'], string> = {
  trimestral: 'trimestral',
  cuatrimestral: 'cuatrimestral',
};

/** "30 de septiembre de 2026" */
export function longDate(date: string): string {
  return format(parseISO(date), "d 'de' MMMM 'de' yyyy", { locale: es });
}

/** An instant in Bogotá time: "1 de octubre de 2026, 08:15". */
export function longDateTime(instant: string): string {
  return format(new TZDate(new Date(instant).getTime(), BOGOTA), "d 'de' MMMM 'de' yyyy, HH:mm", {
    locale: es,
  });
}

const oneDecimal = new Intl.NumberFormat('es-CO', { maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('es-CO', { maximumFractionDigits: 2 });

/** "62,5 %" */
export function percentText(value: number): string {
  return `${oneDecimal.format(value)} %`;
}

/** "1.234,5" */
export function numberText(value: number): string {
  return twoDecimals.format(value);
}

/** The state as the office says it; a task done after its end date says by how many days. */
export function stateLabel(task: Pick<SnapshotTask, 'status' | 'late' | 'lateDays'>): string {
  if (task.status === 'cumplida' && task.late) {
    if (task.lateDays === null) return 'Cumplida fuera de plazo';
    return `Cumplida fuera de plazo (${task.lateDays} ${task.lateDays === 1 ? 'día' : 'días'})`;
  }
  return statusLabels[task.status];
}

/** Parts done of a shared task, "14 de 29"; empty for a yes/no task. */
export function partsText(task: Pick<SnapshotTask, 'parts'>): string {
  return task.parts ? `${task.parts.done} de ${task.parts.target}` : '';
}

/** Who still owes a part of a shared task (by process code, or the item's label), comma-separated. */
export function owedBy(task: Pick<SnapshotTask, 'parts' | 'status'>): string {
  if (!task.parts || task.status === 'cumplida') return '';
  return task.parts.items
    .filter((part) => part.doneAt === null)
    .map((part) => part.processCode ?? part.label)
    .join(', ');
}

/** "Informe de seguimiento al Plan de Acción · corte 2026-T3" */
export function reportTitle(cut: Pick<Cut, 'cut'>): string {
  return `Informe de seguimiento al Plan de Acción · corte ${cut.cut}`;
}

/** "Corte trimestral 2026-T3, al 30 de septiembre de 2026" */
export function cutLine(cut: Pick<Cut, 'cut' | 'kind' | 'date'>): string {
  return `Corte ${cutKindLabels[cut.kind]} ${cut.cut}, al ${longDate(cut.date)}`;
}
