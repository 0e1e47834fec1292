import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { type Db, openMigratedDatabase } from '../../../db/client.ts';
import { bogotaInstant, fixedClock } from '../../../src/domain/clock.ts';
import { createCut, cutByCode } from '../../../src/domain/progress/cuts.ts';
import { comiteHtml } from '../../../src/domain/report/comite-html.ts';
import { comiteWorkbook } from '../../../src/domain/report/comite-xlsx.ts';
import { markDone, reopenTask } from '../../../src/domain/tasks/actions.ts';
import { person, seedDirectory, seedPlan } from '../../scheduler/fixtures.ts';

const at = (day: string, time = '10:00') => fixedClock(bogotaInstant(day, time));
const link = (n: string) => `https://intranet.pasto.gov.co/evidencias/${n}.pdf`;
const PTH = { code: 'PTH', title: 'Plan Estratégico de Talento Humano' };

/**
 * At 30 September: PPI 1.1 done (activity 1: 100 %), PPI 2.1 not (0 %); PTH 1.1 done (100 %), PTH 1.2 not
 * (activity 1 of PTH: 50 %). Consolidated: the mean of the three activities, 50 %.
 */
describe('a cut of several plans', () => {
  let db: Db;
  beforeEach(() => {
    db = openMigratedDatabase(':memory:');
    seedDirectory(db);
    seedPlan(db, [
      { code: '1.1', start: '2026-07-01', end: '2026-07-31' },
      { code: '2.1', start: '2026-08-01', end: '2026-09-15' },
    ]);
    seedPlan(
      db,
      [
        { code: '1.1', title: 'Aplicar la encuesta de clima', start: '2026-07-01', end: '2026-08-31' },
        { code: '1.2', title: 'Actualizar el manual', start: '2026-07-01', end: '2026-09-10' },
      ],
      2026,
      PTH,
    );
    const coordination = person(db, 'coordinacion');
    markDone(db, at('2026-07-20'), coordination, 'PPI 1.1', link('ppi-1-1'));
    markDone(db, at('2026-08-20'), coordination, 'PTH 1.1', link('pth-1-1'));
  });

  it('keeps the consolidated fields and adds each plan, and the plan of each task', () => {
    const cut = createCut(db, at('2026-10-02'), person(db, 'coordinacion'), '2026-T3');
    expect(cut.planTitle).toBe('Plan de Acción Institucional 2026');
    expect(cut.executed).toBe(50);
    expect(cut.counts).toMatchObject({ total: 4, done: 2, overdue: 2 });
    expect(cut.tasks.map((t) => [t.plan, t.code, t.status, t.executed])).toEqual([
      ['PPI', '1.1', 'cumplida', 100],
      ['PPI', '2.1', 'vencida', 0],
      ['PTH', '1.1', 'cumplida', 100],
      ['PTH', '1.2', 'vencida', 0],
    ]);
    expect(cut.tasks[2]?.evidence.map((e) => e.url)).toEqual([link('pth-1-1')]);
    expect(cut.activities.map((a) => [a.plan, a.number, a.executed])).toEqual([
      ['PPI', 1, 100],
      ['PPI', 2, 0],
      ['PTH', 1, 50],
    ]);
    expect(
      cut.plans?.map((p) => [p.code, p.name, p.scheduled, p.executed, p.counts.total, p.counts.done]),
    ).toEqual([
      ['PPI', 'Plan 2026', 100, 50, 2, 1],
      ['PTH', PTH.title, 100, 50, 2, 1],
    ]);
    expect(cutByCode(db, '2026-T3')).toEqual(cut);
  });

  it('a reopening in another plan is a correction of that plan’s task in the next cut', () => {
    createCut(db, at('2026-10-02'), person(db, 'coordinacion'), '2026-T3');
    reopenTask(
      db,
      at('2026-10-05'),
      person(db, 'coordinacion'),
      'PTH 1.1',
      'La encuesta no tenía la muestra',
    );
    const next = createCut(db, at('2027-01-02'), person(db, 'coordinacion'), '2026-T4');
    expect(next.corrections).toEqual([
      expect.objectContaining({ code: '1.1', plan: 'PTH', previousCut: '2026-T3', before: 'cumplida' }),
    ]);
  });

  it('the Comité report has the consolidated sections and one per plan', async () => {
    const cut = createCut(db, at('2026-10-02'), person(db, 'coordinacion'), '2026-T3');
    const html = comiteHtml(cut);
    expect(html).toContain('<h2 id="plan-ppi-titulo">Plan PPI · Plan 2026</h2>');
    expect(html).toContain('<h2 id="plan-pth-titulo">Plan PTH · Plan Estratégico de Talento Humano</h2>');
    expect(html).toContain('<h3>Planes de la vigencia</h3>');
    const pthSection = html.slice(html.indexOf('id="plan-pth"'));
    expect(pthSection).toContain('Aplicar la encuesta de clima');
    expect(pthSection.slice(0, pthSection.indexOf('</section>'))).not.toContain('Tarea 2.1 del plan');

    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await comiteWorkbook(cut)) as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual([
      'Resumen',
      'Actividades',
      'Tareas y evidencias',
      'Plan PPI',
      'Plan PTH',
      'Indicadores',
      'Riesgos',
      'Asistencia',
    ]);
    const sheet = book.getWorksheet('Plan PTH');
    expect(sheet?.getRow(1).values).toEqual([undefined, 'Concepto', 'Valor']);
    expect(sheet?.getRow(2).values).toEqual([undefined, 'Plan', `PTH · ${PTH.title}`]);
    const codes: unknown[] = [];
    sheet?.eachRow((row) => codes.push(row.getCell(1).value));
    expect(codes).toContain('PTH 1.2');
    expect(codes).not.toContain('2.1');
  });
});
