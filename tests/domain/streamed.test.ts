import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.ts';
import { jsonArrayFile, saveFile } from '../../src/domain/streamed.ts';
import { type Sheet, type SheetValue, sheetCsv, tableFile } from '../../src/domain/tabular.ts';

/** A destination that keeps what reaches it and counts its bytes as they arrive. */
class Destination extends Writable {
  bytes = 0;
  readonly chunks: Buffer[] = [];
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.bytes += chunk.length;
    this.chunks.push(chunk);
    done();
  }
  get data(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

const ROWS = 20_000;
const CHECKPOINTS = [5_000, 10_000, 15_000];

/** Text that hardly compresses, so the workbook is big enough to leave the compressor in many pieces. */
const noise = (i: number) => createHash('sha256').update(String(i)).digest('hex');

/**
 * A large sheet whose rows are made one at a time, as an exporter reading the database makes them; at
 * each checkpoint it notes how many bytes of the file had reached the destination by then.
 */
function largeSheet(destination: Destination, seen: number[]): Sheet {
  function* rows(): Generator<Record<string, SheetValue>> {
    for (let i = 1; i <= ROWS; i++) {
      if (CHECKPOINTS.includes(i)) seen.push(destination.bytes);
      yield { n: i, code: `T-${i}`, text: `${noise(i)} ${noise(-i)}` };
    }
  }
  return {
    name: 'Grande',
    columns: [
      { key: 'n', header: 'numero' },
      { key: 'code', header: 'codigo' },
      { key: 'text', header: 'texto', width: 60 },
    ],
    rows: rows(),
  };
}

describe('a large export is written while its rows are read', () => {
  it('sends the XLSX to its destination piece by piece, and every row reads back', async () => {
    const destination = new Destination();
    const seen: number[] = [];
    await tableFile('xlsx', largeSheet(destination, seen)).writeTo(destination);

    // A writer that gathered the rows (or the workbook) first would have sent nothing by then.
    expect(seen).toHaveLength(CHECKPOINTS.length);
    expect(seen[0]).toBeGreaterThan(0);
    expect(seen[1]).toBeGreaterThan(seen[0] ?? 0);
    expect(seen[2]).toBeGreaterThan(seen[1] ?? 0);
    expect(destination.bytes).toBeGreaterThan(seen[2] ?? 0);

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(destination.data as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Grande');
    expect(sheet?.rowCount).toBe(ROWS + 1);
    expect(sheet?.getRow(1).values).toEqual([undefined, 'numero', 'codigo', 'texto']);
    expect(sheet?.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet?.getColumn(3).width).toBe(60);
    for (const i of [1, 4_999, 5_000, 12_345, ROWS]) {
      expect(sheet?.getRow(i + 1).values).toEqual([undefined, i, `T-${i}`, `${noise(i)} ${noise(-i)}`]);
    }
  }, 60_000);

  it('sends the CSV piece by piece too, the same text as the whole sheet', async () => {
    const destination = new Destination();
    const seen: number[] = [];
    await tableFile('csv', largeSheet(destination, seen)).writeTo(destination);

    expect(seen[0]).toBeGreaterThan(0);
    expect(seen[2]).toBeGreaterThan(seen[1] ?? 0);
    expect(destination.data.toString('utf8')).toBe(sheetCsv(largeSheet(new Destination(), [])));
  }, 60_000);
});

describe('jsonArrayFile', () => {
  it('writes what JSON.stringify(items, null, 2) writes, plus a line break', async () => {
    const cases: unknown[][] = [
      [],
      [1],
      [{ a: 'línea 1\nlínea 2', b: [1, { c: null }], d: [] }, 'texto', null, { e: {} }],
      // More items than are stringified together, so their pieces meet.
      Array.from({ length: 450 }, (_, i) => ({ n: i, list: [i, `${i}`], nested: { at: i % 2 ? null : [] } })),
    ];
    for (const items of cases) {
      const destination = new Destination();
      await jsonArrayFile(items).writeTo(destination);
      expect(destination.data.toString('utf8')).toBe(`${JSON.stringify(items, null, 2)}\n`);
    }
  });
});

describe('saveFile', () => {
  const sheet = (rows: Iterable<Record<string, SheetValue>>): Sheet => ({
    name: 'Hoja',
    columns: [{ key: 'n', header: 'n' }],
    rows,
  });

  it('leaves no half-written file when the export fails, and an older file of that name as it was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mipg-streamed-'));
    const path = join(dir, 'tareas.xlsx');
    writeFileSync(path, 'la versión anterior');
    function* failing(): Generator<Record<string, SheetValue>> {
      for (let n = 1; n <= 5_000; n++) {
        if (n === 3_000) throw new DomainError('Falló a mitad del archivo.');
        yield { n };
      }
    }
    await expect(saveFile(path, tableFile('xlsx', sheet(failing())))).rejects.toThrow(
      'Falló a mitad del archivo.',
    );
    expect(readFileSync(path, 'utf8')).toBe('la versión anterior');
    expect(readdirSync(dir)).toEqual(['tareas.xlsx']);

    await saveFile(path, tableFile('xlsx', sheet([{ n: 1 }, { n: 2 }])));
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    expect(book.getWorksheet('Hoja')?.getRow(3).values).toEqual([undefined, 2]);
    expect(readdirSync(dir)).toEqual(['tareas.xlsx']);
  });

  it('says in Spanish when the folder does not exist', async () => {
    const path = join(tmpdir(), 'mipg-no-existe', 'otra', 'tareas.csv');
    await expect(saveFile(path, tableFile('csv', sheet([{ n: 1 }])))).rejects.toThrow(
      `No se pudo escribir el archivo «${path}».`,
    );
    expect(existsSync(path)).toBe(false);
  });
});
