import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { bogotaInstant, fixedClock } from '../../src/domain/clock.ts';
import { shiftYear } from '../../src/domain/tasks/plan-copy.ts';
import { COORDINATOR } from '../helpers/app.ts';
import { capture } from '../helpers/cli.ts';

const LEADER = 'lider.gth@ejemplo.pasto.gov.co';

async function runAt(day: string, ...argv: string[]) {
  const c = capture();
  const code = await main(argv, c.io, fixedClock(bogotaInstant(day, '15:00')));
  return { code, out: c.out.join('\n'), err: c.err.join('\n'), written: c.written.join('') };
}

interface Exported {
  code: string;
  activity: string;
  title: string;
  responsible: string;
  start: string;
  end: string;
  evidence: string;
  status: string;
  evidenceLinks: string[];
  parts: { kind: string; source: string; target: number; done: number } | null;
}

async function exported(day: string, year: number): Promise<Exported[]> {
  const run = await runAt(day, 'exportar', 'tareas', '--formato', 'json', '--vigencia', String(year));
  expect(run.code, run.err).toBe(0);
  return JSON.parse(run.written);
}

describe('npx mipg vigencia', () => {
  const saved = { ...process.env };
  const cwd = process.cwd();
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mipg-vigencia-'));
    process.env.MIPG_DB = join(dir, 'mipg.db');
    process.env.MIPG_CONSOLE_USER = COORDINATOR;
  });
  afterEach(() => {
    process.chdir(cwd);
    process.env = { ...saved };
  });

  it('closes 2026 only after it ended and by the coordinator, with the final cut and a summary', async () => {
    await runAt('2026-09-10', 'chat', '/cumplida 2.2 https://intranet.pasto.gov.co/dofa/mesa.pdf');
    const early = await runAt('2026-12-31', 'vigencia', 'cerrar', '2026', '--motivo', 'Cierre anual');
    expect(early.code).toBe(1);
    expect(early.err).toContain(
      'La vigencia 2026 aún no ha terminado: se cierra desde el 1 de enero de 2027 (hora de Bogotá).',
    );
    const leader = await runAt('2027-01-05', 'vigencia', 'cerrar', '2026', '--como', LEADER);
    expect(leader.err).toContain('Solo la coordinación MIPG puede cerrar una vigencia.');

    const closed = await runAt('2027-01-05', 'vigencia', 'cerrar', '2026', '--motivo', 'Cierre anual');
    expect(closed.code, closed.err).toBe(0);
    expect(closed.out).toContain('Vigencia 2026 cerrada.');
    expect(closed.out).toContain('Corte final 2026-T4 tomado (al 31 de diciembre de 2026).');
    expect(closed.out).toContain('Al cierre: 1 de 29 tareas cumplidas y 28 abiertas.');
    expect(closed.out).toContain('/estado tareas 2026');
    expect((await runAt('2027-01-05', 'corte', 'lista')).out).toContain('2026-T4');

    const list = await runAt('2027-01-06', 'vigencia');
    expect(list.out).toContain('Vigencia 2026 · en vigor · cerrada el 5 de enero de 2027 por');
    expect(list.out).toContain(
      'PPI · Política de Planeación Institucional 2026: 1 de 29 tareas cumplidas (3,4 %)',
    );

    const again = await runAt('2027-01-06', 'vigencia', 'cerrar', '2026');
    expect(again.err).toContain('La vigencia 2026 ya está cerrada (se cerró el 5 de enero de 2027).');
    const log = await runAt('2027-01-06', 'chat', '/bitacora');
    expect(log.out).toContain('cerró la vigencia · Vigencia 2026');

    const file = join(dir, 'plan.csv');
    expect((await runAt('2027-01-06', 'exportar', 'tareas', '--formato', 'csv', '--salida', file)).code).toBe(
      0,
    );
    const reimport = await runAt('2027-01-06', 'importar', 'plan', file, '--vigencia', '2026');
    expect(reimport.err).toContain(
      'La vigencia 2026 está cerrada: sus planes ya no se importan ni se cambian.',
    );
  });

  it('copies 2026 to a 2027 matrix that imports back with the same tasks, parts and dates a year later', async () => {
    await runAt(
      '2026-03-10',
      'chat',
      '/cumplida 3.1 https://intranet.pasto.gov.co/indicadores/instrumento.xlsx',
    );
    await runAt('2026-03-10', 'chat', '/tarea 6.3 meta 4');
    const file = join(dir, 'plan-2027.xlsx');
    const copied = await runAt(
      '2026-12-10',
      'vigencia',
      'copiar',
      '2026',
      '2027',
      '--plan',
      'ppi',
      '--salida',
      file,
    );
    expect(copied.code, copied.err).toBe(0);
    expect(copied.out).toContain('Plan PPI 2027 escrito en');
    expect(copied.out).toContain(
      `npx mipg importar plan ${file} --codigo PPI --vigencia 2027 --nombre "Política de Planeación Institucional 2027"`,
    );
    const imported = await runAt(
      '2026-12-10',
      'importar',
      'plan',
      file,
      '--codigo',
      'PPI',
      '--vigencia',
      '2027',
      '--nombre',
      'Política de Planeación Institucional 2027',
    );
    expect(imported.code, imported.err).toBe(0);

    const before = await exported('2026-12-10', 2026);
    const after = await exported('2026-12-10', 2027);
    const plan = (t: Exported) => ({
      code: t.code,
      activity: t.activity,
      title: t.title,
      responsible: t.responsible,
      evidence: t.evidence,
      parts: t.parts && { kind: t.parts.kind, source: t.parts.source, target: t.parts.target },
    });
    expect(after.map(plan)).toEqual(before.map(plan));
    expect(after.map((t) => [t.start, t.end])).toEqual(
      before.map((t) => [shiftYear(t.start, 1), shiftYear(t.end, 1)]),
    );
    expect(after.find((t) => t.code === '6.3')?.parts?.target).toBe(4);
    expect(after.every((t) => t.status === 'pendiente' && t.evidenceLinks.length === 0)).toBe(true);
    expect(before.find((t) => t.code === '3.1')?.status).toBe('cumplida');
  });

  it('writes plan-PPI-2027.xlsx in the current folder without --salida, never to the terminal', async () => {
    process.chdir(dir);
    const run = await runAt('2026-12-10', 'vigencia', 'copiar', '2026', '2027', '--plan', 'PPI');
    expect(run.code, run.err).toBe(0);
    expect(run.written).toBe('');
    expect(existsSync(join(dir, 'plan-PPI-2027.xlsx'))).toBe(true);
    const wrong = await runAt('2026-12-10', 'vigencia', 'copiar', '2026', '2027', '--plan', 'PTH');
    expect(wrong.err).toContain('No hay un plan PTH en la vigencia 2026.');
  });

  it('moves dates a year, 29 February to 28 February', () => {
    expect(shiftYear('2026-12-31', 1)).toBe('2027-12-31');
    expect(shiftYear('2027-02-28', 1)).toBe('2028-02-28');
    expect(shiftYear('2028-02-29', 1)).toBe('2029-02-28');
    expect(shiftYear('2028-02-29', 4)).toBe('2032-02-29');
  });
});
