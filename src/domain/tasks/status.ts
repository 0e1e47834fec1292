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

/** Whether a code looks like a task code: `<activity>.<task>`, e.g. `2.3`. */
export function isTaskCode(text: string): boolean {
  return /^\d{1,2}\.\d{1,2}$/.test(text);
}
