import { ImportError, type ImportProblem, requireColumns, type Table, type TableRow } from '../tabular.ts';
import { normalize } from '../text.ts';
import {
  activitiesOfTasks,
  defaultPlanTitle,
  type ParsedPlan,
  type ParsedTask,
  parseDate,
} from './parsed-plan.ts';
import { PARTS_HEADERS, PARTS_HELP, readPartsCells } from './plan-parts-cells.ts';

/**
 * Column headers of the plan matrix as CSV/XLSX, in export order. CÓDIGO, META, PARTES and ESTADO are
 * optional on import (ESTADO and the state columns after it are not read).
 */
export const MATRIX_HEADERS = {
  code: 'CÓDIGO',
  activity: 'ACTIVIDAD',
  what: 'QUÉ',
  title: 'CÓMO',
  responsible: 'QUIÉN',
  start: 'INICIO',
  end: 'FIN',
  evidence: 'EVIDENCIAS',
  target: PARTS_HEADERS.target,
  parts: PARTS_HEADERS.parts,
  status: 'ESTADO',
} as const;

/** The columns an export adds after the task's state: which plan and vigencia a row belongs to. */
export const PLAN_HEADERS = { plan: 'PLAN', vigencia: 'VIGENCIA' } as const;

const REQUIRED = [
  MATRIX_HEADERS.activity,
  MATRIX_HEADERS.what,
  MATRIX_HEADERS.title,
  MATRIX_HEADERS.responsible,
  MATRIX_HEADERS.start,
  MATRIX_HEADERS.end,
];

const HELP = [
  `Columnas: ${REQUIRED.join(', ')}, ${MATRIX_HEADERS.evidence} y, opcional, ${MATRIX_HEADERS.code} (p. ej. 3.5).`,
  'Fechas como 2026-03-31 o 31/03/2026. Una celda ACTIVIDAD o QUÉ vacía repite la de la fila anterior.',
  PARTS_HELP,
];

const CODE = /^(\d{1,2})\.(\d{1,2})$/;

type Draft = Omit<ParsedTask, 'code' | 'activityNumber'> & { givenCode: string };

function cell(row: TableRow, header: string): string {
  return (row.values[normalize(header)] ?? '').replace(/\s+/g, ' ').trim();
}

class MatrixRows {
  readonly problems: ImportProblem[] = [];
  private previous: Draft | null = null;

  private problem(line: number, column: string, message: string): void {
    this.problems.push({ line, column, message });
  }

  /** One row: ACTIVIDAD and QUÉ carry on from the row above when empty; dates must be real and in order. */
  read(row: TableRow): Draft | null {
    const { line } = row;
    const ownActivity = cell(row, MATRIX_HEADERS.activity);
    const activity = ownActivity || this.previous?.activity || '';
    const sameActivity =
      ownActivity === '' || normalize(ownActivity) === normalize(this.previous?.activity ?? '');
    const what = cell(row, MATRIX_HEADERS.what) || (sameActivity ? (this.previous?.what ?? '') : '');
    const draft: Draft = {
      line,
      givenCode: cell(row, MATRIX_HEADERS.code),
      activity,
      what,
      title: cell(row, MATRIX_HEADERS.title),
      responsible: cell(row, MATRIX_HEADERS.responsible),
      start: this.date(row, MATRIX_HEADERS.start),
      end: this.date(row, MATRIX_HEADERS.end),
      evidence: cell(row, MATRIX_HEADERS.evidence),
    };
    const before = this.problems.length;
    const parts = readPartsCells(cell(row, MATRIX_HEADERS.target), cell(row, MATRIX_HEADERS.parts));
    for (const problem of parts.problems) this.problem(line, problem.column, problem.message);
    if (parts.spec) draft.parts = parts.spec;
    if (activity === '') this.problem(line, MATRIX_HEADERS.activity, 'falta la actividad.');
    if (what === '') this.problem(line, MATRIX_HEADERS.what, 'falta la alternativa de mejora (QUÉ).');
    if (draft.title === '') this.problem(line, MATRIX_HEADERS.title, 'falta el texto de la tarea.');
    if (draft.responsible === '') this.problem(line, MATRIX_HEADERS.responsible, 'falta el responsable.');
    if (draft.start && draft.end && draft.start > draft.end) {
      this.problem(line, MATRIX_HEADERS.start, `el inicio ${draft.start} es posterior al fin ${draft.end}.`);
    }
    this.previous = draft;
    return this.problems.length === before && draft.start && draft.end ? draft : null;
  }

  private date(row: TableRow, header: string): string {
    const text = cell(row, header);
    const date = parseDate(text);
    if (date) return date;
    const message =
      text === '' ? 'falta la fecha.' : `«${text}» no es una fecha (use 2026-03-31 o 31/03/2026).`;
    this.problem(row.line, header, message);
    return '';
  }
}

/** Codes from CÓDIGO: each must be `<actividad>.<tarea>`, unique, and an activity number keeps one name. */
function codesGiven(drafts: Draft[], problems: ImportProblem[]): ParsedTask[] {
  const seen = new Map<string, number>();
  const names = new Map<number, { name: string; line: number }>();
  const tasks: ParsedTask[] = [];
  for (const draft of drafts) {
    const match = CODE.exec(draft.givenCode);
    const problem = (message: string) =>
      problems.push({ line: draft.line, column: MATRIX_HEADERS.code, message });
    if (!match) {
      problem(
        draft.givenCode === ''
          ? 'falta el código (las demás filas lo tienen).'
          : `«${draft.givenCode}» no es un código como 3.5.`,
      );
      continue;
    }
    const code = `${Number(match[1])}.${Number(match[2])}`;
    const activityNumber = Number(match[1]);
    const first = seen.get(code);
    if (first !== undefined) problem(`el código ${code} ya está en la línea ${first}.`);
    seen.set(code, draft.line);
    const named = names.get(activityNumber);
    if (named && normalize(named.name) !== normalize(draft.activity)) {
      problem(`la actividad ${activityNumber} tiene otro nombre en la línea ${named.line}.`);
    }
    if (!named) names.set(activityNumber, { name: draft.activity, line: draft.line });
    tasks.push({ ...withoutGivenCode(draft), code, activityNumber });
  }
  return tasks;
}

/** Without CÓDIGO, tasks are numbered in order and a new activity starts when ACTIVIDAD's text changes. */
function codesInOrder(drafts: Draft[]): ParsedTask[] {
  let activityNumber = 0;
  let taskNumber = 0;
  let activity = '';
  return drafts.map((draft) => {
    if (normalize(draft.activity) !== activity) {
      activity = normalize(draft.activity);
      activityNumber += 1;
      taskNumber = 0;
    }
    taskNumber += 1;
    return { ...withoutGivenCode(draft), code: `${activityNumber}.${taskNumber}`, activityNumber };
  });
}

function withoutGivenCode(draft: Draft): Omit<ParsedTask, 'code' | 'activityNumber'> {
  const { givenCode: _, ...rest } = draft;
  return rest;
}

/** The year most tasks start in: the vigencia of a matrix that does not say it. */
function yearOfDates(tasks: ParsedTask[]): number {
  const counts = new Map<number, number>();
  for (const task of tasks) {
    const year = Number(task.start.slice(0, 4));
    counts.set(year, (counts.get(year) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
}

/**
 * The plan a file's PLAN column names (an export's), if any. A file of several plans is refused: it imports
 * back one plan at a time; so is a file of one plan imported under another code.
 */
function planOfRows(table: Table, asked: string | undefined): string | undefined {
  const codes = [...new Set(table.rows.map((r) => cell(r, PLAN_HEADERS.plan).toUpperCase()))].filter(Boolean);
  const [only] = codes;
  if (codes.length > 1) {
    throw new ImportError(
      [
        {
          line: 2,
          column: PLAN_HEADERS.plan,
          message: `el archivo tiene tareas de ${codes.length} planes (${codes.join(', ')}).`,
        },
      ],
      'Un plan se importa de a uno: exporte cada plan con npx mipg exportar tareas --plan <código>.',
    );
  }
  if (only && asked && only !== asked.toUpperCase()) {
    throw new ImportError(
      [
        {
          line: 2,
          column: PLAN_HEADERS.plan,
          message: `el archivo es del plan ${only}, no de ${asked.toUpperCase()}.`,
        },
      ],
      `Impórtelo con --codigo ${only}, o borre la columna ${PLAN_HEADERS.plan} para cargarlo como otro plan.`,
    );
  }
  return only;
}

/** Reads the plan matrix from a CSV/XLSX table; throws an ImportError listing every bad cell. */
export function parsePlanMatrix(table: Table, options: { year?: number; code?: string } = {}): ParsedPlan {
  requireColumns(table, REQUIRED);
  const code = planOfRows(table, options.code);
  const reader = new MatrixRows();
  const drafts = table.rows.map((row) => reader.read(row));
  const problems = reader.problems;
  if (table.rows.length === 0) problems.push({ line: 2, message: 'el archivo no tiene filas de tareas.' });
  const valid = drafts.filter((d): d is Draft => d !== null);
  const withCodes = valid.some((d) => d.givenCode !== '');
  const tasks = withCodes ? codesGiven(valid, problems) : codesInOrder(valid);
  if (problems.length > 0) throw new ImportError(problems, ...HELP);
  const year = options.year ?? yearOfDates(tasks);
  return {
    year,
    title: defaultPlanTitle(year),
    activities: activitiesOfTasks(tasks),
    tasks,
    ...(code ? { code } : {}),
  };
}
