import type { Store } from '../../../db/client.ts';
import { bogotaToday, type Clock } from '../clock.ts';
import { type PlansSnapshot, plansSnapshot } from '../progress/plans.ts';
import type { PlanSection } from '../progress/snapshot-types.ts';
import { type PlanFilter, plansChosen } from '../tasks/plan-select.ts';
import { type Cell, num, pairs, pct, type Table, text } from './cells.ts';
import { activitiesTable, tasksWithEvidenceTable } from './plan-sections.ts';
import { ENTITY, longDate } from './wording.ts';
import { addSheet, addTable, excel } from './workbook.ts';

/** The consolidated Plan de Acción Institucional of a vigencia, as it stands on a date. */
export interface PlanAccion extends PlansSnapshot {
  year: number;
  date: string;
}

/** Every plan of the vigencia (given, else the one in force), as of the clock's Bogotá date. */
export function planAccion(store: Store, clock: Clock, filter: PlanFilter = {}): PlanAccion {
  const date = bogotaToday(clock);
  const { year, plans } = plansChosen(store, date, filter);
  return { year, date, ...plansSnapshot(store, plans, date) };
}

export const SUMMARY_SHEET = 'Plan de Acción';

function planCells(p: Pick<PlanSection, 'scheduled' | 'executed' | 'counts'>): Cell[] {
  return [num(p.counts.total), num(p.counts.done), num(p.counts.overdue), pct(p.scheduled), pct(p.executed)];
}

/** One row per plan (code, name, owner team, leader, counts, %), then the consolidated row. */
export function plansTable(accion: PlanAccion): Table {
  return {
    title: 'Planes de la vigencia',
    columns: [
      { header: 'Código', width: 9 },
      { header: 'Plan', width: 50 },
      { header: 'Equipo responsable', width: 32 },
      { header: 'Líder', width: 28 },
      { header: 'Tareas', width: 9 },
      { header: 'Cumplidas', width: 11 },
      { header: 'Vencidas', width: 10 },
      { header: '% programado', width: 14 },
      { header: '% ejecutado', width: 13 },
    ],
    rows: [
      ...accion.plans.map((p) => [
        text(p.code),
        text(p.name),
        text(p.ownerTeam),
        text(p.leader),
        ...planCells(p),
      ]),
      [
        text('Total'),
        text('Plan de Acción Institucional (consolidado)'),
        text(null),
        text(null),
        ...planCells(accion),
      ],
    ],
  };
}

function headerTable(accion: PlanAccion): Table {
  return pairs(
    ['Concepto', 'Valor'],
    [
      ['Entidad', text(ENTITY)],
      ['Plan', text(`Plan de Acción Institucional ${accion.year}`)],
      ['Estado al', text(longDate(accion.date))],
      ['Planes', num(accion.plans.length)],
      ['Avance ejecutado (promedio de las actividades de todos los planes)', pct(accion.executed)],
    ],
  );
}

/**
 * The Plan de Acción Institucional as XLSX bytes: a summary sheet (each plan and the consolidated row), then
 * one sheet per plan, named by its code, with its activities and its tasks (state, dates, responsible,
 * evidence links).
 */
export async function planAccionWorkbook(accion: PlanAccion): Promise<Buffer> {
  const workbook = new (excel().Workbook)();
  workbook.creator = 'Bot de Planeación MIPG';
  workbook.title = `Plan de Acción Institucional ${accion.year}`;
  const summary = addSheet(workbook, SUMMARY_SHEET, [headerTable(accion)]);
  addTable(summary, plansTable(accion), summary.rowCount + 2, true);
  for (const plan of accion.plans) {
    const tasks = accion.tasks.filter((t) => t.plan === plan.code);
    addSheet(workbook, plan.code, [
      { ...activitiesTable(plan), title: `${plan.code} · ${plan.name}` },
      { ...tasksWithEvidenceTable({ tasks }), title: 'Tareas y evidencias' },
    ]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
