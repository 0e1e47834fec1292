import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../../db/client.ts';
import { evidence, people, taskEvents, taskParts, tasks } from '../../../db/schema/index.ts';
import { SYSTEM } from '../../../src/domain/audit/log.ts';
import { importPeople } from '../../../src/domain/directory/people-import.ts';
import { tableFromCsv } from '../../../src/domain/tabular.ts';
import { type PartsSpec, writeParts } from '../../../src/domain/tasks/parts-setup.ts';
import { type ExportedTask, exportedTasks, exportTasks } from '../../../src/domain/tasks/plan-export.ts';
import { importPlanFile } from '../../../src/domain/tasks/plan-file.ts';
import { readCsv, seedFiles } from '../../../src/seed/steps.ts';
import { clock, freshDb, seedPath, tempFile } from '../../db/helpers.ts';
import { exampleProcesses, partsByCode, SEED_PARTS, sharedByCode } from '../../helpers/parts.ts';

async function seeded(): Promise<Db> {
  const db = freshDb();
  exampleProcesses(db);
  await importPlanFile(db, clock, SYSTEM, seedPath);
  return db;
}

function taskId(db: Db, code: string): number {
  return db.select().from(tasks).where(eq(tasks.code, code)).get()?.id ?? 0;
}

function setParts(db: Db, code: string, spec: PartsSpec) {
  db.transaction((tx) => writeParts(tx, taskId(db, code), spec));
}

describe('exportar tareas: parts and state', () => {
  it.each(['csv', 'xlsx'] as const)('an exported %s imports back to the same parts', async (format) => {
    const source = await seeded();
    setParts(source, '2.1', { kind: 'numeradas', target: 5 });
    setParts(source, '6.3', { kind: 'procesos', source: 'indicadores' });
    setParts(source, '1.1', { kind: null });
    const file = tempFile(`.${format}`, await exportTasks(source, clock, format));
    const copy = freshDb();
    exampleProcesses(copy);
    await importPlanFile(copy, clock, SYSTEM, file);
    expect(partsByCode(copy)).toEqual(partsByCode(source));
    expect(sharedByCode(copy)).toEqual({
      '1.2': SEED_PARTS['1.2'],
      '2.1': { kind: 'numeradas', source: 'manual', parts: 5 },
      '3.4': SEED_PARTS['3.4'],
      '4.3': SEED_PARTS['4.3'],
      '6.3': { kind: 'procesos', source: 'indicadores', parts: 29 },
    });
    const again = await importPlanFile(source, clock, SYSTEM, file);
    expect(again).toMatchObject({ added: [], changed: [], partsKept: [] });
    expect(again.unchanged).toHaveLength(29);
  });

  it('adds completion, lateness, verification, evidence and parts to the JSON and the matrix', async () => {
    const db = await seeded();
    importPeople(db, clock, SYSTEM, readCsv(seedFiles.examplePeople), { example: true });
    const person = db.select().from(people).get();
    const late = taskId(db, '6.1');
    db.update(tasks).set({ doneAt: '2026-01-20T15:00:00.000Z' }).where(eq(tasks.id, late)).run();
    db.insert(taskEvents)
      .values([
        { taskId: late, kind: 'cumplida', at: '2026-01-20T15:00:00.000Z', personId: person?.id ?? null },
        { taskId: late, kind: 'verificada', at: '2026-01-21T15:00:00.000Z', personId: null },
      ])
      .run();
    db.insert(evidence)
      .values([
        {
          taskId: late,
          url: 'https://pasto.gov.co/plan-accion',
          personId: person?.id ?? null,
          createdAt: '2026-01-20T15:00:00.000Z',
        },
        {
          taskId: late,
          url: 'https://pasto.gov.co/acta.pdf',
          note: 'acta',
          createdAt: '2026-01-20T16:00:00.000Z',
        },
      ])
      .run();
    const shared = taskId(db, '1.1');
    for (const part of db.select().from(taskParts).where(eq(taskParts.taskId, shared)).limit(3).all()) {
      db.insert(taskEvents)
        .values({ taskId: shared, partId: part.id, kind: 'parte_cumplida', at: '2026-03-01T15:00:00.000Z' })
        .run();
    }

    const json = JSON.parse((await exportTasks(db, clock, 'json')) as string) as ExportedTask[];
    const byCode = new Map(json.map((t) => [t.code, t]));
    expect(byCode.get('6.1')).toMatchObject({
      status: 'cumplida',
      doneAt: '2026-01-20T15:00:00.000Z',
      verifiedAt: '2026-01-21T15:00:00.000Z',
      late: true,
      lateDays: 5,
      evidenceLinks: ['https://pasto.gov.co/plan-accion', 'https://pasto.gov.co/acta.pdf'],
      evidenceRecorded: [
        {
          url: 'https://pasto.gov.co/plan-accion',
          note: null,
          by: person?.name,
          at: '2026-01-20T15:00:00.000Z',
        },
        { url: 'https://pasto.gov.co/acta.pdf', note: 'acta', by: 'sistema', at: '2026-01-20T16:00:00.000Z' },
      ],
      parts: null,
    });
    expect(byCode.get('1.1')).toMatchObject({
      late: false,
      lateDays: null,
      parts: { kind: 'procesos', source: 'manual', target: 29, done: 3 },
    });
    expect(byCode.get('2.1')?.parts).toEqual({ kind: 'numeradas', source: 'manual', target: 8, done: 0 });
    expect(byCode.get('4.3')?.parts).toMatchObject({ kind: 'procesos', source: 'riesgos', target: 29 });

    const csv = tableFromCsv((await exportTasks(db, clock, 'csv')) as string);
    const row = (code: string) => csv.rows.find((r) => r.values.codigo === code)?.values;
    expect(row('6.1')).toMatchObject({
      meta: '',
      partes: 'ninguna',
      estado: 'Cumplida',
      avance: '',
      cumplida: '2026-01-20',
      'dias de retraso': '5',
      verificada: '2026-01-21',
      'enlaces de evidencia': 'https://pasto.gov.co/plan-accion\nhttps://pasto.gov.co/acta.pdf',
    });
    expect(row('1.1')).toMatchObject({ meta: 'procesos', partes: 'procesos', avance: '3/29', cumplida: '' });
    expect(row('2.1')).toMatchObject({ meta: '8', partes: 'numeradas', avance: '0/8' });
    expect(row('3.4')).toMatchObject({ meta: 'procesos', partes: 'indicadores' });
    expect(row('4.3')).toMatchObject({ meta: 'procesos', partes: 'riesgos' });
  });

  it('a task with more evidence links than a cell holds still exports a matrix that imports back', async () => {
    const db = await seeded();
    const id = taskId(db, '6.1');
    const links = Array.from({ length: 60 }, (_, i) => ({
      taskId: id,
      url: `https://intranet.pasto.gov.co/evidencias/plan-de-accion/seguimiento-${i + 1}.pdf`,
      createdAt: '2026-05-01T15:00:00.000Z',
    }));
    db.insert(evidence).values(links).run();
    const csv = (await exportTasks(db, clock, 'csv')) as string;
    const cell = tableFromCsv(csv).rows.find((r) => r.values.codigo === '6.1')?.values[
      'enlaces de evidencia'
    ];
    expect(cell?.length).toBeLessThanOrEqual(2000);
    expect(cell).toMatch(/\n\(y \d+ más\)$/);
    const again = await importPlanFile(db, clock, SYSTEM, tempFile('.csv', csv));
    expect(again.unchanged).toHaveLength(29);
    expect(exportedTasks(db, clock).tasks.find((t) => t.code === '6.1')?.evidenceLinks).toHaveLength(60);
  });
});
