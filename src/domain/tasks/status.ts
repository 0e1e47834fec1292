import { differenceInCalendarDays, parseISO } from 'date-fns';
import { bogotaDate } from '../clock.ts';

/** A task's state on a given Bogotá date. */
export type TaskStatus = 'pendiente' | 'en_curso' | 'cumplida' | 'vencida';

export const statusLabels: Record<TaskStatus, string> = {
  pendiente: 'Pendiente',
  en_curso: 'En curso',
  cumplida: 'Cumplida',
  vencida: 'Vencida',
};

export interface TaskDates {
  startDate: string;
  endDate: string;
  doneAt: string | null;
}

/**
 * cumplida once marked done (with evidence); otherwise vencida after its end date,
 * en curso from its start date, pendiente before it. Dates are `YYYY-MM-DD` in Bogotá.
 */
export function taskStatus(task: TaskDates, today: string): TaskStatus {
  if (task.doneAt) return 'cumplida';
  if (task.endDate < today) return 'vencida';
  if (task.startDate <= today) return 'en_curso';
  return 'pendiente';
}

/**
 * Calendar days between a task's end date and the Bogotá date it was done, when it was done after its
 * end date ("cumplida fuera de plazo"); null when on time or not done.
 */
export function lateDays(task: TaskDates): number | null {
  if (!task.doneAt) return null;
  const doneOn = bogotaDate(new Date(task.doneAt));
  if (doneOn <= task.endDate) return null;
  return differenceInCalendarDays(parseISO(doneOn), parseISO(task.endDate));
}

/** Whether a code looks like a task code: `<activity>.<task>`, e.g. `2.3`. */
export function isTaskCode(text: string): boolean {
  return /^\d{1,2}\.\d{1,2}$/.test(text);
}
