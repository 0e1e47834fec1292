import { DEFAULT_PLAN_CODE } from '../../../db/schema/index.ts';
import type { PlanSection, SnapshotTask, TasksSnapshot } from '../progress/snapshot-types.ts';
import { type Cell, num, pairs, pct, type Table, text } from './cells.ts';
import { activitiesTable } from './plan-sections.ts';

/**
 * The plans of a vigencia in the reports: the table of every plan with the consolidated Plan de Acción
 * Institucional, and each plan's own summary and activities (the Comité report's section per plan, the
 * Plan de Acción workbook's sheet per plan).
 */

function planCells(p: Pick<PlanSection, 'scheduled' | 'executed' | 'counts'>): Cell[] {
  return [num(p.counts.total), num(p.counts.done), num(p.counts.overdue), pct(p.scheduled), pct(p.executed)];
}

/** One row per plan (code, name, owner team, leader, counts, %), then the consolidated row. */
export function plansTable(
  all: Pick<TasksSnapshot, 'scheduled' | 'executed' | 'counts'> & { plans: PlanSection[] },
): Table {
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
      ...all.plans.map((p) => [
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
        ...planCells(all),
      ],
    ],
  };
}

/** A plan at a glance: who owns it, its % and its counts. */
export function planSummaryTable(plan: PlanSection): Table {
  const c = plan.counts;
  return pairs(
    ['Concepto', 'Valor'],
    [
      ['Plan', text(`${plan.code} · ${plan.name}`)],
      ['Equipo responsable', text(plan.ownerTeam ?? 'Sin equipo asignado')],
      ['Líder', text(plan.leader ?? 'Sin líder asignado')],
      ['Avance programado del plan', pct(plan.scheduled)],
      ['Avance ejecutado del plan', pct(plan.executed)],
      ['Tareas', num(c.total)],
      ['Cumplidas', num(c.done)],
      ['Vencidas', num(c.overdue)],
      ['Cumplidas fuera de plazo', num(c.late)],
      ['En curso', num(c.inProgress)],
      ['Pendientes', num(c.pending)],
    ],
  );
}

/** A plan's activities, numbered as in the plan. */
export function planActivitiesTable(plan: PlanSection): Table {
  return { ...activitiesTable({ activities: plan.activities }), title: `Actividades de ${plan.code}` };
}

/** The tasks of one plan among a snapshot's. */
export function tasksOfPlan<T extends Pick<SnapshotTask, 'plan'>>(tasks: T[], code: string): T[] {
  return tasks.filter((t) => (t.plan ?? DEFAULT_PLAN_CODE) === code);
}
