import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openMigratedDatabase } from '../../db/client.ts';
import { people } from '../../db/schema/index.ts';
import type { AuditExportRow } from '../../src/cli/audit-export.ts';
import { main } from '../../src/cli/main.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { capture } from '../helpers/cli.ts';

const COORDINATOR = 'coordinacion@ejemplo.pasto.gov.co';
const LEADER = 'lider.gth@ejemplo.pasto.gov.co';
/** A coordinator whose name a spreadsheet would run as a formula. */
const FORMULA = { name: '=SUMA(1;2)', email: 'formula@pasto.gov.co' };
const clock = fixedClock('2026-09-07T15:00:00Z');

async function run(...argv: string[]) {
  const c = capture();
  const code = await main(argv, c.io, clock);
  return {
    code,
    err: c.err.join('\n'),
    written: c.written.map((w) => (typeof w === 'string' ? w : '')).join(''),
  };
}

const exportJson = async (...filters: string[]) =>
  JSON.parse(
    (await run('exportar', 'bitacora', '--formato', 'json', ...filters)).written,
  ) as AuditExportRow[];

describe('npx mipg exportar bitacora', () => {
  let dir: string;
  const saved = { ...process.env };
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mipg-bitacora-export-'));
    process.env.MIPG_DB = join(dir, 'mipg.db');
    expect((await run('chat', '--como', COORDINATOR, '/ayuda')).code).toBe(0);
    const db = openMigratedDatabase(process.env.MIPG_DB);
    db.insert(people)
      .values({ ...FORMULA, role: 'coordinador' })
      .run();
    db.$client.close();
    const say = async (email: string, text: string) =>
      expect((await run('chat', '--como', email, text)).code).toBe(0);
    await say(FORMULA.email, '/cumplida 2.3 https://intranet.pasto.gov.co/dofa.pdf =HIPERVINCULO("x")');
    await say(COORDINATOR, '/evidencia 2.4 https://intranet.pasto.gov.co/acta.pdf');
    await say(LEADER, '/reportar indicador GTH-01 2026-T2 45/50 https://intranet.pasto.gov.co/cap.xlsx');
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  it('writes JSON: the stored rows whole, newest first, with how /bitacora words them', async () => {
    const rows = await exportJson('--tarea', '2.3');
    expect(rows.map((r) => [r.action, r.entity, r.entityId])).toEqual([
      ['tarea.cumplida', 'tarea', '2.3'],
      ['evidencia.agregar', 'tarea', '2.3'],
      ['tarea.importar', 'tarea', '2.3'],
    ]);
    expect(rows[0]).toMatchObject({
      at: '2026-09-07T15:00:00.000Z',
      atBogota: '2026-09-07 10:00',
      actor: FORMULA.email,
      actorName: FORMULA.name,
      actionText: 'marcó cumplida la tarea',
      entityText: 'Tarea',
      before: { doneAt: null },
      after: { doneAt: '2026-09-07T15:00:00.000Z', doneBy: FORMULA.email },
      summary: `cumplida el: — → 7 sep 2026 10:00; cumplida por: — → ${FORMULA.email}`,
    });
    expect(rows[0]?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[2]).toMatchObject({ actorId: null, actor: 'sistema', actorName: 'El sistema' });
    expect(await exportJson('--desde', '2026-09-08')).toEqual([]);
  });

  it('writes CSV with the Spanish columns, a formula-like text protected', async () => {
    const result = await run('exportar', 'bitacora', '--formato', 'csv', '--persona', FORMULA.email);
    const [header, ...body] = parse(result.written) as string[][];
    expect(header).toEqual([
      'registro',
      'fecha_utc',
      'fecha_bogota',
      'autor',
      'correo_autor',
      'accion',
      'accion_texto',
      'entidad',
      'id_entidad',
      'resumen',
      'antes',
      'despues',
      'sello',
    ]);
    expect(body.map((r) => r[5])).toEqual(['tarea.cumplida', 'evidencia.agregar']);
    expect(body[0]?.[3]).toBe(`'${FORMULA.name}`);
    expect(body[1]?.[9]).toBe('enlace: https://intranet.pasto.gov.co/dofa.pdf; nota: =HIPERVINCULO("x")');
    expect(JSON.parse(body[1]?.[11] ?? '')).toEqual({
      url: 'https://intranet.pasto.gov.co/dofa.pdf',
      note: '=HIPERVINCULO("x")',
    });
  });

  it('writes XLSX that opens back with the same rows as the JSON, as text cells', async () => {
    const file = join(dir, 'bitacora.xlsx');
    const result = await run(
      'exportar',
      'bitacora',
      '--formato',
      'xlsx',
      '--proceso',
      'GTH',
      '--salida',
      file,
    );
    expect(result.err).toContain(`Archivo escrito: ${file}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    expect(sheet.name).toBe('Bitácora');
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    const json = await exportJson('--proceso', 'GTH');
    expect(sheet.rowCount).toBe(json.length + 1);
    expect(values(2).slice(0, 7)).toEqual([
      json[0]?.id,
      '2026-09-07T15:00:00.000Z',
      '2026-09-07 10:00',
      'Líder de Gestión del Talento Humano (ejemplo)',
      LEADER,
      'indicador.reportar',
      'reportó el indicador',
    ]);
    expect(values(2)[8]).toBe('GTH-01 2026-T2');
    expect(json.every((r) => !r.entityId.startsWith('R-GF') && r.entityId !== '2.4')).toBe(true);

    const theirs = join(dir, 'formula.xlsx');
    await run('exportar', 'bitacora', '--formato', 'xlsx', '--persona', FORMULA.email, '--salida', theirs);
    const other = new ExcelJS.Workbook();
    await other.xlsx.load(readFileSync(theirs) as unknown as ArrayBuffer);
    const author = other.worksheets[0]?.getRow(2).getCell(4);
    expect(author?.type).toBe(ExcelJS.ValueType.String);
    expect(author?.value).toBe(FORMULA.name);
  });

  it('answers a bad filter in Spanish and writes nothing', async () => {
    const cases: [string[], string][] = [
      [['--desde', '2026-13-01'], '«2026-13-01» no es una fecha válida para «desde».'],
      [['--tarea'], 'Falta el valor de --tarea.'],
      [
        ['--persona', 'nadie@pasto.gov.co'],
        'No hay nadie con el correo «nadie@pasto.gov.co» en el directorio.',
      ],
      [['--proceso', 'XYZ'], 'No conozco el proceso «XYZ».'],
    ];
    for (const [filters, message] of cases) {
      const result = await run('exportar', 'bitacora', '--formato', 'csv', ...filters);
      expect(result.code).toBe(1);
      expect(result.err.split('\n')[0]).toBe(message);
      expect(result.written).toBe('');
    }
  });
});
