import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { lazyRequire } from './lazy.ts';
import { breathe, type StreamedFile } from './streamed.ts';

const excel = lazyRequire<typeof ExcelJS>('exceljs');

/** Who the workbooks say made them (the file's properties). */
const AUTHOR = 'Bot de Planeación MIPG';

/** Rows committed between two pauses that let the compressed workbook reach its destination. */
const ROWS_PER_BREATH = 200;

export interface BookProperties {
  title?: string;
  /** When it was made (by default, now). */
  created?: Date;
}

/**
 * A workbook written as it is filled, with exceljs's streaming writer: each row is committed (turned into
 * XML and compressed into the destination) as soon as it is added, each sheet before the next one starts.
 * Column widths, the frozen header (`views`) and the page setup of a sheet go in before its first row;
 * its filter and its links may come until it is committed.
 *
 * Text cells are written inline, not through a shared-strings table, which would hold every distinct text
 * of the workbook until its end: spreadsheets show the same cells either way.
 */
export class StreamedBook {
  readonly writer: ExcelJS.stream.xlsx.WorkbookWriter;
  readonly #destination: Writable;
  #rows = 0;

  constructor(destination: Writable, properties: BookProperties = {}) {
    this.#destination = destination;
    this.writer = new (excel().stream.xlsx.WorkbookWriter)({
      stream: destination,
      useStyles: true,
      useSharedStrings: false,
    });
    const created = properties.created ?? new Date();
    Object.assign(this.writer, {
      creator: AUTHOR,
      lastModifiedBy: AUTHOR,
      created,
      modified: created,
      ...(properties.title ? { title: properties.title } : {}),
    });
  }

  addSheet(name: string, options: Partial<ExcelJS.AddWorksheetOptions> = {}): ExcelJS.Worksheet {
    return this.writer.addWorksheet(name, options);
  }

  /** Commits the row (no cell of it, nor of a row above it, can change after this). */
  async commit(row: ExcelJS.Row): Promise<void> {
    row.commit();
    this.#rows += 1;
    if (this.#rows % ROWS_PER_BREATH === 0) await breathe(this.#destination);
  }
}

/** The style of a cell with none: one object for all of them (see `plainCells`), never changed. */
const PLAIN: Partial<ExcelJS.Style> = {};

/**
 * Gives the row's cells the one shared empty style: exceljs's writer knows a style object it has seen,
 * where a new empty one per cell (what it makes) costs it a lookup each. Call it before styling a cell.
 */
export function plainCells(row: ExcelJS.Row): ExcelJS.Row {
  row.eachCell({ includeEmpty: true }, (cell) => {
    cell.style = PLAIN;
  });
  return row;
}

/** A workbook file: `fill` adds its sheets and rows (committing each sheet), then the workbook is closed. */
export function workbookFile(
  fill: (book: StreamedBook) => Promise<void>,
  properties: BookProperties = {},
): StreamedFile {
  return {
    async writeTo(destination) {
      const book = new StreamedBook(destination, properties);
      await fill(book);
      await book.writer.commit();
    },
  };
}

/** Excel forbids some characters and more than 31 characters in a sheet name. */
export function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Hoja1';
}
