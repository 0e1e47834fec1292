import type { Store } from '../../../db/client.ts';
import { bogotaToday, type Clock } from '../clock.ts';
import { type PlansSnapshot, plansSnapshot } from '../progress/plans.ts';
import { fileBytes, type StreamedFile } from '../streamed.ts';
import { type PlanFilter, plansChosen } from '../tasks/plan-select.ts';
import { workbookFile } from '../xlsx-stream.ts';
import { num, pairs, pct, type Table, text } from './cells.ts';
import { activitiesTable, tasksWithEvidenceTable } from './plan-sections.ts';
import { plansTable, tasksOfPlan } from './plans-sections.ts';
import { ENTITY, longDate } from './wording.ts';
import { writeSheet } from './workbook.ts';

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
 * The Plan de Acción Institucional as an XLSX file: a summary sheet (each plan and the consolidated row),
 * then one sheet per plan, named by its code, with its activities and its tasks (state, dates, responsible,
 * evidence links); each plan's tables are made when its sheet is written.
 */
export function planAccionFile(accion: PlanAccion): StreamedFile {
  return workbookFile(
    async (book) => {
      await writeSheet(book, { name: SUMMARY_SHEET, tables: [headerTable(accion), plansTable(accion)] });
      for (const plan of accion.plans) {
        const tasks = tasksOfPlan(accion.tasks, plan.code);
        await writeSheet(book, {
          name: plan.code,
          tables: [
            { ...activitiesTable(plan), title: `${plan.code} · ${plan.name}` },
            { ...tasksWithEvidenceTable({ tasks }), title: 'Tareas y evidencias' },
          ],
        });
      }
    },
    { title: `Plan de Acción Institucional ${accion.year}` },
  );
}

/** The same workbook as bytes, whole. */
export async function planAccionWorkbook(accion: PlanAccion): Promise<Buffer> {
  return fileBytes(planAccionFile(accion));
}
