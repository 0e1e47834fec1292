import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { bogotaInstant, fixedClock } from '../../src/domain/clock.ts';
import { COORDINATOR } from '../helpers/app.ts';
import { capture } from '../helpers/cli.ts';

async function runAt(day: string, ...argv: string[]) {
  const c = capture();
  const code = await main(argv, c.io, fixedClock(bogotaInstant(day, '15:00')));
  return { code, out: c.out.join('\n'), err: c.err.join('\n'), written: c.written.join('') };
}

describe('npx mipg corte, exportar corte, informe comite and /estado plan', () => {
  const saved = { ...process.env };
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mipg-cut-'));
    process.env.MIPG_DB = join(dir, 'mipg.db');
    process.env.MIPG_CONSOLE_USER = COORDINATOR;
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  it('creates the 2026-T3 cut, exports it with the documented JSON keys and shows it in chat', async () => {
    await runAt('2026-09-10', 'chat', '/cumplida 2.2 https://intranet.pasto.gov.co/dofa/mesa.pdf');
    const created = await runAt('2026-10-05', 'corte', 'crear', '2026-T3');
    expect(created.code).toBe(0);
    expect(created.out).toContain('Corte 2026-T3 al 30 de septiembre de 2026');

    const json = JSON.parse(
      (await runAt('2026-10-06', 'exportar', 'corte', '2026-T3', '--formato', 'json')).written,
    );
    expect(json).toMatchObject({ cut: '2026-T3', date: '2026-09-30' });
    expect(Object.keys(json.activities[0])).toEqual(
      expect.arrayContaining(['number', 'scheduled', 'executed']),
    );
    const task = json.tasks.find((t: { code: string }) => t.code === '2.2');
    expect(task).toMatchObject({
      code: '2.2',
      status: 'cumplida',
      scheduled: 100,
      executed: 100,
      late: false,
    });
    expect(task.evidence).toEqual([
      expect.objectContaining({ url: 'https://intranet.pasto.gov.co/dofa/mesa.pdf', by: expect.any(String) }),
    ]);
    expect(task.doneAt).toBe(bogotaInstant('2026-09-10', '15:00').toISOString());

    const chat = await runAt('2026-10-06', 'chat', '/estado plan 2026-T3');
    expect(chat.out).toContain('Seguimiento del plan · corte 2026-T3');
    const spanish = (n: number) => `${String(n).replace('.', ',')} %`;
    expect(chat.out).toContain(`Programado: ${spanish(json.scheduled)}`);
    expect(chat.out).toContain(`Ejecutado: ${spanish(json.executed)}`);

    // Today (1 December) 18 tasks are overdue: the list goes on in page 2, as every long list does.
    const first = await runAt('2026-12-01', 'chat', '/estado plan');
    expect(first.out).toContain('Ver más: /estado plan pagina 2');
    const second = await runAt('2026-12-01', 'chat', '/estado plan pagina 2');
    expect(second.out).toContain('Avance del plan 2026 · página 2 de 2');

    const again = await runAt('2026-10-07', 'chat', '/corte crear 2026-T3');
    expect(again.out).toContain('El corte 2026-T3 ya existe');
  });

  it('writes the Comité workbook of a stored cut and registers the report as evidence of 6.4', async () => {
    await runAt('2026-10-05', 'corte', 'crear', '2026-T3');
    const file = join(dir, 'informe.xlsx');
    const report = await runAt(
      '2026-10-06',
      'informe',
      'comite',
      '2026-T3',
      '--formato',
      'xlsx',
      '--salida',
      file,
      '--registrar',
      'https://intranet.pasto.gov.co/comite/informe-2026-T3.xlsx',
    );
    expect(report.code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual([
      'Resumen',
      'Actividades',
      'Tareas y evidencias',
      'Indicadores',
      'Riesgos',
      'Asistencia',
    ]);
    const evidence = await runAt('2026-10-06', 'chat', '/tarea 6.4');
    expect(evidence.out).toContain('https://intranet.pasto.gov.co/comite/informe-2026-T3.xlsx');
  });
});
