import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { decodeText } from './encoding.ts';
import { DomainError } from './errors.ts';
import { lazyRequire } from './lazy.ts';
import { unprotectedText } from './tabular-write.ts';
import { normalize, TEXT_LIMITS, textLimitProblem, withoutControls } from './text.ts';

const excel = lazyRequire<typeof ExcelJS>('exceljs');

export {
  rowsOf,
  type Sheet,
  type SheetColumn,
  type SheetValue,
  sheetCsv,
  tableFile,
  writeTable,
} from './tabular-write.ts';

/** One data row of a table: its 1-based line (CSV) or row (XLSX) number and its cells by normalized header. */
export interface TableRow {
  line: number;
  values: Record<string, string>;
}

/**
 * A sheet read from a CSV or XLSX file. `headers` are the header cells passed through `normalize()`
 * (lowercase, no accents), the same strings that key `values`. `preamble` holds the non-empty rows found
 * above the header when `readTable` was told how to recognize it (`headerWith`).
 */
export interface Table {
  headers: string[];
  rows: TableRow[];
  preamble: string[][];
}

export interface ImportProblem {
  line: number;
  column?: string;
  message: string;
}

const MAX_LISTED_PROBLEMS = 15;

function describeProblem(problem: ImportProblem): string {
  const where = problem.column ? `Línea ${problem.line}, columna ${problem.column}` : `Línea ${problem.line}`;
  return `${where}: ${problem.message}`;
}

function importMessage(problems: ImportProblem[]): string {
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS).map((p) => `• ${describeProblem(p)}`);
  const rest = problems.length - listed.length;
  if (rest > 0) listed.push(`… y ${rest} más.`);
  const title =
    problems.length === 1
      ? 'El archivo tiene 1 problema; no se importó nada:'
      : `El archivo tiene ${problems.length} problemas; no se importó nada:`;
  return [title, ...listed].join('\n');
}

/** Problems found in an imported file, each with its line (and column); nothing was stored. */
export class ImportError extends DomainError {
  override name = 'ImportError';
  readonly problems: ImportProblem[];
  constructor(problems: ImportProblem[], ...help: string[]) {
    super(importMessage(problems), ...help);
    this.problems = problems;
  }
}

export interface ReadTableOptions {
  /**
   * Column names that identify the header row: the first row holding all of them is the header and the
   * rows above it are returned as `preamble`. Without it the first non-empty row is the header.
   */
  headerWith?: string[];
}

interface RawRow {
  line: number;
  cells: string[];
}

/**
 * Reads the first sheet of a `.csv` (UTF-8 or Windows-1252, see `decodeText`; `,` or `;`) or `.xlsx` file.
 * Fully empty rows are skipped; cells lose their control characters (see `withoutControls`).
 */
export async function readTable(path: string, options: ReadTableOptions = {}): Promise<Table> {
  const extension = extname(path).toLowerCase();
  if (extension !== '.csv' && extension !== '.xlsx') {
    throw new DomainError(
      `No se puede leer «${basename(path)}»: el archivo debe ser .csv o .xlsx.`,
      'Guarde la hoja como CSV (UTF-8) o como libro de Excel (.xlsx) y vuelva a intentarlo.',
    );
  }
  const bytes = await readBytes(path);
  const rows = extension === '.csv' ? csvRows(decodeText(bytes, basename(path))) : await xlsxRows(bytes);
  return toTable(rows, options);
}

async function readBytes(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch {
    throw new DomainError(
      `No se pudo abrir el archivo «${path}».`,
      'Revise la ruta y los permisos del archivo.',
    );
  }
}

function toTable(rows: RawRow[], options: ReadTableOptions): Table {
  const wanted = (options.headerWith ?? []).map(normalize);
  const headerIndex = rows.findIndex((row) => {
    const cells = row.cells.map(normalize);
    return wanted.every((name) => cells.includes(name));
  });
  const header = rows[headerIndex];
  if (!header) {
    const expected = wanted.length > 0 ? ` con las columnas ${wanted.join(', ')}` : '';
    throw new ImportError([{ line: 1, message: `no se encontró la fila de encabezados${expected}.` }]);
  }
  const headers = header.cells.map(normalize);
  const dataRows = rows
    .slice(headerIndex + 1)
    .map((row) => ({ line: row.line, values: rowValues(headers, row) }));
  assertCellsFit(dataRows);
  return {
    headers: headers.filter((h) => h !== ''),
    rows: dataRows,
    preamble: rows.slice(0, headerIndex).map((r) => r.cells),
  };
}

/** No cell of an office's sheet needs more than a long free text; a bigger one is a mistake (or worse). */
function assertCellsFit(rows: TableRow[]): void {
  const problems: ImportProblem[] = [];
  for (const { line, values } of rows) {
    for (const [column, text] of Object.entries(values)) {
      const message = textLimitProblem(text, { subject: 'la celda', max: TEXT_LIMITS.long });
      if (message) problems.push({ line, column, message });
    }
  }
  if (problems.length > 0) throw new ImportError(problems);
}

function rowValues(headers: string[], row: RawRow): Record<string, string> {
  const values: Record<string, string> = {};
  headers.forEach((header, index) => {
    if (header === '' || header in values) return;
    values[header] = row.cells[index] ?? '';
  });
  return values;
}

function isBlank(cells: string[]): boolean {
  return cells.every((cell) => cell === '');
}

/** The delimiter that appears most often, outside quotes, in the first non-empty line. */
function detectDelimiter(text: string): string {
  const firstLine = text.split(/\r\n|\n|\r/).find((line) => line.trim() !== '') ?? '';
  const unquoted = firstLine.replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t'].map((d) => ({ d, n: unquoted.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0] && counts[0].n > 0 ? counts[0].d : ',';
}

interface CsvRecord {
  record: string[];
  raw: string;
  info: { lines: number };
}

/** A table from CSV text already in memory (synchronous: seed files read at start-up). */
export function tableFromCsv(csv: string, options: ReadTableOptions = {}): Table {
  return toTable(csvRows(csv), options);
}

function csvRows(csv: string): RawRow[] {
  const text = csv.replace(/^\uFEFF/, '');
  let records: CsvRecord[];
  try {
    records = parse(text, {
      delimiter: detectDelimiter(text),
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as CsvRecord[];
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    throw new ImportError([{ line, message: 'el CSV está mal formado (revise las comillas).' }]);
  }
  return records
    .map(({ record, raw, info }) => {
      const innerBreaks = raw.replace(/(\r\n|\n|\r)$/, '').split(/\r\n|\n|\r/).length - 1;
      return {
        line: info.lines - innerBreaks,
        cells: record.map((c) => withoutControls(unprotectedText(c))),
      };
    })
    .filter((row) => !isBlank(row.cells));
}

async function xlsxRows(bytes: Buffer): Promise<RawRow[]> {
  const workbook = new (excel().Workbook)();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new DomainError('El archivo .xlsx no se pudo leer: no parece un libro de Excel válido.');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: RawRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let column = 1; column <= row.cellCount; column++) {
      cells.push(withoutControls(cellText(row.getCell(column).value)).trim());
    }
    if (!isBlank(cells)) rows.push({ line: rowNumber, cells });
  });
  return rows;
}

/** The text a person sees in a cell: dates as `YYYY-MM-DD`, numbers plainly, rich text and links as text. */
export function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return cellText(value.text as ExcelJS.CellValue);
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result as ExcelJS.CellValue);
  if ('error' in value) return '';
  return '';
}

/** Throws an ImportError naming the columns (given as people write them) that the table lacks. */
export function requireColumns(table: Table, columns: string[]): void {
  const missing = columns.filter((column) => !table.headers.includes(normalize(column)));
  if (missing.length === 0) return;
  const list = missing.join(', ');
  throw new ImportError(
    [{ line: 1, message: `faltan las columnas ${list}.` }],
    `La primera fila debe tener los encabezados: ${columns.join(', ')}.`,
  );
}
