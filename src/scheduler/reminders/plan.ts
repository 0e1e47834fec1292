import { getISOWeek, getISOWeekYear, parseISO } from 'date-fns';
import {
  addWorkingDays,
  isWorkingDay,
  previousWorkingDayOnOrBefore,
} from '../../domain/calendar/working-days.ts';
import { memoized } from '../../domain/memo.ts';

/** Why a task's reminder goes out on its date. */
export type ReminderReason =
  | { type: 'before'; days: number }
  | { type: 'due' }
  | { type: 'postponed'; until: string }
  | { type: 'overdue'; week: string };

export interface PlannedReminder {
  /** The Bogotá working day it goes out. */
  date: string;
  reason: ReminderReason;
}

/** A postponement: reminders held from `from` until the day before `until`; one goes out on `until`. */
export interface Hold {
  from: string;
  until: string;
}

/** `2026-W37`: the ISO week of a date, the period of weekly reminders. */
export const isoWeek: (date: string) => string = memoized((date) => {
  const day = parseISO(date);
  return `${getISOWeekYear(day)}-W${String(getISOWeek(day)).padStart(2, '0')}`;
});

/**
 * The reminders before and on a task's end date: `days` working days before it, and on it (the
 * working day before when it is not one). Two that land on one day become the one nearer the end.
 */
export function deadlineReminders(endDate: string, days: readonly number[]): PlannedReminder[] {
  const byDate = new Map<string, PlannedReminder>();
  const candidates: PlannedReminder[] = [
    { date: previousWorkingDayOnOrBefore(endDate), reason: { type: 'due' } },
    ...[...days]
      .sort((a, b) => a - b)
      .map((n) => ({ date: addWorkingDays(endDate, -n), reason: { type: 'before', days: n } as const })),
  ];
  for (const candidate of candidates) {
    if (!byDate.has(candidate.date)) byDate.set(candidate.date, candidate);
  }
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}

function held(date: string, holds: readonly Hold[]): boolean {
  return holds.some((h) => date >= h.from && date < h.until);
}

/**
 * The reminders of a not-done task that fall in (`since`, `date`]: its deadline reminders and the
 * ends of its postponements, minus those a postponement holds; plus, when `date` is a working day
 * after the end and nothing holds it, the weekly reminder while overdue (one per ISO week, none in a
 * week where a postponement already ended with its own reminder).
 */
export function remindersDue(
  task: { endDate: string },
  days: readonly number[],
  holds: readonly Hold[],
  since: string,
  date: string,
): PlannedReminder[] {
  const inWindow = (d: string) => d > since && d <= date;
  const deadline = deadlineReminders(task.endDate, days);
  const taken = new Set(deadline.map((r) => r.date));
  const resumed: PlannedReminder[] = holds
    .filter((h) => !taken.has(h.until) && !held(h.until, holds))
    .map((h) => ({ date: h.until, reason: { type: 'postponed', until: h.until } }));
  const due = [...deadline.filter((r) => !held(r.date, holds)), ...resumed].filter((r) => inWindow(r.date));
  const week = isoWeek(date);
  const resumedThisWeek = resumed.some((r) => r.date <= date && isoWeek(r.date) === week);
  if (task.endDate < date && isWorkingDay(date) && !held(date, holds) && !resumedThisWeek) {
    due.push({ date, reason: { type: 'overdue', week } });
  }
  return due;
}

/** The ledger period of a task's reminder: unique per task, year of plan and occasion. */
export function reminderPeriod(year: number, code: string, reminder: PlannedReminder): string {
  const occasion = reminder.reason.type === 'overdue' ? reminder.reason.week : reminder.date;
  return `${year}:${code}:${occasion}`;
}
