import { ImportError, type ImportProblem } from '../tabular.ts';
import { activitiesOfTasks, defaultPlanTitle, type ParsedPlan, type ParsedTask } from './parsed-plan.ts';
import {
  ACTIVITY,
  EVIDENCE,
  HOW,
  isBlankLine,
  isDateRangeText,
  isFooterLine,
  isHeaderLine,
  looksLikeDate,
  MATRIX_COLUMNS,
  matrixHeading,
  parseDateRange,
  splitCells,
  WHAT,
  WHEN,
  WHO,
} from './plan-text-lines.ts';

/** A cell shared by the rows under a merged ACTIVIDAD or QUÉ cell, so a continuation reaches all of them. */
interface SharedText {
  text: string;
}

interface DraftTask {
  line: number;
  activityNumber: number;
  taskNumber: number;
  activity: SharedText;
  what: SharedText;
  title: string;
  responsible: string;
  start: string;
  end: string;
  evidence: string;
  /** How many leading (merged) cells the row's line left out: where its cells sit, counted from the left. */
  offset: number;
}

const HELP = [
  'El archivo debe ser el texto del documento de la Política de Planeación Institucional, con la tabla',
  'después del título «MATRIZ OPERATIVA <año>» y una fila por tarea: ACTIVIDAD, QUÉ, CÓMO, QUIÉN,',
  'CUÁNDO (dd/mm/aaaa - dd/mm/aaaa) y EVIDENCIAS separadas por tabuladores.',
];

function fail(problems: ImportProblem[]): never {
  throw new ImportError(problems, ...HELP);
}

function join(before: string, after: string): string {
  return before === '' ? after : `${before} ${after}`;
}

/** Reads the rows of the matrix one line at a time, remembering what merged cells and page breaks imply. */
class MatrixReader {
  readonly tasks: DraftTask[] = [];
  readonly problems: ImportProblem[] = [];
  private activity: SharedText | null = null;
  private what: SharedText | null = null;
  private activityNumber = 0;
  private taskNumber = 0;
  private afterPageBreak = false;

  pageBreak(): void {
    this.afterPageBreak = true;
  }

  line(cells: string[], line: number): void {
    // A date may also appear inside CÓMO or EVIDENCIAS text: a cell written as a range is CUÁNDO.
    const rangeIndex = cells.findIndex(isDateRangeText);
    const dateIndex = rangeIndex >= 0 ? rangeIndex : cells.findIndex(looksLikeDate);
    if (dateIndex >= 0) this.row(cells, dateIndex, line);
    else if (this.afterPageBreak && this.tasks.length > 0) this.continuation(cells, line);
    else this.problem(line, 'CUÁNDO', 'la fila no tiene fechas de inicio y fin (dd/mm/aaaa - dd/mm/aaaa).');
  }

  private problem(line: number, column: string | undefined, message: string): void {
    this.problems.push(column ? { line, column, message } : { line, message });
  }

  /** A task row: CUÁNDO anchors it; CÓMO and QUIÉN precede it, EVIDENCIAS may follow, merged cells lead. */
  private row(cells: string[], dateIndex: number, line: number): void {
    this.afterPageBreak = false;
    const leading = cells.slice(0, Math.max(0, dateIndex - 2));
    const after = cells.slice(dateIndex + 1);
    if (
      dateIndex < 2 ||
      leading.length > 2 ||
      after.length > 1 ||
      (leading.length === 1 && leading[0] !== '')
    ) {
      this.problem(line, undefined, this.countProblem(cells.length));
      return;
    }
    const range = parseDateRange(cells[dateIndex] ?? '');
    if ('problem' in range) {
      this.problem(line, 'CUÁNDO', range.problem);
      return;
    }
    const title = cells[dateIndex - 2] ?? '';
    const responsible = cells[dateIndex - 1] ?? '';
    if (title === '') {
      this.problem(line, 'CÓMO', 'la tarea no tiene texto.');
      return;
    }
    if (responsible === '') {
      this.problem(line, 'QUIÉN', 'la tarea no tiene responsable.');
      return;
    }
    if (!this.enterGroups(leading[0] ?? '', leading[1] ?? '', line)) return;
    this.taskNumber += 1;
    this.tasks.push({
      line,
      activityNumber: this.activityNumber,
      taskNumber: this.taskNumber,
      activity: this.activity as SharedText,
      what: this.what as SharedText,
      title,
      responsible,
      ...range,
      evidence: after[0] ?? '',
      offset: WHEN - dateIndex,
    });
  }

  private countProblem(count: number): string {
    return (
      `la fila tiene ${count} celdas y no se puede saber a qué columnas corresponden ` +
      `(${MATRIX_COLUMNS.join(', ')}).`
    );
  }

  /** A non-empty ACTIVIDAD opens a new activity; a non-empty QUÉ a new alternative; empty ones carry on. */
  private enterGroups(activity: string, what: string, line: number): boolean {
    if (activity !== '') {
      this.activityNumber += 1;
      this.taskNumber = 0;
      this.activity = { text: activity };
      if (what === '') {
        this.problem(line, 'QUÉ', 'una actividad nueva debe traer su alternativa de mejora (QUÉ).');
        return false;
      }
    }
    if (what !== '') this.what = { text: what };
    if (this.activity === null || this.what === null) {
      this.problem(line, 'ACTIVIDAD', 'la primera fila de la matriz debe traer ACTIVIDAD y QUÉ.');
      return false;
    }
    return true;
  }

  /**
   * The rest of the last row's cells after a page break. Its leading cells may be left out like a row's,
   * so it is placed as the last row was, or shifted right until no piece falls on CUÁNDO (a date never wraps).
   */
  private continuation(cells: string[], line: number): void {
    const task = this.tasks[this.tasks.length - 1] as DraftTask;
    const room = MATRIX_COLUMNS.length - cells.length;
    const offsets = [task.offset, ...Array.from({ length: room + 1 }, (_, k) => k)];
    const offset = offsets.find(
      (k) => k >= 0 && k <= room && cells.every((cell, i) => cell === '' || i + k !== WHEN),
    );
    if (offset === undefined) {
      this.problem(
        line,
        undefined,
        'no se puede saber a qué celdas de la fila anterior continúa este texto.',
      );
      return;
    }
    cells.forEach((cell, i) => {
      if (cell !== '') this.append(task, i + offset, cell);
    });
  }

  private append(task: DraftTask, column: number, text: string): void {
    if (column === ACTIVITY) task.activity.text = join(task.activity.text, text);
    if (column === WHAT) task.what.text = join(task.what.text, text);
    if (column === HOW) task.title = join(task.title, text);
    if (column === WHO) task.responsible = join(task.responsible, text);
    if (column === EVIDENCE) task.evidence = join(task.evidence, text);
  }
}

function findHeading(lines: string[]): { index: number; year: number } {
  const index = lines.findIndex((line) => matrixHeading(line) !== null);
  if (index < 0) {
    fail([
      { line: 1, message: 'no se encontró el título «MATRIZ OPERATIVA <año>» que abre la tabla del plan.' },
    ]);
  }
  const year = matrixHeading(lines[index] ?? '')?.year ?? null;
  if (year === null || year < 2000 || year > 2100) {
    fail([
      {
        line: index + 1,
        message: 'el título de la matriz no dice la vigencia (p. ej. «MATRIZ OPERATIVA 2026»).',
      },
    ]);
  }
  return { index, year };
}

function findHeader(lines: string[], headingIndex: number): number {
  const index = lines.findIndex((line, i) => i > headingIndex && line.includes('\t'));
  if (index < 0 || !isHeaderLine(lines[index] ?? '')) {
    const at = index < 0 ? headingIndex + 1 : index + 1;
    fail([
      {
        line: at,
        message: `después del título no está la tabla con las columnas ${MATRIX_COLUMNS.join(', ')}.`,
      },
    ]);
  }
  return index;
}

/** Reads lines after the header until the first line that is neither a row, a blank nor a footer. */
function readRows(lines: string[], headerIndex: number, reader: MatrixReader): number {
  for (let i = headerIndex + 1; i < lines.length; i++) {
    const text = lines[i] ?? '';
    if (isBlankLine(text)) continue;
    if (isFooterLine(text)) reader.pageBreak();
    else if (text.includes('\t')) reader.line(splitCells(text), i + 1);
    else return i;
  }
  return lines.length;
}

/** Rows after the table's end mean the end was misread (e.g. an unknown line inside the table). */
function strayRows(lines: string[], endIndex: number): ImportProblem[] {
  const problems: ImportProblem[] = [];
  for (let i = endIndex; i < lines.length; i++) {
    const text = lines[i] ?? '';
    if (text.includes('\t') && looksLikeDate(text)) {
      problems.push({
        line: i + 1,
        message: `esta fila está después del fin de la tabla (línea ${endIndex + 1}: «${(lines[endIndex] ?? '').trim()}»).`,
      });
    }
  }
  return problems;
}

function toParsedTask(draft: DraftTask): ParsedTask {
  return {
    code: `${draft.activityNumber}.${draft.taskNumber}`,
    activityNumber: draft.activityNumber,
    activity: draft.activity.text,
    what: draft.what.text,
    title: draft.title,
    responsible: draft.responsible,
    start: draft.start,
    end: draft.end,
    evidence: draft.evidence,
    line: draft.line,
  };
}

/**
 * Reads the operative matrix out of the plan document's PDF-to-text rendering: the table after
 * "MATRIZ OPERATIVA <año>", across page footers and rows continued on the next page, up to the signature.
 * Throws an ImportError naming every bad line; it never returns a partial plan.
 */
export function parsePlanText(text: string): ParsedPlan {
  const lines = text.split(/\r\n|\n|\r/);
  const heading = findHeading(lines);
  const headerIndex = findHeader(lines, heading.index);
  const reader = new MatrixReader();
  const endIndex = readRows(lines, headerIndex, reader);
  const problems = [...reader.problems, ...strayRows(lines, endIndex)];
  if (reader.tasks.length === 0 && problems.length === 0) {
    problems.push({ line: headerIndex + 1, message: 'la tabla de la matriz no tiene filas de tareas.' });
  }
  if (problems.length > 0) fail(problems);
  const tasks = reader.tasks.map(toParsedTask);
  return {
    year: heading.year,
    title: defaultPlanTitle(heading.year),
    activities: activitiesOfTasks(tasks),
    tasks,
  };
}
