import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { es } from 'date-fns/locale';
import { BOGOTA } from '../clock.ts';

/** Spanish Bogotá-time wording of session instants, for the messages that explain a refusal. */

function inBogota(instant: string | Date): TZDate {
  return new TZDate(new Date(instant).getTime(), BOGOTA);
}

/** "09:00" in Bogotá. */
export function shortTime(instant: string | Date): string {
  return format(inBogota(instant), 'HH:mm');
}

/** "jueves 10 de septiembre de 2026 a las 08:45" in Bogotá. */
export function longDateTime(instant: string | Date): string {
  return format(inBogota(instant), "EEEE d 'de' MMMM 'de' yyyy 'a las' HH:mm", { locale: es });
}

/** "jueves 10 de septiembre de 2026, 09:00 – 11:00" (the end's date too when it is another day). */
export function sessionWhen(session: { startsAt: string; endsAt: string }): string {
  const start = inBogota(session.startsAt);
  const end = inBogota(session.endsAt);
  const day = format(start, "EEEE d 'de' MMMM 'de' yyyy", { locale: es });
  const sameDay = format(start, 'yyyy-MM-dd') === format(end, 'yyyy-MM-dd');
  const until = sameDay
    ? format(end, 'HH:mm')
    : format(end, "EEEE d 'de' MMMM 'a las' HH:mm", { locale: es });
  return `${day}, ${format(start, 'HH:mm')} – ${until}`;
}
