import { asc, count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../../db/client.ts';
import { auditLog, processes, taskEvents, taskParts, tasks } from '../../../db/schema/index.ts';
import { SYSTEM } from '../../../src/domain/audit/log.ts';
import { formatDirectoryReport, importProcesses } from '../../../src/domain/directory/processes-import.ts';
import { tableFromCsv } from '../../../src/domain/tabular.ts';
import { type PartsSpec, proposeParts, writeParts } from '../../../src/domain/tasks/parts-setup.ts';
import { importPlanFile } from '../../../src/domain/tasks/plan-file.ts';
import { formatPlanReport } from '../../../src/domain/tasks/plan-import.ts';
import { parsePlanText } from '../../../src/domain/tasks/plan-text.ts';
import { clock, freshDb, seedPath, seedText, tempFile } from '../../db/helpers.ts';
import { exampleProcesses, partsByCode, SEED_PARTS, sharedByCode } from '../../helpers/parts.ts';

function partCount(db: Db): number {
  return db.select({ n: count() }).from(taskParts).get()?.n ?? 0;
}

describe('the seed plan proposes its shared tasks', () => {
  it('1.1, 1.2, 2.1, 3.4 and 4.3 are shared; 3.7, 6.3, 6.4 and the rest are yes/no tasks', () => {
    const proposed = Object.fromEntries(parsePlanText(seedText).tasks.map((t) => [t.code, proposeParts(t)]));
    expect(Object.fromEntries(Object.entries(proposed).filter(([, spec]) => spec.kind !== null))).toEqual({
      '1.1': { kind: 'procesos', source: 'manual' },
      '1.2': { kind: 'numeradas', target: 2 },
      '2.1': { kind: 'numeradas', target: 8 },
      '3.4': { kind: 'procesos', source: 'indicadores' },
      '4.3': { kind: 'procesos', source: 'riesgos' },
    });
    for (const code of ['3.2', '3.7', '6.3', '6.4']) expect(proposed[code]).toEqual({ kind: null });
  });

  it('plan then processes: the import marks the per-process tasks and the processes import adds their parts', async () => {
    const db = freshDb();
    const report = await importPlanFile(db, clock, SYSTEM, seedPath);
    expect(formatPlanReport(report).split('\n').slice(2)).toEqual([
      '5 tareas compartidas: 1.1 (por proceso), 1.2 (2 partes), 2.1 (8 partes), ' +
        '3.4 (por proceso, según sus reportes de indicadores), 4.3 (por proceso, según sus matrices de riesgos).',
      'Aún no hay procesos en el directorio: las tareas por proceso tendrán una parte por cada proceso al ' +
        'importarlos (npx mipg importar procesos <archivo.csv|xlsx>).',
    ]);
    expect(partCount(db)).toBe(10);
    const entry = db.select().from(auditLog).where(eq(auditLog.entityId, '2.1')).get();
    expect(entry?.after).toMatchObject({ parts: '8 partes numeradas' });

    const directory = exampleProcesses(db);
    expect(sharedByCode(db)).toEqual(SEED_PARTS);
    for (const code of ['3.7', '6.3', '6.4', '1.3', '3.2']) {
      expect(partsByCode(db)[code]).toEqual({ kind: null, source: 'manual', parts: 0 });
    }
    expect(directory.partsAdded?.map((t) => [t.code, t.before, t.after])).toEqual([
      ['1.1', 0, 29],
      ['3.4', 0, 29],
      ['4.3', 0, 29],
    ]);
    expect(formatDirectoryReport(directory)).toContain(
      'Tareas por proceso del plan 2026 con una parte más por cada proceso nuevo: 1.1, 3.4, 4.3.',
    );
    const audited = db.select().from(auditLog).where(eq(auditLog.action, 'tarea.partes')).all();
    expect(audited.map((a) => [a.entityId, a.before, a.after])).toEqual([
      ['1.1', { total: 0 }, { total: 29, reason: 'procesos nuevos en el directorio' }],
      ['3.4', { total: 0 }, { total: 29, reason: 'procesos nuevos en el directorio' }],
      ['4.3', { total: 0 }, { total: 29, reason: 'procesos nuevos en el directorio' }],
    ]);
  });

  it('processes then plan: the import writes one part per process at once', async () => {
    const db = freshDb();
    exampleProcesses(db);
    const report = await importPlanFile(db, clock, SYSTEM, seedPath);
    expect(sharedByCode(db)).toEqual(SEED_PARTS);
    expect(formatPlanReport(report).split('\n').slice(2)).toEqual([
      '5 tareas compartidas: 1.1 (29 procesos), 1.2 (2 partes), 2.1 (8 partes), ' +
        '3.4 (29 procesos, según sus reportes de indicadores), 4.3 (29 procesos, según sus matrices de riesgos).',
    ]);
  });

  it('a process imported later adds a part to each per-process task and keeps the parts done', async () => {
    const db = freshDb();
    exampleProcesses(db);
    await importPlanFile(db, clock, SYSTEM, seedPath);
    const task = db.select().from(tasks).where(eq(tasks.code, '1.1')).get();
    const first = db
      .select()
      .from(taskParts)
      .where(eq(taskParts.taskId, task?.id ?? 0))
      .get();
    db.update(taskParts)
      .set({ doneAt: '2026-03-01T15:00:00.000Z' })
      .where(eq(taskParts.id, first?.id ?? 0))
      .run();
    const more = tableFromCsv('codigo,nombre,tipo\nGTIC,Gestión de las TIC,apoyo\n');
    const report = importProcesses(db, clock, SYSTEM, more);
    expect(report.partsAdded?.map((t) => [t.code, t.after])).toEqual([
      ['1.1', 30],
      ['3.4', 30],
      ['4.3', 30],
    ]);
    const parts = db
      .select()
      .from(taskParts)
      .where(eq(taskParts.taskId, task?.id ?? 0))
      .all();
    expect(parts.at(-1)).toMatchObject({ position: 30, label: 'Gestión de las TIC' });
    expect(parts.find((p) => p.id === first?.id)?.doneAt).toBe('2026-03-01T15:00:00.000Z');
    expect(sharedByCode(db)['1.2']).toEqual(SEED_PARTS['1.2']);

    const again = importProcesses(db, clock, SYSTEM, more);
    expect(again.partsAdded).toEqual([]);
    expect(formatDirectoryReport(again)).not.toContain('Tareas por proceso');
  });

  it('a catalog renaming a process renames its parts', async () => {
    const db = freshDb();
    exampleProcesses(db);
    await importPlanFile(db, clock, SYSTEM, seedPath);
    const process = db.select().from(processes).orderBy(asc(processes.code)).get();
    const renamed = `codigo,nombre,tipo\n${process?.code},Proceso con su nombre real,${process?.type}\n`;
    importProcesses(db, clock, SYSTEM, tableFromCsv(renamed));
    const labels = db
      .select()
      .from(taskParts)
      .where(eq(taskParts.processId, process?.id ?? 0))
      .all();
    expect(labels.map((p) => p.label)).toEqual(Array(3).fill('Proceso con su nombre real'));
  });
});

function setParts(db: Db, code: string, spec: PartsSpec) {
  const task = db.select().from(tasks).where(eq(tasks.code, code)).get();
  db.transaction((tx) => writeParts(tx, task?.id ?? 0, spec));
  return task?.id ?? 0;
}

/** The seed's tasks as a matrix with CÓDIGO, with META/PARTES only on the rows given. */
function seedMatrix(cells: Record<string, [string, string]>): string {
  const header = 'CÓDIGO;ACTIVIDAD;QUÉ;CÓMO;QUIÉN;INICIO;FIN;EVIDENCIAS;META;PARTES';
  const rows = parsePlanText(seedText).tasks.map((t) =>
    [
      t.code,
      t.activity,
      t.what,
      t.title,
      t.responsible,
      t.start,
      t.end,
      t.evidence,
      ...(cells[t.code] ?? ['', '']),
    ]
      .map((cell) => `"${cell.replaceAll('"', '""')}"`)
      .join(';'),
  );
  return [header, ...rows].join('\n');
}

describe('re-importing a plan', () => {
  it('keeps the parts set by chat when the file says nothing of them', async () => {
    const db = freshDb();
    exampleProcesses(db);
    await importPlanFile(db, clock, SYSTEM, seedPath);
    setParts(db, '2.1', { kind: 'numeradas', target: 5 });
    setParts(db, '6.3', { kind: 'numeradas', target: 4 });
    setParts(db, '1.1', { kind: null });
    const chat = partsByCode(db);
    const text = await importPlanFile(db, clock, SYSTEM, seedPath);
    expect(text.unchanged).toHaveLength(29);
    const csv = await importPlanFile(db, clock, SYSTEM, tempFile('.csv', seedMatrix({})));
    expect(csv).toMatchObject({ added: [], changed: [], partsKept: [] });
    expect(partsByCode(db)).toEqual(chat);
  });

  it('applies the META the file changes, audited, unless a part already has a history', async () => {
    const db = freshDb();
    exampleProcesses(db);
    await importPlanFile(db, clock, SYSTEM, seedPath);
    const task = setParts(db, '1.1', { kind: 'procesos', source: 'manual' });
    const part = db.select().from(taskParts).where(eq(taskParts.taskId, task)).get();
    db.insert(taskEvents)
      .values({ taskId: task, partId: part?.id ?? 0, kind: 'parte_cumplida', at: '2026-03-01T15:00:00.000Z' })
      .run();
    db.insert(taskEvents)
      .values({
        taskId: task,
        partId: part?.id ?? 0,
        kind: 'parte_reabierta',
        at: '2026-03-02T15:00:00.000Z',
      })
      .run();
    const file = seedMatrix({
      '1.1': ['8', ''],
      '2.1': ['10', ''],
      '6.3': ['', 'ninguna'],
      '6.4': ['4', ''],
    });
    const report = await importPlanFile(db, clock, SYSTEM, tempFile('.csv', file));
    expect(report.changed).toEqual([
      { code: '2.1', fields: ['partes'] },
      { code: '6.4', fields: ['partes'] },
    ]);
    expect(report.partsKept).toHaveLength(1);
    expect(formatPlanReport(report)).toContain(
      'No se cambiaron las partes de 1.1: ya tiene partes cumplidas o reabiertas; el archivo pide 8 partes ' +
        'numeradas y se dejaron como estaban (una parte por proceso).',
    );
    expect(sharedByCode(db)).toMatchObject({
      '1.1': { kind: 'procesos', parts: 29 },
      '2.1': { kind: 'numeradas', parts: 10 },
      '6.4': { kind: 'numeradas', parts: 4 },
    });
    const entry = db.select().from(auditLog).where(eq(auditLog.entityId, '2.1')).all().at(-1);
    expect(entry).toMatchObject({
      action: 'tarea.importar',
      before: { parts: '8 partes numeradas' },
      after: { parts: '10 partes numeradas' },
    });
  });
});
