import { and, asc, eq, lt } from 'drizzle-orm';
import type { Store } from '../../../db/client.ts';
import { evidence, type PartsKind, type PartsSource, people } from '../../../db/schema/index.ts';
import { bogotaDate, bogotaToday, type Clock } from '../clock.ts';
import { DomainError } from '../errors.ts';
import { type SheetValue, writeTable } from '../tabular.ts';
import { TEXT_LIMITS } from '../text.ts';
import { endOfBogotaDate } from './history.ts';
import type { ParsedTask } from './parsed-plan.ts';
import { MATRIX_HEADERS } from './plan-matrix.ts';
import { partsCellsOf } from './plan-parts-cells.ts';
import { statusLabels } from './status.ts';
import { currentPlan, planForDate, type TaskView, tasksOf } from './store.ts';

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
}

/** The evidence recorded for a task before `until` (an ISO instant: the end of the day looked at). */
function recordedEvidence(store: Store, taskId: number, until: string): ExportedEvidence[] {
  return store
    .select({ url: evidence.url, note: evidence.note, name: people.name, at: evidence.createdAt })
    .from(evidence)
    .leftJoin(people, eq(people.id, evidence.personId))
    .where(and(eq(evidence.taskId, taskId), lt(evidence.createdAt, until)))
    .orderBy(asc(evidence.createdAt), asc(evidence.id))
    .all()
    .map(({ url, note, name, at }) => ({ url, note, by: name ?? 'sistema', at }));
}

function exportedParts(task: TaskView): ExportedTask['parts'] {
  if (task.partsKind === null) return null;
  const { target = 0, done = 0 } = task.parts ?? {};
  return { kind: task.partsKind, source: task.partsSource, target, done };
}

function exportedTask(store: Store, task: TaskView, until: string): ExportedTask {
  const recorded = recordedEvidence(store, task.id, until);
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
  return {
    year: plan.year,
    tasks: tasksOf(store, plan.id, today).map((t) => exportedTask(store, t, endOfBogotaDate(today))),
  };
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
  { key: 'target', header: MATRIX_HEADERS.target, width: 10 },
  { key: 'parts', header: MATRIX_HEADERS.parts, width: 12 },
  { key: 'status', header: MATRIX_HEADERS.status, width: 12 },
  // The task's state: `importar plan` does not read these columns.
  { key: 'progress', header: 'AVANCE', width: 9 },
  { key: 'doneOn', header: 'CUMPLIDA', width: 12 },
  { key: 'lateDays', header: 'DÍAS DE RETRASO', width: 10 },
  { key: 'verifiedOn', header: 'VERIFICADA', width: 12 },
  { key: 'links', header: 'ENLACES DE EVIDENCIA', width: 50 },
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
  };
}

/** The plan's tasks as the matrix (CSV/XLSX, which `importar plan` reads back) or as JSON. */
export async function exportTasks(
  store: Store,
  clock: Clock,
  format: 'csv' | 'xlsx' | 'json',
  year?: number,
): Promise<string | Uint8Array> {
  const exported = exportedTasks(store, clock, year);
  if (format === 'json') return `${JSON.stringify(exported.tasks, null, 2)}\n`;
  const rows = exported.tasks.map(matrixRow);
  return writeTable(format, { name: `Plan ${exported.year}`, columns: COLUMNS, rows });
}
