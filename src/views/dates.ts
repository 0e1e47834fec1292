import { TZDate } from '@date-fns/tz';
import { format, parseISO } from 'date-fns';
import { es } from 'date-fns/locale';
import { BOGOTA } from '../domain/clock.ts';
import { memoized } from '../domain/memo.ts';

/** "31 mar 2026" (dates recur in every list: each is formatted once). */
export const shortDate: (date: string) => string = memoized((date) =>
  format(parseISO(date), 'd MMM yyyy', { locale: es }).replace('.', ''),
);

/** "31 mar" */
const dayAndMonth = memoized((date) => format(parseISO(date), 'd MMM', { locale: es }).replace('.', ''));

/** "1 feb – 31 mar 2026" (the year once when both dates share it). */
export function dateRange(start: string, end: string): string {
  if (start.slice(0, 4) === end.slice(0, 4)) return `${dayAndMonth(start)} – ${shortDate(end)}`;
  return `${shortDate(start)} – ${shortDate(end)}`;
}

/** "lunes 7 de septiembre de 2026" */
export const longDate: (date: string) => string = memoized((date) =>
  format(parseISO(date), "EEEE d 'de' MMMM 'de' yyyy", { locale: es }),
);

/** An instant shown in Bogotá time: "7 sep 2026 14:05". */
export function bogotaDateTime(instant: string): string {
  return format(new TZDate(new Date(instant).getTime(), BOGOTA), 'd MMM yyyy HH:mm', { locale: es }).replace(
    '.',
    '',
  );
}
