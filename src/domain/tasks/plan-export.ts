import type { Store } from '../../../db/client.ts';
import { bogotaToday, type Clock } from '../clock.ts';
import { DomainError } from '../errors.ts';
import { writeTable } from '../tabular.ts';
import type { ParsedTask } from './parsed-plan.ts';
import { MATRIX_HEADERS } from './plan-matrix.ts';
import { statusLabels } from './status.ts';
import { currentPlan, evidenceOf, planForDate, type TaskView, tasksOf } from './store.ts';

/** A task as `exportar tareas --formato json` writes it. */
export interface ExportedTask extends Omit<ParsedTask, 'line'> {
  status: TaskView['status'];
  doneAt: string | null;
  evidenceLinks: string[];
}

function exportedTask(store: Store, task: TaskView): ExportedTask {
  return {
    code: task.code,
    activityNumber: task.activityNumber,
    activity: task.activityName,
    what: task.what,
    title: task.title,
    responsible: task.responsible,
    start: task.startDate,
    end: task.endDate,
    evidence: task.evidenceExpected,
    status: task.status,
    doneAt: task.doneAt,
    evidenceLinks: evidenceOf(store, task.id).map((e) => e.url),
  };
}

/** The tasks of a year's plan (by default the plan in force), with their state on the clock's Bogotá date. */
export function exportedTasks(
  store: Store,
  clock: Clock,
  year?: number,
): { year: number; tasks: ExportedTask[] } {
  const today = bogotaToday(clock);
  const plan = year === undefined ? planForDate(store, today) : currentPlan(store, year);
  if (!plan) {
    throw new DomainError(
      year === undefined ? 'Todavía no hay un plan cargado.' : `No hay un plan de la vigencia ${year}.`,
      'Cárguelo con: npx mipg importar plan <archivo>',
    );
  }
  return { year: plan.year, tasks: tasksOf(store, plan.id, today).map((t) => exportedTask(store, t)) };
}

const COLUMNS = [
  { key: 'code', header: MATRIX_HEADERS.code, width: 9 },
  { key: 'activity', header: MATRIX_HEADERS.activity, width: 45 },
  { key: 'what', header: MATRIX_HEADERS.what, width: 35 },
  { key: 'title', header: MATRIX_HEADERS.title, width: 55 },
  { key: 'responsible', header: MATRIX_HEADERS.responsible, width: 35 },
  { key: 'start', header: MATRIX_HEADERS.start, width: 12 },
  { key: 'end', header: MATRIX_HEADERS.end, width: 12 },
  { key: 'evidence', header: MATRIX_HEADERS.evidence, width: 40 },
  { key: 'status', header: MATRIX_HEADERS.status, width: 12 },
];

/** The plan's tasks as the matrix (CSV/XLSX, which `importar plan` reads back) or as JSON. */
export async function exportTasks(
  store: Store,
  clock: Clock,
  format: 'csv' | 'xlsx' | 'json',
  year?: number,
): Promise<string | Uint8Array> {
  const exported = exportedTasks(store, clock, year);
  if (format === 'json') return `${JSON.stringify(exported.tasks, null, 2)}\n`;
  const rows = exported.tasks.map(({ evidenceLinks: _, doneAt: __, ...task }) => ({
    ...task,
    status: statusLabels[task.status],
  }));
  return writeTable(format, { name: `Plan ${exported.year}`, columns: COLUMNS, rows });
}
