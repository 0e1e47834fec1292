import { DEFAULT_PLAN_CODE } from '../../../db/schema/index.ts';
import type { Cut, SnapshotEvidence, SnapshotTask } from '../progress/snapshot-types.ts';
import { qualifiedCode } from '../tasks/plan-codes.ts';
import {
  type Cell,
  type Column,
  date,
  empty,
  instant,
  link,
  num,
  pairs,
  pct,
  type Table,
  text,
} from './cells.ts';
import {
  COMMITTEE,
  cutKindLabels,
  ENTITY,
  longDate,
  longDateTime,
  owedBy,
  partsText,
  stateLabel,
} from './wording.ts';

/** The plan's part of the Comité report: the summary, the activities and the tasks with their evidence. */

/** The cut at a glance: whose, when, the plan's % and its counts. */
export function summaryTable(cut: Cut): Table {
  const c = cut.counts;
  return pairs(
    ['Concepto', 'Valor'],
    [
      ['Entidad', text(ENTITY)],
      ['Instancia', text(COMMITTEE)],
      ['Plan', text(cut.planTitle)],
      ['Vigencia', text(String(cut.year))],
      ['Corte', text(`${cut.cut} (${cutKindLabels[cut.kind]})`)],
      ['Fecha de corte', text(longDate(cut.date))],
      ['Corte creado el (hora de Bogotá)', text(longDateTime(cut.createdAt))],
      ['Corte creado por', text(cut.createdBy)],
      ['Avance programado del plan', pct(cut.scheduled)],
      ['Avance ejecutado del plan', pct(cut.executed)],
      ['Tareas', num(c.total)],
      ['Cumplidas', num(c.done)],
      ['Vencidas', num(c.overdue)],
      ['Cumplidas fuera de plazo', num(c.late)],
      ['En curso', num(c.inProgress)],
      ['Pendientes', num(c.pending)],
      ['Correcciones desde el corte anterior', num(cut.corrections.length)],
    ],
  );
}

/** Changes recorded after the previous cut that alter what it said. */
export function correctionsTable(cut: Cut): Table {
  return {
    title: 'Correcciones desde el corte anterior',
    columns: [
      { header: 'Código', width: 10 },
      { header: 'Corte anterior', width: 14 },
      { header: 'Antes', width: 24 },
      { header: 'Después', width: 24 },
      { header: 'Fecha (hora de Bogotá)', width: 20 },
      { header: 'Motivo', width: 48 },
    ],
    rows: cut.corrections.map((k) => [
      text(k.code),
      text(k.previousCut),
      text(k.before),
      text(k.after),
      instant(k.at),
      text(k.reason),
    ]),
    empty: 'No hubo correcciones desde el corte anterior.',
  };
}

export function activitiesTable(cut: Pick<Cut, 'activities'>): Table {
  return {
    columns: [
      { header: 'N.º', width: 6 },
      { header: 'Actividad', width: 70 },
      { header: 'Tareas', width: 10 },
      { header: 'Cumplidas', width: 11 },
      { header: 'Vencidas', width: 10 },
      { header: 'Cumplidas fuera de plazo', width: 14 },
      { header: '% programado', width: 14 },
      { header: '% ejecutado', width: 13 },
    ],
    rows: cut.activities.map((a) => [
      a.plan === undefined || a.plan === DEFAULT_PLAN_CODE ? num(a.number) : text(`${a.plan} ${a.number}`),
      text(a.name),
      num(a.tasks),
      num(a.done),
      num(a.overdue),
      num(a.late),
      pct(a.scheduled),
      pct(a.executed),
    ]),
    empty: 'El plan no tiene actividades.',
  };
}

/** A task's own columns; its evidence links go apart (see evidenceColumns). */
export const taskColumns: Column[] = [
  { header: 'Código', width: 8 },
  { header: 'Actividad', width: 30 },
  { header: 'Tarea', width: 50 },
  { header: 'Responsable', width: 30 },
  { header: 'Inicio', width: 11 },
  { header: 'Fin', width: 11 },
  { header: 'Estado', width: 30 },
  { header: '% programado', width: 14 },
  { header: '% ejecutado', width: 13 },
  { header: 'Partes cumplidas', width: 11 },
  { header: 'Faltan', width: 30 },
  { header: 'Cumplida el (hora de Bogotá)', width: 18 },
  { header: 'Verificada el (hora de Bogotá)', width: 18 },
  { header: 'Motivo del cierre', width: 36 },
];

/** One evidence: its link, then note, who and when (evidenceCells). */
export const evidenceColumns: Column[] = [
  { header: 'Evidencia (enlace)', width: 50 },
  { header: 'Nota de la evidencia', width: 30 },
  { header: 'Registrada por', width: 24 },
  { header: 'Registrada el (hora de Bogotá)', width: 18 },
];

export function taskCells(task: SnapshotTask): Cell[] {
  return [
    text(qualifiedCode(task.plan, task.code)),
    text(`${task.activityNumber}. ${task.activityName}`),
    text(task.title),
    text(task.responsible),
    date(task.startDate),
    date(task.endDate),
    text(stateLabel(task)),
    pct(task.scheduled),
    pct(task.executed),
    text(partsText(task)),
    text(owedBy(task)),
    instant(task.doneAt),
    instant(task.verifiedAt),
    text(task.closedReason),
  ];
}

/** An evidence's cells after its link. */
export function evidenceCells(evidence: SnapshotEvidence): Cell[] {
  return [text(evidence.note), text(evidence.by), instant(evidence.at)];
}

/** How many of a task's first columns name it again on the lines of its further evidence. */
const NAMING_COLUMNS = 3;

/**
 * One line per evidence (a cell holds one link): a task's first line has all its cells, the lines of
 * its further evidence repeat only its code, activity and title; a task without evidence has one line.
 */
export function tasksWithEvidenceTable(cut: Pick<Cut, 'tasks'>): Table {
  const blank = taskColumns.slice(NAMING_COLUMNS).map(() => empty);
  return {
    columns: [...taskColumns, ...evidenceColumns],
    rows: cut.tasks.flatMap((task) => {
      const cells = taskCells(task);
      if (task.evidence.length === 0) return [[...cells, ...evidenceColumns.map(() => empty)]];
      return task.evidence.map((evidence, i) => [
        ...(i === 0 ? cells : [...cells.slice(0, NAMING_COLUMNS), ...blank]),
        link(evidence.url),
        ...evidenceCells(evidence),
      ]);
    }),
    empty: 'El plan no tiene tareas.',
  };
}
