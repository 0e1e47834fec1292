import { TZDate } from '@date-fns/tz';
import { format, parseISO } from 'date-fns';
import { es } from 'date-fns/locale';
import { BOGOTA } from '../domain/clock.ts';

/** "31 mar 2026" */
export function shortDate(date: string): string {
  return format(parseISO(date), 'd MMM yyyy', { locale: es }).replace('.', '');
}

/** "1 feb – 31 mar 2026" (the year once when both dates share it). */
export function dateRange(start: string, end: string): string {
  if (start.slice(0, 4) === end.slice(0, 4)) {
    const from = format(parseISO(start), 'd MMM', { locale: es }).replace('.', '');
    return `${from} – ${shortDate(end)}`;
  }
  return `${shortDate(start)} – ${shortDate(end)}`;
}

/** "lunes 7 de septiembre de 2026" */
export function longDate(date: string): string {
  return format(parseISO(date), "EEEE d 'de' MMMM 'de' yyyy", { locale: es });
}

/** An instant shown in Bogotá time: "7 sep 2026 14:05". */
export function bogotaDateTime(instant: string): string {
  return format(new TZDate(new Date(instant).getTime(), BOGOTA), 'd MMM yyyy HH:mm', { locale: es }).replace(
    '.',
    '',
  );
}
