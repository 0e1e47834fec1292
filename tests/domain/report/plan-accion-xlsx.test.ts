import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../../db/client.ts';
import { evidence, people, plans, taskEvents, tasks } from '../../../db/schema/index.ts';
import { parseCliArgs } from '../../../src/cli/args.ts';
import { planAccionExporter } from '../../../src/cli/plan-io.ts';
import type { CliEnv } from '../../../src/cli/types.ts';
import { DomainError } from '../../../src/domain/errors.ts';
import { planAccion, planAccionWorkbook } from '../../../src/domain/report/plan-accion-xlsx.ts';
import { clock } from '../../db/helpers.ts';
import { twoPlans } from '../../helpers/plans.ts';

const DOFA = 'https://intranet.pasto.gov.co/clima-2026.pdf';

/** The PPI and the PTH of 2026; the PTH owned by Talento Humano, led by Marta, its 1.1 done late with evidence. */
async function office(): Promise<Db> {
  const db = await twoPlans();
  const leader = db
    .insert(people)
    .values({ name: 'Marta Rosero', email: 'marta@pasto.gov.co', role: 'lider' })
    .returning()
    .get();
  db.update(plans)
    .set({ ownerTeam: 'Subsecretaría de Talento Humano', leaderId: leader.id })
    .where(eq(plans.code, 'PTH'))
    .run();
  const pth = db.select().from(plans).where(eq(plans.code, 'PTH')).get();
  const task = db
    .select()
    .from(tasks)
    .where(eq(tasks.planId, pth?.id ?? 0))
    .all()
    .find((t) => t.code === '1.1');
  const id = task?.id ?? 0;
  const at = '2026-05-04T15:00:00.000Z';
  db.update(tasks).set({ doneAt: at }).where(eq(tasks.id, id)).run();
  db.insert(taskEvents).values({ taskId: id, kind: 'cumplida', at, personId: leader.id }).run();
  db.insert(evidence).values({ taskId: id, url: DOFA, personId: leader.id, createdAt: at }).run();
  return db;
}

async function opened(bytes: Uint8Array | string): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book;
}

function values(sheet: ExcelJS.Worksheet | undefined, n: number): ExcelJS.CellValue[] {
  return ((sheet?.getRow(n).values ?? []) as ExcelJS.CellValue[]).slice(1);
}

function rowStarting(sheet: ExcelJS.Worksheet | undefined, first: string): ExcelJS.CellValue[] {
  for (let n = 1; n <= (sheet?.rowCount ?? 0); n += 1) {
    const row = values(sheet, n);
    if (row[0] === first) return row;
  }
  throw new Error(`no row starting with ${first}`);
}

describe('exportar plan-accion', () => {
  it('writes a summary sheet of every plan and one sheet per plan with its tasks and evidence', async () => {
    const env = { db: await office(), clock } as unknown as CliEnv;
    const bytes = await planAccionExporter.run('xlsx', parseCliArgs(['--vigencia', '2026']), env);
    const book = await opened(bytes);
    expect(book.worksheets.map((s) => s.name)).toEqual(['Plan de Acción', 'PPI', 'PTH']);

    const summary = book.getWorksheet('Plan de Acción');
    expect(values(summary, 3)).toEqual(['Plan', 'Plan de Acción Institucional 2026']);
    expect(values(summary, 4)).toEqual(['Estado al', '15 de mayo de 2026']);
    expect(rowStarting(summary, 'Código')).toEqual([
      'Código',
      'Plan',
      'Equipo responsable',
      'Líder',
      'Tareas',
      'Cumplidas',
      'Vencidas',
      '% programado',
      '% ejecutado',
    ]);
    const ppi = rowStarting(summary, 'PPI');
    expect(ppi.slice(0, 5)).toEqual([
      'PPI',
      'Política de Planeación Institucional 2026',
      undefined,
      undefined,
      29,
    ]);
    // PTH: 1.1 done (activity 1: 50 %), 1.2 and 2.1 not: the plan's % is the mean of its activities, 25 %.
    expect(rowStarting(summary, 'PTH')).toEqual([
      'PTH',
      'Plan Estratégico de Talento Humano',
      'Subsecretaría de Talento Humano',
      'Marta Rosero',
      3,
      1,
      0,
      expect.any(Number),
      0.25,
    ]);
    const total = rowStarting(summary, 'Total');
    expect(total.slice(1, 7)).toEqual([
      'Plan de Acción Institucional (consolidado)',
      undefined,
      undefined,
      32,
      (ppi[5] as number) + 1,
      ppi[6] as number,
    ]);

    const pth = book.getWorksheet('PTH');
    expect(values(pth, 1)).toEqual(['PTH · Plan Estratégico de Talento Humano']);
    const done = rowStarting(pth, 'PTH 1.1');
    expect(done.slice(0, 7)).toEqual([
      'PTH 1.1',
      '1. Diagnosticar el talento humano',
      'Aplicar la encuesta de clima laboral',
      'Subsecretaría de Talento Humano',
      new Date('2026-02-01T00:00:00.000Z'),
      new Date('2026-04-30T00:00:00.000Z'),
      'Cumplida fuera de plazo (4 días)',
    ]);
    expect(done[14]).toEqual({ text: DOFA, hyperlink: DOFA });
    expect(rowStarting(pth, 'PTH 2.1')[6]).toBe('Pendiente');
    expect(rowStarting(book.getWorksheet('PPI'), '6.4')[0]).toBe('6.4');
  });

  it('with one plan, the summary has that plan and the total', async () => {
    const db = await office();
    db.delete(plans).where(eq(plans.code, 'PTH')).run();
    const accion = planAccion(db, clock);
    expect(accion.plans.map((p) => p.code)).toEqual(['PPI']);
    expect(accion.executed).toBe(accion.plans[0]?.executed);
    const book = await opened(await planAccionWorkbook(accion));
    expect(book.worksheets.map((s) => s.name)).toEqual(['Plan de Acción', 'PPI']);
  });

  it('says so when the vigencia has no plans', async () => {
    const env = { db: await office(), clock } as unknown as CliEnv;
    const failed = planAccionExporter.run('xlsx', parseCliArgs(['--vigencia', '2025']), env);
    await expect(failed).rejects.toThrow(DomainError);
    await expect(failed).rejects.toThrow('No hay planes de la vigencia 2025.');
  });
});
