import { BOGOTA, bogotaDate, bogotaInstant, isIsoDate } from '../clock.ts';

/** Check-in opens this long before the start, so people arriving early can register. */
export const CHECK_IN_OPENS_MINUTES = 15;

const WALL_CLOCK = /^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})(?::\d{2})?$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * The instant of a date and time typed as Bogotá wall-clock (`YYYY-MM-DD HH:mm`, a `T` also works),
 * or of an ISO instant with its own offset (what some platforms' date pickers send). `undefined` when
 * the text is neither or names a date or time that does not exist.
 */
export function parseBogotaDateTime(text: string): Date | undefined {
  const trimmed = text.trim();
  if (WITH_OFFSET.test(trimmed)) {
    const instant = new Date(trimmed);
    return Number.isNaN(instant.getTime()) ? undefined : instant;
  }
  const match = WALL_CLOCK.exec(trimmed);
  if (!match) return undefined;
  const [, date = '', hh = '', mm = ''] = match;
  if (!isIsoDate(date) || Number(hh) > 23 || Number(mm) > 59) return undefined;
  return bogotaInstant(date, `${hh.padStart(2, '0')}:${mm}`);
}

/** Bogotá's hour and minute of an instant (`HH:mm`), through the runtime's time-zone data. */
const bogotaTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: BOGOTA,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/**
 * An instant as Bogotá wall-clock text, `YYYY-MM-DD HH:mm`: the form people typed it in. Through Intl, as
 * `bogotaDate`: exports write one per row.
 */
export function bogotaWallClock(instant: string | Date): string {
  const at = new Date(instant);
  return `${bogotaDate(at)} ${bogotaTime.format(at)}`;
}

/** The instant check-in opens for a session starting at `startsAt`. */
export function checkInOpensAt(startsAt: string): Date {
  return new Date(new Date(startsAt).getTime() - CHECK_IN_OPENS_MINUTES * 60_000);
}

export type WindowPosition = 'before' | 'open' | 'after';

/** Where `now` falls against the check-in window: from 15 minutes before the start until the end (excluded). */
export function checkInPosition(session: { startsAt: string; endsAt: string }, now: Date): WindowPosition {
  if (now.getTime() < checkInOpensAt(session.startsAt).getTime()) return 'before';
  if (now.getTime() >= new Date(session.endsAt).getTime()) return 'after';
  return 'open';
}

/** Whether a session has started at `now` (answers can no longer change). */
export function hasStarted(session: { startsAt: string }, now: Date): boolean {
  return now.getTime() >= new Date(session.startsAt).getTime();
}

/** Whether a session has ended at `now` (its list can be produced). */
export function hasEnded(session: { endsAt: string }, now: Date): boolean {
  return now.getTime() >= new Date(session.endsAt).getTime();
}
