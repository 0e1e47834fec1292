import { TZDate } from '@date-fns/tz';
import type ExcelJS from 'exceljs';
import { BOGOTA } from '../clock.ts';
import { lazyRequire } from '../lazy.ts';
import { isHttpUrl } from '../text.ts';
import type { Cell, Table } from './cells.ts';

export const excel = lazyRequire<typeof ExcelJS>('exceljs');

/**
 * The report tables (cells.ts) written into a workbook: typed cells (percentages are numbers shown with a
 * % format, dates are dates, text is text, never a formula), bold headers, the sheet's list filtered.
 */

const PERCENT = '0.0%';
const DATE = 'dd/mm/yyyy';
const DATE_TIME = 'dd/mm/yyyy hh:mm';
const LINK_FONT: Partial<ExcelJS.Font> = { color: { argb: 'FF1A56C4' }, underline: true };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EAED' } };
/**
 * Text a spreadsheet would take for a formula if someone edited the cell. XLSX text cells are never
 * run, but these also get the Text format, so they stay text when edited.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A calendar date as Excel holds it (a day with no time zone). */
function excelDate(date: string): Date {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

/** An instant as its Bogotá wall-clock time: Excel has no time zones, so it shows what it holds. */
function bogotaWallClock(at: string): Date {
  const z = new TZDate(new Date(at).getTime(), BOGOTA);
  return new Date(Date.UTC(z.getFullYear(), z.getMonth(), z.getDate(), z.getHours(), z.getMinutes()));
}

function put(target: ExcelJS.Cell, cell: Cell): void {
  switch (cell.kind) {
    case 'text':
      target.value = cell.text;
      if (FORMULA_START.test(cell.text)) target.numFmt = '@';
      return;
    case 'number':
      target.value = cell.value;
      return;
    case 'percent':
      target.value = Math.round(cell.value * 10) / 1000;
      target.numFmt = PERCENT;
      return;
    case 'date':
      target.value = excelDate(cell.date);
      target.numFmt = DATE;
      return;
    case 'instant':
      target.value = bogotaWallClock(cell.at);
      target.numFmt = DATE_TIME;
      return;
    case 'link':
      if (isHttpUrl(cell.url)) {
        target.value = { text: cell.url, hyperlink: cell.url };
        target.font = LINK_FONT;
      } else {
        put(target, { kind: 'text', text: cell.url });
      }
      return;
    case 'empty':
      return;
  }
}

/**
 * Writes a table from `row` on; the sheet's main table gets the frozen header and the filter.
 * Returns the row after it, with one blank row of margin.
 */
export function addTable(sheet: ExcelJS.Worksheet, table: Table, row: number, main: boolean): number {
  let at = row;
  if (table.title) {
    const title = sheet.getCell(at, 1);
    title.value = table.title;
    title.font = { bold: true, size: 12 };
    at += 1;
  }
  const header = sheet.getRow(at);
  table.columns.forEach((column, i) => {
    const cell = header.getCell(i + 1);
    cell.value = column.header;
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: 'top', wrapText: true };
    const width = sheet.getColumn(i + 1);
    width.width = Math.max(width.width ?? 0, column.width);
  });
  if (main) {
    sheet.views = [{ state: 'frozen', ySplit: at }];
    sheet.autoFilter = {
      from: { row: at, column: 1 },
      to: { row: at + Math.max(1, table.rows.length), column: table.columns.length },
    };
  }
  table.rows.forEach((cells, r) => {
    const line = sheet.getRow(at + 1 + r);
    cells.forEach((cell, c) => {
      put(line.getCell(c + 1), cell);
    });
  });
  if (table.rows.length === 0 && table.empty) {
    sheet.getCell(at + 1, 1).value = table.empty;
    at += 1;
  }
  return at + table.rows.length + 2;
}

export function addSheet(workbook: ExcelJS.Workbook, name: string, tables: Table[]): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, {
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  let row = 1;
  // The last table is the sheet's list (filtered, header frozen); those above it sum it up.
  tables.forEach((table, i) => {
    row = addTable(sheet, table, row, i === tables.length - 1);
  });
  return sheet;
}
