import type { Store } from '../../../db/client.ts';
import { bogotaToday, type Clock } from '../clock.ts';
import { DomainError } from '../errors.ts';
import type { Sheet, SheetValue } from '../tabular.ts';
import { PLAN_COLUMNS } from './plan-export.ts';
import { partsCellsOf } from './plan-parts-cells.ts';
import { plansOfYear, tasksOf } from './store.ts';

/**
 * `vigencia copiar 2026 2027 --plan PPI`: next year's plan matrix from this year's, for the office to edit and
 * import (`importar plan`). Only the columns the importer reads: what was recorded (state, evidence links,
 * parts done) stays with the year it belongs to.
 */

/** The same calendar date `years` later; 29 February becomes 28 February in a common year. */
export function shiftYear(date: string, years: number): string {
  const [y = '', m = '', d = ''] = date.split('-');
  const year = Number(y) + years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const day = m === '02' && d === '29' && !leap ? '28' : d;
  return `${String(year).padStart(4, '0')}-${m}-${day}`;
}

export interface PlanCopy {
  code: string;
  from: number;
  to: number;
  /** The plan's name with its year moved (`… 2026` → `… 2027`), for `--nombre`. */
  title: string;
  /** The copy's matrix, its rows listed (one per task). */
  sheet: Sheet & { rows: Record<string, SheetValue>[] };
  /** Tasks whose text still names the year copied from: the office should read them again. */
  mentionsYear: string[];
}

/** Next vigencia's matrix of one plan: same codes, activities, responsibles and parts; dates a year later. */
export function copyPlan(store: Store, clock: Clock, code: string, from: number, to: number): PlanCopy {
  const wanted = code.trim().toUpperCase();
  const plans = plansOfYear(store, from);
  const plan = plans.find((p) => p.code === wanted);
  if (!plan) {
    const known = plans.map((p) => p.code).join(', ');
    throw new DomainError(
      `No hay un plan ${wanted} en la vigencia ${from}.`,
      known ? `Planes de ${from}: ${known}.` : 'Vea las vigencias con: npx mipg vigencia lista',
    );
  }
  if (to <= from) {
    throw new DomainError(
      `La vigencia de destino (${to}) debe ser posterior a ${from}.`,
      `Ejemplo: npx mipg vigencia copiar ${from} ${from + 1} --plan ${wanted}`,
    );
  }
  const years = to - from;
  const tasks = tasksOf(store, plan.id, bogotaToday(clock));
  const rows = tasks.map((task) => {
    const cells = partsCellsOf(task.partsKind, task.partsSource, task.parts?.target ?? 0);
    return {
      code: task.code,
      activity: task.activityName,
      what: task.what,
      title: task.title,
      responsible: task.responsible,
      start: shiftYear(task.startDate, years),
      end: shiftYear(task.endDate, years),
      evidence: task.evidenceExpected,
      target: cells.target,
      parts: cells.parts,
    };
  });
  const year = new RegExp(`\\b${from}\\b`);
  return {
    code: plan.code,
    from,
    to,
    title: plan.title.replace(new RegExp(`\\b${from}\\b`, 'g'), String(to)),
    sheet: { name: `Plan ${plan.code} ${to}`, columns: PLAN_COLUMNS, rows },
    mentionsYear: tasks
      .filter((t) => year.test(`${t.what} ${t.title} ${t.evidenceExpected} ${t.activityName}`))
      .map((t) => t.code),
  };
}
