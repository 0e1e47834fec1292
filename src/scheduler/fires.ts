import { createTask, parse } from 'node-cron';
import { addCalendarDays, BOGOTA, bogotaDate, bogotaInstant } from '../domain/clock.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The instants in (`after`, `upTo`] at which a cron expression fires in Bogotá. node-cron only
 * looks forward from the wall clock, so the candidate times of each day come from its parser and
 * its own matcher decides which days match (L, W, # and names included).
 */
export function fireTimes(expression: string, after: Date, upTo: Date): Date[] {
  if (upTo <= after) return [];
  const fields = parse(expression);
  const matcher = createTask(expression, () => {}, { timezone: BOGOTA });
  try {
    const times: Date[] = [];
    const last = bogotaDate(upTo);
    for (let day = bogotaDate(after); day <= last; day = addCalendarDays(day, 1)) {
      for (const hour of fields.hour)
        for (const minute of fields.minute)
          for (const second of fields.second) {
            const at = new Date(bogotaInstant(day, `${pad(hour)}:${pad(minute)}`).getTime() + second * 1000);
            if (at > after && at <= upTo && matcher.match(at)) times.push(at);
          }
    }
    return times.sort((a, b) => a.getTime() - b.getTime());
  } finally {
    matcher.destroy();
  }
}

/** The last time the expression fired strictly before `before`, looking back at most `days` days. */
export function previousFire(expression: string, before: Date, days: number): Date | undefined {
  const from = new Date(before.getTime() - days * 86_400_000);
  const earlier = new Date(before.getTime() - 1);
  return fireTimes(expression, from, earlier).at(-1);
}
