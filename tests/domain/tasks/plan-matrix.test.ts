import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { evidence, taskEvents, tasks } from '../../../db/schema/index.ts';
import { SYSTEM } from '../../../src/domain/audit/log.ts';
import { ImportError } from '../../../src/domain/tabular.ts';
import { type ExportedTask, exportedTasks, exportTasks } from '../../../src/domain/tasks/plan-export.ts';
import { importPlanFile } from '../../../src/domain/tasks/plan-file.ts';
import { clock, freshDb, rowCounts, seedPath, tempFile } from '../../db/helpers.ts';

async function loadedDb() {
  const db = freshDb();
  await importPlanFile(db, clock, SYSTEM, seedPath);
  return db;
}

/** What a task is, without the state that only the bot records. */
function planFields(list: ExportedTask[]) {
  return list.map(
    ({ doneAt, evidenceLinks, status, verifiedAt, late, lateDays, evidenceRecorded, parts, ...fields }) => ({
      ...fields,
      parts: parts && { kind: parts.kind, source: parts.source, target: parts.target },
    }),
  );
}

describe('exportar tareas', () => {
  it('writes JSON with each task and its state on the Bogotá date of the clock', async () => {
    const db = await loadedDb();
    const done = db.select().from(tasks).where(eq(tasks.code, '2.2')).get();
    db.update(tasks).set({ doneAt: '2026-05-10T20:00:00.000Z' }).where(eq(tasks.code, '2.2')).run();
    db.insert(taskEvents)
      .values({ taskId: done?.id ?? 0, kind: 'cumplida', at: '2026-05-10T20:00:00.000Z', personId: null })
      .run();
    db.insert(evidence)
      .values({
        taskId: done?.id ?? 0,
        url: 'https://intranet.pasto.gov.co/dofa-2026.pdf',
        createdAt: '2026-05-10T20:00:00.000Z',
      })
      .run();
    const json = JSON.parse((await exportTasks(db, clock, 'json')) as string) as ExportedTask[];
    expect(json).toHaveLength(29);
    expect(json[0]).toEqual({
      code: '1.1',
      activityNumber: 1,
      activity: expect.stringMatching(/^Levantar la información necesaria/),
      what: 'Fortalecer el proceso de caracterización de la ciudadanía y grupos de valor',
      title:
        'Solicitar la actualización del inventario de partes interesadas a los líderes de los 29 procesos de la Alcaldía de Pasto',
      responsible: 'Equipo MIPG - Oficina de Planeación de Gestión Institucional',
      start: '2026-02-01',
      end: '2026-03-31',
      evidence: '29 inventarios de partes interesadas actualizados',
      status: 'vencida',
      doneAt: null,
      evidenceLinks: [],
      verifiedAt: null,
      late: false,
      lateDays: null,
      evidenceRecorded: [],
      parts: { kind: 'procesos', source: 'manual', target: 0, done: 0 },
      plan: 'PPI',
      vigencia: 2026,
    });
    const byCode = new Map(json.map((t) => [t.code, t]));
    expect(byCode.get('3.4')?.status).toBe('en_curso');
    expect(byCode.get('2.3')?.status).toBe('pendiente');
    expect(byCode.get('2.2')).toMatchObject({
      status: 'cumplida',
      evidenceLinks: ['https://intranet.pasto.gov.co/dofa-2026.pdf'],
    });
  });

  it('writes the matrix as CSV with the Spanish headers and readable states', async () => {
    const csv = (await exportTasks(await loadedDb(), clock, 'csv')) as string;
    const [header, first] = csv.split('\n');
    expect(header).toBe(
      'CÓDIGO,ACTIVIDAD,QUÉ,CÓMO,QUIÉN,INICIO,FIN,EVIDENCIAS,META,PARTES,ESTADO,' +
        'AVANCE,CUMPLIDA,DÍAS DE RETRASO,VERIFICADA,ENLACES DE EVIDENCIA,PLAN,VIGENCIA',
    );
    expect(first).toMatch(
      /^1\.1,"?Levantar .*,2026-02-01,2026-03-31,29 inventarios de partes interesadas actualizados,procesos,procesos,Vencida,,,,,,PPI,2026$/,
    );
  });

  it.each(['csv', 'xlsx'] as const)('an exported %s imports back to the same tasks', async (format) => {
    const source = await loadedDb();
    const file = tempFile(`.${format}`, await exportTasks(source, clock, format));
    const copy = freshDb();
    const report = await importPlanFile(copy, clock, SYSTEM, file);
    expect(report.year).toBe(2026);
    expect(report.added).toHaveLength(29);
    expect(planFields(exportedTasks(copy, clock).tasks)).toEqual(
      planFields(exportedTasks(source, clock).tasks),
    );
    const again = await importPlanFile(source, clock, SYSTEM, file);
    expect(again).toMatchObject({ added: [], changed: [] });
    expect(again.unchanged).toHaveLength(29);
  });
});

describe('importar plan <matriz.csv|xlsx>', () => {
  const handMade = [
    'ACTIVIDAD;QUÉ;CÓMO;QUIÉN;INICIO;FIN;EVIDENCIAS',
    'Caracterizar grupos de valor;Fortalecer la caracterización;Pedir inventarios;Equipo MIPG;01/02/2027;31/03/2027;29 inventarios',
    ';;Apoyar caracterizaciones;Unidad de Atención al Ciudadano;2027-02-01;2027-08-31;',
    'Gestionar riesgos;Fortalecer la gestión de riesgos;Actualizar el manual;Equipo MIPG;01/02/2027;31/07/2027;(1) manual',
  ].join('\n');

  it('numbers a matrix without CÓDIGO in order and takes the vigencia from its dates', async () => {
    const db = freshDb();
    const report = await importPlanFile(db, clock, SYSTEM, tempFile('.csv', handMade));
    expect(report).toMatchObject({ year: 2027, added: ['1.1', '1.2', '2.1'] });
    const list = exportedTasks(db, clock, { year: 2027 }).tasks;
    expect(list[1]).toMatchObject({
      activity: 'Caracterizar grupos de valor',
      what: 'Fortalecer la caracterización',
      start: '2027-02-01',
      evidence: '',
    });
    expect(list[2]).toMatchObject({ activityNumber: 2, start: '2027-02-01', end: '2027-07-31' });
  });

  it('a CSV export protects formula-like cells and imports back to the same tasks', async () => {
    const db = freshDb();
    const risky = handMade
      .replace('Pedir inventarios', '=Pedir inventarios')
      .replace('29 inventarios', '-29 inventarios')
      .replace(';;Apoyar', ';;@Apoyar');
    await importPlanFile(db, clock, SYSTEM, tempFile('.csv', risky));
    const csv = (await exportTasks(db, clock, 'csv', { year: 2027 })) as string;
    expect(csv).toContain(",'=Pedir inventarios,Equipo MIPG,2027-02-01,2027-03-31,'-29 inventarios,");
    expect(csv).toContain(",'@Apoyar caracterizaciones,");
    const again = await importPlanFile(db, clock, SYSTEM, tempFile('.csv', csv));
    expect(again).toMatchObject({ added: [], changed: [] });
    expect(exportedTasks(db, clock, { year: 2027 }).tasks.map((t) => [t.title, t.evidence])).toEqual([
      ['=Pedir inventarios', '-29 inventarios'],
      ['@Apoyar caracterizaciones', ''],
      ['Actualizar el manual', '(1) manual'],
    ]);
  });

  it('reports every bad cell by line and column and stores nothing', async () => {
    const db = await loadedDb();
    const bad = handMade
      .replace('31/03/2027', '31/13/2027')
      .replace('Apoyar caracterizaciones;Unidad de Atención al Ciudadano', 'Apoyar caracterizaciones;')
      .replace('01/02/2027;31/07/2027', '31/07/2027;01/02/2027');
    const before = rowCounts(db);
    const error = await importPlanFile(db, clock, SYSTEM, tempFile('.csv', bad)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).message.split('\n')).toEqual([
      'El archivo tiene 3 problemas; no se importó nada:',
      '• Línea 2, columna FIN: «31/13/2027» no es una fecha (use 2026-03-31 o 31/03/2026).',
      '• Línea 3, columna QUIÉN: falta el responsable.',
      '• Línea 4, columna INICIO: el inicio 2027-07-31 es posterior al fin 2027-02-01.',
    ]);
    expect(rowCounts(db)).toEqual(before);
  });

  it('names the missing columns', async () => {
    const error = await importPlanFile(
      freshDb(),
      clock,
      SYSTEM,
      tempFile('.csv', 'ACTIVIDAD;CÓMO\nx;y\n'),
    ).catch((e: unknown) => e);
    expect((error as ImportError).message).toContain('Línea 1: faltan las columnas QUÉ, QUIÉN, INICIO, FIN.');
  });

  it('refuses repeated codes', async () => {
    const text = [
      'CÓDIGO,ACTIVIDAD,QUÉ,CÓMO,QUIÉN,INICIO,FIN',
      '1.1,A,B,C,D,2027-01-01,2027-01-02',
      '1.1,A,B,E,D,2027-01-01,2027-01-02',
    ];
    const error = await importPlanFile(freshDb(), clock, SYSTEM, tempFile('.csv', text.join('\n'))).catch(
      (e: unknown) => e,
    );
    expect((error as ImportError).message).toContain(
      'Línea 3, columna CÓDIGO: el código 1.1 ya está en la línea 2.',
    );
  });
});
