import { getHolidaysForYear, isHoliday as isColombianHoliday } from 'colombian-holidays';
import { addCalendarDays, isIsoDate } from '../clock.ts';
import { DomainError } from '../errors.ts';
import { memoized } from '../memo.ts';

/**
 * The Colombian working calendar (Monday to Friday, no public holiday) over Bogotá calendar
 * dates written `YYYY-MM-DD`. Holidays come from `colombian-holidays`, which already moves the
 * Ley Emiliani ones to Monday and computes the Easter-based ones.
 */

const SATURDAY = 6;
const SUNDAY = 0;

export interface Holiday {
  /** The day it is observed (after any move to Monday). */
  date: string;
  /** Spanish name, as the package gives it. */
  name: string;
}

function assertDate(date: string): void {
  if (!isIsoDate(date)) {
    throw new DomainError(
      `«${date}» no es una fecha válida.`,
      'Escriba la fecha como AAAA-MM-DD, por ejemplo 2026-09-30.',
    );
  }
}

function assertWholeNumber(n: number): void {
  if (!Number.isInteger(n)) {
    throw new DomainError(
      `«${n}» no es un número entero de días hábiles.`,
      'Use un número entero, por ejemplo 5 o -3.',
    );
  }
}

/**
 * The calendar date as UTC midnight: the package compares in UTC, so this is the only
 * form that makes it look at the Bogotá date rather than at an instant.
 */
function utcMidnight(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1));
}

/** The public holidays observed in a year, in date order. */
export function holidaysOfYear(year: number): Holiday[] {
  return getHolidaysForYear(year)
    .map((h) => ({ date: h.celebrationDate, name: h.name.es }))
    .sort((a, b) => a.date.localeCompare(b.date));
}

/** Whether the date is an observed Colombian public holiday. */
export function isHoliday(date: string): boolean {
  assertDate(date);
  return isColombianHoliday(utcMidnight(date));
}

/** The Spanish name of the holiday observed on that date, or `null` when it is not one. */
export function holidayName(date: string): string | null {
  assertDate(date);
  const year = Number(date.slice(0, 4));
  return holidaysOfYear(year).find((h) => h.date === date)?.name ?? null;
}

/** Monday to Friday and not a public holiday (remembered per date: see memo.ts). */
export const isWorkingDay: (date: string) => boolean = memoized((date) => {
  assertDate(date);
  const weekday = utcMidnight(date).getUTCDay();
  if (weekday === SATURDAY || weekday === SUNDAY) return false;
  return !isColombianHoliday(utcMidnight(date));
});

const addWorkingDaysOnce = memoized((key) => {
  const [date = '', n = '0'] = key.split('|');
  return walkWorkingDays(date, Number(n));
});

/**
 * Moves `n` working days from `date` (backwards when `n` is negative). The starting date
 * itself is never counted, so `n = 0` returns `date` unchanged even if it is not a working day.
 */
export function addWorkingDays(date: string, n: number): string {
  assertWholeNumber(n);
  return addWorkingDaysOnce(`${date}|${n}`);
}

function walkWorkingDays(date: string, n: number): string {
  assertDate(date);
  const step = n < 0 ? -1 : 1;
  let remaining = Math.abs(n);
  let current = date;
  while (remaining > 0) {
    current = addCalendarDays(current, step);
    if (isWorkingDay(current)) remaining -= 1;
  }
  return current;
}

/** The date itself when it is a working day, else the working day before it. */
export function previousWorkingDayOnOrBefore(date: string): string {
  assertDate(date);
  let current = date;
  while (!isWorkingDay(current)) current = addCalendarDays(current, -1);
  return current;
}

/** The date itself when it is a working day, else the working day after it. */
export function nextWorkingDayOnOrAfter(date: string): string {
  assertDate(date);
  let current = date;
  while (!isWorkingDay(current)) current = addCalendarDays(current, 1);
  return current;
}

/**
 * Working days from `a` to `b`: those after `a` up to and including `b`, negative when `b`
 * comes first (then those from `b` up to but excluding `a`). This makes it the inverse of
 * `addWorkingDays`: `workingDaysBetween(a, addWorkingDays(a, n)) === n`.
 */
export function workingDaysBetween(a: string, b: string): number {
  assertDate(a);
  assertDate(b);
  if (a === b) return 0;
  const forward = a < b;
  const [from, to] = forward ? [a, b] : [b, a];
  let count = 0;
  // Forward counts (from, to]; backward counts [from, to): either way one end is left out.
  let current = forward ? addCalendarDays(from, 1) : from;
  const stop = forward ? addCalendarDays(to, 1) : to;
  while (current !== stop) {
    if (isWorkingDay(current)) count += 1;
    current = addCalendarDays(current, 1);
  }
  return forward ? count : -count;
}
