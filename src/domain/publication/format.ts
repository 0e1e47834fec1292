import { TZDate } from '@date-fns/tz';
import { format, parseISO } from 'date-fns';
import { es } from 'date-fns/locale';
import { BOGOTA } from '../clock.ts';
import type { TaskStatus } from '../tasks/status.ts';
import type { PublicCut, PublicIndicatorLine, PublicParts, PublicRisks, PublicTask } from './public-model.ts';

/** The Spanish words of the public page that depend on data: states, dates, percentages, periods. */

const NBSP = '\u00a0';
const decimal = new Intl.NumberFormat('es-CO', { maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat('es-CO', { maximumFractionDigits: 0 });

/** «45,5 %» (with a non-breaking space, as Spanish writes it). */
export function percent(value: number): string {
  return `${decimal.format(value)}${NBSP}%`;
}

/** «1.234» */
export function count(value: number): string {
  return whole.format(value);
}

/** A number as a person reads it: «12,5». */
export function number(value: number): string {
  return decimal.format(value);
}

/** «1 vencida», «3 vencidas». */
export function plural(n: number, one: string, many: string): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** «7 de septiembre de 2026» */
export function longDate(date: string): string {
  return format(parseISO(date), "d 'de' MMMM 'de' yyyy", { locale: es });
}

/** «7 sep 2026» */
export function shortDate(date: string): string {
  return format(parseISO(date), 'd MMM yyyy', { locale: es }).replace('.', '');
}

/** «1 feb – 31 mar 2026» (the year once when both dates share it). */
export function dateRange(start: string, end: string): string {
  if (start.slice(0, 4) !== end.slice(0, 4)) return `${shortDate(start)} – ${shortDate(end)}`;
  return `${format(parseISO(start), 'd MMM', { locale: es }).replace('.', '')} – ${shortDate(end)}`;
}

/** An instant in Bogotá time: «7 de septiembre de 2026, 10:05». */
export function bogotaDateTime(instant: string): string {
  return format(new TZDate(new Date(instant).getTime(), BOGOTA), "d 'de' MMMM 'de' yyyy, HH:mm", {
    locale: es,
  });
}

const STATUS: Record<TaskStatus, string> = {
  pendiente: 'Pendiente',
  en_curso: 'En curso',
  cumplida: 'Cumplida',
  vencida: 'Vencida',
};

const days = (n: number) => (n === 1 ? '1 día' : `${count(n)} días`);

/** The state as the page says it: «Cumplida fuera de plazo (12 días)» for a task done late. */
export function statusText(task: Pick<PublicTask, 'status' | 'late' | 'lateDays'>): string {
  if (task.status === 'cumplida' && task.late) {
    return task.lateDays === null
      ? 'Cumplida fuera de plazo'
      : `Cumplida fuera de plazo (${days(task.lateDays)})`;
  }
  return STATUS[task.status];
}

/** The CSS class that colours a state (the text says it too: colour is never alone). */
export function statusClass(task: Pick<PublicTask, 'status' | 'late'>): string {
  if (task.status === 'cumplida') return task.late ? 'estado estado-tarde' : 'estado estado-cumplida';
  return `estado estado-${task.status.replace('_', '-')}`;
}

/** «14 de 29 procesos» */
export function partsText(parts: PublicParts): string {
  return `${count(parts.done)} de ${count(parts.target)} ${parts.unit}`;
}

const ORDINAL = ['Primer', 'Segundo', 'Tercer', 'Cuarto'];

/** «Tercer trimestre de 2026» for `2026-T3`, «Primer cuatrimestre de 2026» for `2026-C1`; else the code. */
export function cutName(code: string): string {
  const match = /^(\d{4})-([TC])([1-4])$/.exec(code);
  if (!match) return `Corte ${code}`;
  const [, year, kind, n] = match;
  const ordinal = ORDINAL[Number(n) - 1];
  return `${ordinal} ${kind === 'T' ? 'trimestre' : 'cuatrimestre'} de ${year}`;
}

export const KIND: Record<PublicCut['kind'], string> = {
  trimestral: 'Trimestral (seguimiento del Comité)',
  cuatrimestral: 'Cuatrimestral (PTEP y mapa de riesgos de corrupción)',
};

export const SEMAFORO: Record<PublicIndicatorLine['status'], string> = {
  critico: 'Crítico',
  aceptable: 'Aceptable',
  satisfactorio: 'Satisfactorio',
};

export const MATRIX_STATE: Record<keyof PublicRisks['matrices'], string> = {
  pendiente: 'Pendientes',
  actualizada: 'Actualizadas',
  verificada: 'Verificadas',
  devuelta: 'Devueltas',
};

export const ZONE: Record<keyof PublicRisks['residualZones'], string> = {
  bajo: 'Bajo',
  moderado: 'Moderado',
  alto: 'Alto',
  extremo: 'Extremo',
};

/** A measured value with its unit: «85,5 %» or «12». */
export function measured(value: number, unit: string): string {
  return unit === 'porcentaje' ? percent(value) : number(value);
}
