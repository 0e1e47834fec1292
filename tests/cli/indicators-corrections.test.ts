import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openMigratedDatabase } from '../../db/client.ts';
import { main } from '../../src/cli/main.ts';
import { bogotaInstant, fixedClock } from '../../src/domain/clock.ts';
import { personByEmail } from '../../src/domain/directory/people.ts';
import { recordReport } from '../../src/domain/indicators/reports.ts';
import { catalogLoadedOn } from '../domain/indicators/catalog-date.ts';
import { capture } from '../helpers/cli.ts';

const LEADER = 'lider.gth@ejemplo.pasto.gov.co';
const COORDINATOR = 'coordinacion@ejemplo.pasto.gov.co';
const LINK = 'https://intranet.pasto.gov.co/indicadores/gth-01.xlsx';

async function run(...argv: string[]) {
  const c = capture();
  const code = await main(argv, c.io);
  return { code, out: c.out.join('\n'), written: c.written.join('') };
}

/** The keys the matrix's JSON had before corrections were exported: none may go or change name. */
const EARLIER_KEYS = [
  'indicator',
  'process',
  'processName',
  'name',
  'type',
  'unit',
  'direction',
  'frequency',
  'period',
  'dueDate',
  'state',
  'numerator',
  'denominator',
  'value',
  'result',
  'target',
  'compliance',
  'status',
  'analysis',
  'evidence',
  'reportedBy',
  'reportedAt',
];

/** GTH-01 2026-T3: 40/50 by the leader on 14 Oct, 44/50 by the leader on the 16th, 45/50 by the coordination on the 20th. */
async function corrected(): Promise<void> {
  await run('exportar', 'indicadores', '--formato', 'json');
  const db = openMigratedDatabase(process.env.MIPG_DB ?? '');
  try {
    catalogLoadedOn(db);
    const report = (email: string, date: string, time: string, numerator: number) => {
      const person = personByEmail(db, email);
      if (!person) throw new Error(`no ${email}`);
      recordReport(db, fixedClock(bogotaInstant(date, time)), person, {
        code: 'GTH-01',
        period: '2026-T3',
        measure: { numerator, denominator: 50 },
        analysis: '',
        evidence: LINK,
      });
    };
    report(LEADER, '2026-10-14', '09:00', 40);
    report(LEADER, '2026-10-16', '15:30', 44);
    report(COORDINATOR, '2026-10-20', '08:00', 45);
  } finally {
    db.$client.close();
  }
}

const HISTORY =
  `2026-10-14 09:00 ${LEADER}: 40/50 → 80 (aceptable), reemplazado el 2026-10-16 15:30 | ` +
  `2026-10-16 15:30 ${LEADER}: 44/50 → 88 (aceptable), reemplazado el 2026-10-20 08:00`;

describe('npx mipg exportar indicadores: the corrections of each period', () => {
  let dir: string;
  const saved = { ...process.env };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mipg-correcciones-'));
    process.env.MIPG_DB = join(dir, 'mipg.db');
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  it('adds a corrections array per row in JSON and keeps every earlier key', async () => {
    await corrected();
    const rows = JSON.parse(
      (
        await run(
          'exportar',
          'indicadores',
          '--formato',
          'json',
          '--periodo',
          '2026-T3',
          '--fecha',
          '2026-10-21',
        )
      ).written,
    ) as Record<string, unknown>[];
    const gth = rows.find((r) => r.indicator === 'GTH-01');
    expect(Object.keys(gth ?? {})).toEqual([...EARLIER_KEYS, 'corrections']);
    expect(gth).toMatchObject({ numerator: 45, result: 90, reportedBy: COORDINATOR });
    expect(gth?.corrections).toEqual([
      {
        numerator: 40,
        denominator: 50,
        value: null,
        result: 80,
        target: 95,
        compliance: 84.21,
        status: 'aceptable',
        analysis: '',
        evidence: LINK,
        reportedBy: LEADER,
        reportedAt: '2026-10-14T14:00:00.000Z',
        replacedBy: LEADER,
        replacedAt: '2026-10-16T20:30:00.000Z',
      },
      expect.objectContaining({
        numerator: 44,
        result: 88,
        replacedBy: COORDINATOR,
        replacedAt: '2026-10-20T13:00:00.000Z',
      }),
    ]);
    expect(rows.find((r) => r.indicator === 'GF-01')?.corrections).toEqual([]);
  });

  it('adds the count and the earlier values as the last columns of the CSV and the XLSX', async () => {
    await corrected();
    const csv = parse(
      (
        await run(
          'exportar',
          'indicadores',
          '--formato',
          'csv',
          '--periodo',
          '2026-T3',
          '--fecha',
          '2026-10-21',
        )
      ).written,
      {
        columns: true,
      },
    ) as Record<string, string>[];
    const row = csv.find((r) => r.codigo === 'GTH-01');
    expect(row).toMatchObject({ valor_numerador: '45', correcciones: '2', valores_anteriores: HISTORY });
    expect(csv.find((r) => r.codigo === 'GF-01')).toMatchObject({
      correcciones: '0',
      valores_anteriores: '',
    });

    const file = join(dir, 'matriz.xlsx');
    await run(
      'exportar',
      'indicadores',
      '--formato',
      'xlsx',
      '--periodo',
      '2026-T3',
      '--fecha',
      '2026-10-21',
      '--salida',
      file,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(-2)).toEqual(['correcciones', 'valores_anteriores']);
    const codes = (sheet.getColumn(1).values as unknown[]).slice(1);
    const line = sheet.getRow(codes.indexOf('GTH-01') + 1).values as unknown[];
    expect(line.slice(-2)).toEqual([2, HISTORY]);

    const back = await run('importar', 'indicadores', join(dir, 'matriz.xlsx'));
    expect(back.code).toBe(0);
  });
});
