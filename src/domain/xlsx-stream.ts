import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { lazyRequire } from './lazy.ts';
import { breathe, type StreamedFile } from './streamed.ts';

/**
 * exceljs's streaming writer alone: the package's entry point also loads the reader and the in-memory
 * workbook, which cost a run that only writes a few hundred milliseconds more to load.
 */
const workbookWriter = lazyRequire<typeof ExcelJS.stream.xlsx.WorkbookWriter>(
  'exceljs/lib/stream/xlsx/workbook-writer.js',
);

/** Who the workbooks say made them (the file's properties). */
const AUTHOR = 'Bot de Planeación MIPG';

/** Rows committed between two pauses that let the compressed workbook reach its destination. */
const ROWS_PER_BREATH = 200;

/**
 * How much of a sheet's XML may wait for the compressor before no more rows are made. exceljs's sheet
 * stream (its StreamBuf) hands its 64 KB buffers to the zip without waiting: a sheet written faster than
 * it is compressed would pile up in memory. These are the internals it reads.
 */
const BACKLOG = 1024 * 1024;
const SHEET_BUFFER = 64 * 1024;

interface SheetStream {
  /** The zip's input for the sheet (archiver's PassThrough, of readable-stream 2), once the zip reached it. */
  pipes: ZipInput[];
  /** What the sheet holds until then. */
  buffers: unknown[];
}

interface ZipInput {
  _writableState: { length: number };
  _readableState: { length: number };
  once(event: 'drain', listener: () => void): unknown;
}

export interface BookProperties {
  title?: string;
  /** When it was made (by default, when it is written). */
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
    this.writer = new (workbookWriter())({
      stream: destination,
      useStyles: true,
      useSharedStrings: false,
    });
    // Without a date of its own, the workbook says when it was written (exceljs's default).
    const { created, title } = properties;
    Object.assign(this.writer, {
      creator: AUTHOR,
      lastModifiedBy: AUTHOR,
      ...(created ? { created, modified: created } : {}),
      ...(title ? { title } : {}),
    });
  }

  addSheet(name: string, options: Partial<ExcelJS.AddWorksheetOptions> = {}): ExcelJS.Worksheet {
    return this.writer.addWorksheet(name, options);
  }

  /**
   * Commits the row (no cell of it, nor of a row above it, can change after this); every few rows, waits
   * for the compressor and the destination to catch up.
   */
  async commit(row: ExcelJS.Row): Promise<void> {
    row.commit();
    this.#rows += 1;
    if (this.#rows % ROWS_PER_BREATH !== 0) return;
    await breathe(this.#destination);
    await caughtUp((row.worksheet as unknown as { stream: SheetStream }).stream);
  }
}

/** Waits until no more than BACKLOG of the sheet's XML waits for the compressor. */
async function caughtUp(sheet: SheetStream): Promise<void> {
  for (;;) {
    const [input] = sheet.pipes;
    if (input) {
      const waiting = input._writableState.length + input._readableState.length;
      if (waiting > BACKLOG) await new Promise((resolve) => input.once('drain', () => resolve(undefined)));
      return;
    }
    if (sheet.buffers.length * SHEET_BUFFER <= BACKLOG) return;
    await new Promise((resolve) => setTimeout(resolve, 1));
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
