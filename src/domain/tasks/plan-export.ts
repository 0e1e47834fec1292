import { and, asc, eq, lt } from 'drizzle-orm';
import type { Store } from '../../../db/client.ts';
import {
  DEFAULT_PLAN_CODE,
  evidence,
  type PartsKind,
  type PartsSource,
  people,
  tasks,
} from '../../../db/schema/index.ts';
import { bogotaDate, bogotaToday, type Clock } from '../clock.ts';
import { fileBytes, jsonArrayFile, type StreamedFile } from '../streamed.ts';
import { rowsOf, type SheetValue, tableFile } from '../tabular.ts';
import { TEXT_LIMITS } from '../text.ts';
import { endOfBogotaDate } from './history.ts';
import type { ParsedTask } from './parsed-plan.ts';
import { MATRIX_HEADERS, PLAN_HEADERS } from './plan-matrix.ts';
import { partsCellsOf } from './plan-parts-cells.ts';
import { type PlanFilter, plansChosen } from './plan-select.ts';
import { statusLabels } from './status.ts';
import { type PlanRow, type TaskView, tasksOf } from './store.ts';

/** One evidence link recorded for a task: who recorded it (by name; «sistema» when nobody) and when. */
export interface ExportedEvidence {
  url: string;
  note: string | null;
  by: string;
  at: string;
}

/** A task as `exportar tareas --formato json` writes it. */
export interface ExportedTask extends Omit<ParsedTask, 'line' | 'parts'> {
  status: TaskView['status'];
  doneAt: string | null;
  evidenceLinks: string[];
  verifiedAt: string | null;
  /** Done after its end date. */
  late: boolean;
  /** Calendar days between the end date and the completion (when late), else null. */
  lateDays: number | null;
  /** The links recorded as evidence (`evidenceLinks` with who and when). */
  evidenceRecorded: ExportedEvidence[];
  /** Shared tasks: how they are split, how many parts and how many done; null for a yes/no task. */
  parts: { kind: PartsKind; source: PartsSource; target: number; done: number } | null;
  /** The code of the task's plan (`PPI`, `PTH`…) and its vigencia. */
  plan: string;
  vigencia: number;
}

/** The evidence recorded for a task before `until` (an ISO instant: the end of the day looked at). */
/** The evidence of a plan's tasks recorded before `until`, by task id: one query for the whole plan. */
function recordedEvidence(store: Store, planId: number, until: string): Map<number, ExportedEvidence[]> {
  const byTask = new Map<number, ExportedEvidence[]>();
  for (const row of store
    .select({
      taskId: evidence.taskId,
      url: evidence.url,
      note: evidence.note,
      name: people.name,
      at: evidence.createdAt,
    })
    .from(evidence)
    .innerJoin(tasks, eq(tasks.id, evidence.taskId))
    .leftJoin(people, eq(people.id, evidence.personId))
    .where(and(eq(tasks.planId, planId), lt(evidence.createdAt, until)))
    .orderBy(asc(evidence.createdAt), asc(evidence.id))
    .all()) {
    const list = byTask.get(row.taskId) ?? [];
    list.push({ url: row.url, note: row.note, by: row.name ?? 'sistema', at: row.at });
    byTask.set(row.taskId, list);
  }
  return byTask;
}

function exportedParts(task: TaskView): ExportedTask['parts'] {
  if (task.partsKind === null) return null;
  const { target = 0, done = 0 } = task.parts ?? {};
  return { kind: task.partsKind, source: task.partsSource, target, done };
}

function exportedTask(task: TaskView, recorded: ExportedEvidence[]): ExportedTask {
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
    evidenceLinks: recorded.map((e) => e.url),
    verifiedAt: task.verifiedAt,
    late: task.lateDays !== null,
    lateDays: task.lateDays,
    evidenceRecorded: recorded,
    parts: exportedParts(task),
    plan: task.planCode,
    vigencia: task.planYear,
  };
}

/**
 * The tasks of the plans a filter names (by default every plan of the vigencia in force), plan after plan,
 * with their state on the clock's Bogotá date: each plan's tasks are read when the one before is used.
 */
function chosenTasks(
  store: Store,
  clock: Clock,
  filter: PlanFilter,
): { year: number; plans: PlanRow[]; tasks: Iterable<ExportedTask> } {
  const today = bogotaToday(clock);
  const { year, plans } = plansChosen(store, today, filter);
  const until = endOfBogotaDate(today);
  function* tasksOfPlans(): Generator<ExportedTask> {
    for (const plan of plans) {
      const recorded = recordedEvidence(store, plan.id, until);
      for (const task of tasksOf(store, plan.id, today))
        yield exportedTask(task, recorded.get(task.id) ?? []);
    }
  }
  return { year, plans, tasks: tasksOfPlans() };
}

/** The tasks of the plans a filter names, listed (see `chosenTasks`). */
export function exportedTasks(
  store: Store,
  clock: Clock,
  filter: PlanFilter = {},
): { year: number; plans: PlanRow[]; tasks: ExportedTask[] } {
  const chosen = chosenTasks(store, clock, filter);
  return { ...chosen, tasks: [...chosen.tasks] };
}

/** The columns `importar plan` reads, as the exports write them (a copy of a plan writes only these). */
export const PLAN_COLUMNS = [
  { key: 'code', header: MATRIX_HEADERS.code, width: 9 },
  { key: 'activity', header: MATRIX_HEADERS.activity, width: 45 },
  { key: 'what', header: MATRIX_HEADERS.what, width: 35 },
  { key: 'title', header: MATRIX_HEADERS.title, width: 55 },
  { key: 'responsible', header: MATRIX_HEADERS.responsible, width: 35 },
  { key: 'start', header: MATRIX_HEADERS.start, width: 12 },
  { key: 'end', header: MATRIX_HEADERS.end, width: 12 },
  { key: 'evidence', header: MATRIX_HEADERS.evidence, width: 40 },
  { key: 'target', header: MATRIX_HEADERS.target, width: 10 },
  { key: 'parts', header: MATRIX_HEADERS.parts, width: 12 },
];

const COLUMNS = [
  ...PLAN_COLUMNS,
  { key: 'status', header: MATRIX_HEADERS.status, width: 12 },
  // The task's state: `importar plan` does not read these columns.
  { key: 'progress', header: 'AVANCE', width: 9 },
  { key: 'doneOn', header: 'CUMPLIDA', width: 12 },
  { key: 'lateDays', header: 'DÍAS DE RETRASO', width: 10 },
  { key: 'verifiedOn', header: 'VERIFICADA', width: 12 },
  { key: 'links', header: 'ENLACES DE EVIDENCIA', width: 50 },
  // Which plan and vigencia: a file of several plans says it on each row; it imports back one plan at a time.
  { key: 'plan', header: PLAN_HEADERS.plan, width: 8 },
  { key: 'vigencia', header: PLAN_HEADERS.vigencia, width: 9 },
];

/** No cell may pass the importer's limit, so an export always imports back: the last links are counted. */
function linksCell(links: string[]): string {
  const cell = (n: number) =>
    [...links.slice(0, n), ...(n < links.length ? [`(y ${links.length - n} más)`] : [])].join('\n');
  let n = links.length;
  while (n > 0 && cell(n).length > TEXT_LIMITS.long) n -= 1;
  return cell(n);
}

function dateOf(instant: string | null): string | null {
  return instant === null ? null : bogotaDate(new Date(instant));
}

/** A task as a row of the matrix: the plan's columns (META and PARTES import back to its parts), then its state. */
function matrixRow(task: ExportedTask): Record<string, SheetValue> {
  const { code, activity, what, title, responsible, start, end, evidence, parts } = task;
  const cells = partsCellsOf(parts?.kind ?? null, parts?.source ?? 'manual', parts?.target ?? 0);
  return {
    ...{ code, activity, what, title, responsible, start, end, evidence },
    target: cells.target,
    parts: cells.parts,
    status: statusLabels[task.status],
    progress: parts && parts.target > 0 ? `${parts.done}/${parts.target}` : null,
    doneOn: dateOf(task.doneAt),
    lateDays: task.lateDays,
    verifiedOn: dateOf(task.verifiedAt),
    links: linksCell(task.evidenceLinks),
    plan: task.plan,
    vigencia: task.vigencia,
  };
}

/** A sheet named by what it holds: `Plan 2026`, or `PTH 2026` for one plan other than the PPI. */
function sheetTitle(year: number, plans: PlanRow[]): string {
  const only = plans.length === 1 ? plans[0] : undefined;
  return only && only.code !== DEFAULT_PLAN_CODE ? `${only.code} ${year}` : `Plan ${year}`;
}

/**
 * The tasks as the matrix (CSV/XLSX; `importar plan … --codigo X` reads back the file of one plan) or as
 * JSON, for the plans a filter names (see `exportedTasks`), written as they are read. A filter that names
 * no plan is refused here, before anything is written.
 */
export function tasksFile(
  store: Store,
  clock: Clock,
  format: 'csv' | 'xlsx' | 'json',
  filter: PlanFilter = {},
): StreamedFile {
  const chosen = chosenTasks(store, clock, filter);
  if (format === 'json') return jsonArrayFile(chosen.tasks);
  const rows = rowsOf(chosen.tasks, matrixRow);
  return tableFile(format, { name: sheetTitle(chosen.year, chosen.plans), columns: COLUMNS, rows });
}

/** The same export whole: CSV or JSON text, XLSX bytes. */
export async function exportTasks(
  store: Store,
  clock: Clock,
  format: 'csv' | 'xlsx' | 'json',
  filter: PlanFilter = {},
): Promise<string | Uint8Array> {
  const bytes = await fileBytes(tasksFile(store, clock, format, filter));
  return format === 'xlsx' ? new Uint8Array(bytes) : bytes.toString('utf8');
}
