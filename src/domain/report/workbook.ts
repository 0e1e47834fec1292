import type ExcelJS from 'exceljs';
import { BOGOTA } from '../clock.ts';
import { isHttpUrl } from '../text.ts';
import type { StreamedBook } from '../xlsx-stream.ts';
import type { Cell, Table } from './cells.ts';
import { placeImage } from './xlsx-picture.ts';

/**
 * The report tables (cells.ts) written into a streamed workbook (see xlsx-stream.ts): typed cells
 * (percentages are numbers shown with a % format, dates are dates, text is text, never a formula), bold
 * headers, the sheet's list filtered.
 */

/**
 * The cells' styles, one object each, shared by every cell that has it and never changed: exceljs's
 * writer knows a style object it has seen, instead of working out each cell's anew.
 */
const STYLE = {
  plain: {},
  /** Text that stays text when edited (see FORMULA_START). */
  text: { numFmt: '@' },
  percent: { numFmt: '0.0%' },
  date: { numFmt: 'dd/mm/yyyy' },
  instant: { numFmt: 'dd/mm/yyyy hh:mm' },
  link: { font: { color: { argb: 'FF1A56C4' }, underline: true } },
  header: {
    font: { bold: true },
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EAED' } },
    alignment: { vertical: 'top', wrapText: true },
  },
  title: { font: { bold: true, size: 12 } },
} satisfies Record<string, Partial<ExcelJS.Style>>;
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

/** Bogotá's wall-clock fields of an instant, through the runtime's time-zone data. */
const bogotaFields = new Intl.DateTimeFormat('en-US', {
  timeZone: BOGOTA,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  hourCycle: 'h23',
});

/** An instant as its Bogotá wall-clock time: Excel has no time zones, so it shows what it holds. */
function bogotaWallClock(at: string): Date {
  const field: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of bogotaFields.formatToParts(new Date(at))) field[part.type] = Number(part.value);
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0 } = field;
  return new Date(Date.UTC(year, month - 1, day, hour, minute));
}

function put(target: ExcelJS.Cell, cell: Cell): void {
  switch (cell.kind) {
    case 'text':
      target.value = cell.text;
      target.style = FORMULA_START.test(cell.text) ? STYLE.text : STYLE.plain;
      return;
    case 'number':
      target.value = cell.value;
      target.style = STYLE.plain;
      return;
    case 'percent':
      target.value = Math.round(cell.value * 10) / 1000;
      target.style = STYLE.percent;
      return;
    case 'date':
      target.value = excelDate(cell.date);
      target.style = STYLE.date;
      return;
    case 'instant':
      target.value = bogotaWallClock(cell.at);
      target.style = STYLE.instant;
      return;
    case 'link':
      if (isHttpUrl(cell.url)) {
        target.value = { text: cell.url, hyperlink: cell.url };
        target.style = STYLE.link;
      } else {
        put(target, { kind: 'text', text: cell.url });
      }
      return;
    case 'empty':
      target.style = STYLE.plain;
      return;
  }
}

/** A picture placed under a sheet's tables, one blank row below the last (PNG, its size in pixels). */
export interface SheetPicture {
  png: Uint8Array;
  width: number;
  height: number;
}

/** What a sheet holds: its tables one under the other, one blank row between them. */
export interface SheetPlan {
  name: string;
  tables: Table[];
  /** The table that is the sheet's list (header frozen, filtered): by default the last one. */
  main?: number;
  picture?: SheetPicture;
}

/** Where a table goes: its title's row (if any), its header's row, and the row the next table starts at. */
interface Placed {
  table: Table;
  title?: number;
  header: number;
  next: number;
}

/** The rows of each table, worked out before writing: a streamed sheet needs its frozen row first. */
function layout(tables: Table[]): Placed[] {
  let at = 1;
  return tables.map((table) => {
    const title = table.title ? at : undefined;
    const header = table.title ? at + 1 : at;
    const body = table.rows.length === 0 && table.empty ? 1 : table.rows.length;
    at = header + body + 2;
    return { table, ...(title === undefined ? {} : { title }), header, next: at };
  });
}

/** Each column as wide as the widest table wants it. */
function widths(tables: Table[]): number[] {
  const result: number[] = [];
  for (const table of tables) {
    table.columns.forEach((column, i) => {
      result[i] = Math.max(result[i] ?? 0, column.width);
    });
  }
  return result;
}

async function writeTable(book: StreamedBook, sheet: ExcelJS.Worksheet, placed: Placed): Promise<void> {
  const { table, title, header } = placed;
  if (title !== undefined) {
    const row = sheet.getRow(title);
    row.getCell(1).value = table.title;
    row.getCell(1).style = STYLE.title;
    await book.commit(row);
  }
  const heading = sheet.getRow(header);
  table.columns.forEach((column, i) => {
    const cell = heading.getCell(i + 1);
    cell.value = column.header;
    cell.style = STYLE.header;
  });
  await book.commit(heading);
  for (const [r, cells] of table.rows.entries()) {
    const line = sheet.getRow(header + 1 + r);
    cells.forEach((cell, c) => {
      put(line.getCell(c + 1), cell);
    });
    await book.commit(line);
  }
  if (table.rows.length === 0 && table.empty) {
    const line = sheet.getRow(header + 1);
    line.getCell(1).value = table.empty;
    await book.commit(line);
  }
}

/**
 * Writes a sheet and commits it: landscape A4 fitted to the page's width, the main table's header frozen
 * and filtered, the tables one under the other, then the picture if any.
 */
export async function writeSheet(book: StreamedBook, plan: SheetPlan): Promise<void> {
  const placed = layout(plan.tables);
  const main = placed[plan.main ?? placed.length - 1];
  const sheet = book.addSheet(plan.name, {
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    ...(main ? { views: [{ state: 'frozen', ySplit: main.header }] } : {}),
  });
  widths(plan.tables).forEach((width, i) => {
    sheet.getColumn(i + 1).width = width;
  });
  if (main) {
    sheet.autoFilter = {
      from: { row: main.header, column: 1 },
      to: { row: main.header + Math.max(1, main.table.rows.length), column: main.table.columns.length },
    };
  }
  for (const table of placed) await writeTable(book, sheet, table);
  const last = placed.at(-1)?.next ?? 1;
  if (plan.picture) placeImage(book, sheet, plan.picture, last - 1);
  sheet.commit();
}
