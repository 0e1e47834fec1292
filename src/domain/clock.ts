import { TZDate } from '@date-fns/tz';
import { addDays, format, parseISO } from 'date-fns';
import { memoized } from './memo.ts';

/** Where "now" comes from. The domain never reads the wall clock itself. */
export interface Clock {
  now(): Date;
}

export const BOGOTA = 'America/Bogota';

export const systemClock: Clock = { now: () => new Date() };

/** A clock stopped at an instant: tests, and `--fecha`. */
export function fixedClock(instant: Date | string): Clock {
  const at = typeof instant === 'string' ? new Date(instant) : instant;
  return { now: () => new Date(at.getTime()) };
}

/** A clock stopped at noon of a Bogotá calendar date (what `--fecha YYYY-MM-DD` means). */
export function clockAtBogotaDate(date: string): Clock {
  return fixedClock(bogotaInstant(date, '12:00'));
}

/** Bogotá calendar dates through the runtime's time-zone data; `en-CA` writes them `YYYY-MM-DD`. */
const bogotaDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: BOGOTA,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const HOUR_MS = 3_600_000;
/** Since 1993 Bogotá's offset has been whole hours (−05:00), so every instant of one UTC hour has one date. */
const WHOLE_HOURS_SINCE = Date.UTC(1993, 0, 1);
/** Dates by UTC hour: "today" is asked many times a request, and Intl formatting is the slow part. */
const dateOfHour = memoized((hour) => bogotaDay.format(new Date(Number(hour) * HOUR_MS)));

/** The Bogotá calendar date (`YYYY-MM-DD`) of an instant. */
export function bogotaDate(instant: Date): string {
  const ms = instant.getTime();
  if (!(ms >= WHOLE_HOURS_SINCE)) return bogotaDay.format(instant);
  return dateOfHour(String(Math.floor(ms / HOUR_MS)));
}

/** "Today" in Bogotá, whatever the server's time zone. */
export function bogotaToday(clock: Clock): string {
  return bogotaDate(clock.now());
}

/** The instant of a Bogotá wall-clock date and time (`HH:mm`). */
export function bogotaInstant(date: string, time = '00:00'): Date {
  return new Date(bogotaMillis(`${date} ${time}`));
}

const bogotaMillis = memoized((key) => {
  const [date = '', time = ''] = key.split(' ');
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  return new TZDate(y ?? 0, (m ?? 1) - 1, d ?? 1, hh ?? 0, mm ?? 0, 0, BOGOTA).getTime();
});

const addCalendarDaysOnce = memoized((key) => {
  const [date = '', days = '0'] = key.split('|');
  return format(addDays(parseISO(date), Number(days)), 'yyyy-MM-dd');
});

/** `YYYY-MM-DD` plus a number of calendar days. */
export function addCalendarDays(date: string, days: number): string {
  return addCalendarDaysOnce(`${date}|${days}`);
}

const isIsoDateOnce = memoized((text) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const parsed = parseISO(text);
  return !Number.isNaN(parsed.getTime()) && format(parsed, 'yyyy-MM-dd') === text;
});

/** Whether a string is a real calendar date written `YYYY-MM-DD` (only ten-character texts are remembered). */
export function isIsoDate(text: string): boolean {
  return text.length === 10 && isIsoDateOnce(text);
}

/** The instant as UTC ISO text, the form instants are stored in. */
export function isoInstant(clock: Clock): string {
  return clock.now().toISOString();
}
