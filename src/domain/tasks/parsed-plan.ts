import { isIsoDate } from '../clock.ts';
import type { PartsSpec } from './parts-setup.ts';

/** One CÓMO row of the operative matrix, as read from a file, before it is stored. */
export interface ParsedTask {
  /** `<activity>.<task>` in document order, e.g. `3.5`. */
  code: string;
  activityNumber: number;
  activity: string;
  what: string;
  title: string;
  responsible: string;
  /** `YYYY-MM-DD` */
  start: string;
  /** `YYYY-MM-DD` */
  end: string;
  /** Expected evidence; '' when the plan names none. */
  evidence: string;
  /** Line (or sheet row) of the file the task was read from. */
  line: number;
  /** The parts the file sets (the matrix's META / PARTES); absent when it says nothing of them. */
  parts?: PartsSpec;
}

export interface ParsedActivity {
  number: number;
  name: string;
}

/** A yearly plan read from its text rendering or from a CSV/XLSX matrix. */
export interface ParsedPlan {
  year: number;
  title: string;
  activities: ParsedActivity[];
  tasks: ParsedTask[];
  /** The plan's code when the file says it (the PLAN column of an export). */
  code?: string;
}

/** The title a plan gets when the file does not give one. */
export function defaultPlanTitle(year: number): string {
  return `Política de Planeación Institucional ${year}`;
}

/** `dd/mm/yyyy` → `YYYY-MM-DD`, or null when it is not a real calendar date. */
export function dayMonthYearToIso(text: string): string | null {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (!match) return null;
  const [, day = '', month = '', year = ''] = match;
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

/** A date written `YYYY-MM-DD` or `dd/mm/yyyy` → `YYYY-MM-DD`, or null. */
export function parseDate(text: string): string | null {
  const trimmed = text.trim();
  return isIsoDate(trimmed) ? trimmed : dayMonthYearToIso(trimmed);
}

/** The activities of a list of tasks, numbered as the tasks say, each with its first name seen. */
export function activitiesOfTasks(tasks: ParsedTask[]): ParsedActivity[] {
  const byNumber = new Map<number, string>();
  for (const task of tasks) {
    if (!byNumber.has(task.activityNumber)) byNumber.set(task.activityNumber, task.activity);
  }
  return [...byNumber.entries()].sort((a, b) => a[0] - b[0]).map(([number, name]) => ({ number, name }));
}
