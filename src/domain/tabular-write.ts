import { stringify } from 'csv-stringify/sync';
import { fileBytes, type StreamedFile, textFile } from './streamed.ts';
import { plainCells, sheetName, workbookFile } from './xlsx-stream.ts';

export interface SheetColumn {
  key: string;
  header: string;
  width?: number;
}

export type SheetValue = string | number | null;

export interface Sheet {
  name: string;
  columns: SheetColumn[];
  /**
   * The data rows, read once and in order as the file is written: a generator that reads them from the
   * database as it goes keeps the export from holding them all.
   */
  rows: Iterable<Record<string, SheetValue>>;
  /** Rows written above the header (e.g. a session's data before its list of invitees). */
  preamble?: string[][];
}

/** Rows made one at a time from `items` as the file is written, instead of a second list of them. */
export function* rowsOf<T>(
  items: Iterable<T>,
  row: (item: T) => Record<string, SheetValue>,
): Generator<Record<string, SheetValue>> {
  for (const item of items) yield row(item);
}

/**
 * A sheet as a CSV file (header row first; text that a spreadsheet would run as a formula is protected,
 * see `protectedText`) or as an XLSX workbook (typed cells, never formulas; bold, frozen header; column
 * widths), written row by row into its destination.
 */
export function tableFile(format: 'csv' | 'xlsx', sheet: Sheet): StreamedFile {
  return format === 'csv' ? csvFile(sheet) : xlsxFile(sheet);
}

/** The whole file at once: CSV text or XLSX bytes (see `tableFile`). */
export async function writeTable(format: 'csv' | 'xlsx', sheet: Sheet): Promise<string | Uint8Array> {
  const bytes = await fileBytes(tableFile(format, sheet));
  return format === 'csv' ? bytes.toString('utf8') : new Uint8Array(bytes);
}

function orderedValues(sheet: Sheet, row: Record<string, SheetValue>): SheetValue[] {
  return sheet.columns.map((column) => row[column.key] ?? null);
}

/**
 * A spreadsheet opening a CSV runs a text cell that starts with `=`, `+`, `-`, `@`, tab or CR as a
 * formula (CSV injection, OWASP). Such a text gets a leading `'`, which makes it plain text; a text
 * that already starts with quotes before one of those gets one more, so reading strips exactly one.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;

function protectedText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Undoes `protectedText` on a CSV cell read back. */
export function unprotectedText(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text) ? text.slice(1) : text;
}

/** Numbers are written as numbers (a negative one too); only text is protected. */
function csvCell(value: SheetValue): string {
  if (value === null) return '';
  return typeof value === 'number' ? String(value) : protectedText(value);
}

/** Every line of the CSV: the preamble, the header, then each row as it is read. */
function* csvLines(sheet: Sheet): Generator<string[]> {
  for (const line of sheet.preamble ?? []) yield line.map(csvCell);
  yield sheet.columns.map((column) => csvCell(column.header));
  for (const row of sheet.rows) yield orderedValues(sheet, row).map(csvCell);
}

/** Lines turned into CSV text together: csv-stringify's stream would hand the file one line at a time. */
const CSV_BATCH = 256;

/** The CSV text in pieces of `CSV_BATCH` lines, each stringified as it is reached. */
function* csvText(sheet: Sheet): Generator<string> {
  let batch: string[][] = [];
  for (const line of csvLines(sheet)) {
    batch.push(line);
    if (batch.length < CSV_BATCH) continue;
    yield stringify(batch);
    batch = [];
  }
  if (batch.length > 0) yield stringify(batch);
}

function csvFile(sheet: Sheet): StreamedFile {
  return textFile(csvText(sheet));
}

/** The sheet as CSV text, synchronously (see `tableFile`; no byte-order mark): for small sheets only. */
export function sheetCsv(sheet: Sheet): string {
  return stringify([...csvLines(sheet)]);
}

function xlsxFile(sheet: Sheet): StreamedFile {
  return workbookFile(async (book) => {
    const preamble = sheet.preamble ?? [];
    const worksheet = book.addSheet(sheetName(sheet.name), {
      views: [{ state: 'frozen', ySplit: preamble.length + 1 }],
    });
    sheet.columns.forEach((column, index) => {
      worksheet.getColumn(index + 1).width = column.width ?? Math.max(12, column.header.length + 2);
    });
    for (const line of preamble) await book.commit(plainCells(worksheet.addRow(line)));
    const header = worksheet.addRow(sheet.columns.map((column) => column.header));
    header.font = { bold: true };
    await book.commit(header);
    for (const row of sheet.rows) {
      await book.commit(plainCells(worksheet.addRow(orderedValues(sheet, row))));
    }
    worksheet.commit();
  });
}
