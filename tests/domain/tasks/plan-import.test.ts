import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, evidence, tasks } from '../../../db/schema/index.ts';
import { SYSTEM } from '../../../src/domain/audit/log.ts';
import { DomainError } from '../../../src/domain/errors.ts';
import { ImportError } from '../../../src/domain/tabular.ts';
import { importPlanFile } from '../../../src/domain/tasks/plan-file.ts';
import { formatPlanReport } from '../../../src/domain/tasks/plan-import.ts';
import {
  clock,
  freshDb,
  rowCounts,
  seedLines,
  seedPath,
  seedText,
  tempFile,
  withLine,
} from '../../db/helpers.ts';

const lineOf = (fragment: string) => seedLines.findIndex((l) => l.includes(fragment)) + 1;

describe('importar plan <documento.txt>', () => {
  it('stores 6 activities and 29 tasks and audits each one', async () => {
    const db = freshDb();
    const report = await importPlanFile(db, clock, SYSTEM, seedPath);
    expect(report.added).toHaveLength(29);
    expect(formatPlanReport(report)).toMatch(
      /^Plan 2026: 29 tareas nuevas, 0 modificadas, 0 sin cambios\.\nNuevas: 1\.1, 1\.2, 1\.3, 1\.4, 2\.1, .*6\.4\.\n5 tareas compartidas: /,
    );
    expect(rowCounts(db)).toMatchObject({ plans: 1, activities: 6, tasks: 29, audit_log: 29 });
    const entry = db.select().from(auditLog).where(eq(auditLog.entityId, '4.2')).get();
    expect(entry).toMatchObject({
      action: 'tarea.importar',
      entity: 'tarea',
      actor: 'sistema',
      before: null,
    });
    expect(entry?.after).toMatchObject({
      activity: 4,
      end: '2026-11-30',
      evidence: '(1) registro de asistencia',
    });
  });

  it('a second import changes nothing and keeps done tasks and their evidence', async () => {
    const db = freshDb();
    await importPlanFile(db, clock, SYSTEM, seedPath);
    const task = db.select().from(tasks).where(eq(tasks.code, '2.3')).get();
    db.update(tasks)
      .set({ doneAt: '2026-05-01T15:00:00.000Z', verifiedAt: '2026-05-02T15:00:00.000Z' })
      .where(eq(tasks.code, '2.3'))
      .run();
    db.insert(evidence)
      .values({ taskId: task?.id ?? 0, url: 'https://intranet.pasto.gov.co/dofa.pdf' })
      .run();
    const before = rowCounts(db);

    const report = await importPlanFile(db, clock, SYSTEM, seedPath);
    expect(report).toMatchObject({ year: 2026, added: [], changed: [] });
    expect(report.unchanged).toHaveLength(29);
    expect(formatPlanReport(report).split('\n')[0]).toBe(
      'Plan 2026: 0 tareas nuevas, 0 modificadas, 29 sin cambios.',
    );
    expect(rowCounts(db)).toEqual(before);
    const after = db.select().from(tasks).where(eq(tasks.code, '2.3')).get();
    expect(after).toMatchObject({
      id: task?.id,
      doneAt: '2026-05-01T15:00:00.000Z',
      verifiedAt: '2026-05-02T15:00:00.000Z',
    });
  });

  it('a changed end date updates that task only, audited with before and after', async () => {
    const db = freshDb();
    await importPlanFile(db, clock, SYSTEM, seedPath);
    db.update(tasks).set({ doneAt: '2026-05-01T15:00:00.000Z' }).where(eq(tasks.code, '2.3')).run();
    const n = lineOf('Actualizar la DOFA institucional');
    const file = tempFile(
      '.txt',
      withLine(n, (l) => l.replace('30/11/2026', '15/12/2026')),
    );

    const report = await importPlanFile(db, clock, SYSTEM, file);
    expect(report.changed).toEqual([{ code: '2.3', fields: ['fin'] }]);
    expect(report.unchanged).toHaveLength(28);
    expect(formatPlanReport(report)).toContain('Modificadas: 2.3 (fin).');
    const task = db.select().from(tasks).where(eq(tasks.code, '2.3')).get();
    expect(task).toMatchObject({ endDate: '2026-12-15', doneAt: '2026-05-01T15:00:00.000Z' });
    const entries = db.select().from(auditLog).where(eq(auditLog.entityId, '2.3')).all();
    expect(entries.at(-1)).toMatchObject({ before: { end: '2026-11-30' }, after: { end: '2026-12-15' } });
    expect(rowCounts(db).tasks).toBe(29);
  });

  it.each([
    [
      'without a date',
      'Revisar la DOFA institucional',
      (l: string) => l.replace('01/07/2026 - 30/09/2026', ''),
    ],
    [
      'with swapped dates',
      'Actualizar la DOFA institucional',
      (l: string) => l.replace('01/10/2026 - 30/11/2026', '30/11/2026 - 01/10/2026'),
    ],
    ['cut after the header', 'ACTIVIDADES DE GESTI', (l: string) => l],
  ])('a document %s is refused naming the line and stores nothing', async (_, fragment, edit) => {
    const n = lineOf(fragment);
    const text = fragment.startsWith('ACTIVIDADES') ? seedLines.slice(0, n).join('\n') : withLine(n, edit);
    const loaded = freshDb();
    await importPlanFile(loaded, clock, SYSTEM, seedPath);
    for (const db of [freshDb(), loaded]) {
      const before = rowCounts(db);
      const error = await importPlanFile(db, clock, SYSTEM, tempFile('.txt', text)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportError);
      expect((error as ImportError).message).toMatch(
        new RegExp(`^El archivo tiene 1 problema; no se importó nada:\\n• Línea ${n}[,:]`),
      );
      expect(rowCounts(db)).toEqual(before);
    }
  });

  it('reads the document saved in Windows-1252 as the same plan', async () => {
    const db = freshDb();
    // The seed's only character above Latin-1 is the en dash, 0x96 in Windows-1252.
    const bytes = Buffer.from(seedText.replace(/–/g, '\u0096'), 'latin1');
    expect(bytes.includes(0x96)).toBe(true);
    const report = await importPlanFile(db, clock, SYSTEM, tempFile('.txt', bytes));
    expect(report.added).toHaveLength(29);
    const again = await importPlanFile(db, clock, SYSTEM, seedPath);
    expect(again.unchanged).toHaveLength(29);
  });

  it('refuses a UTF-8 document with one byte in another encoding, naming its line', async () => {
    const db = freshDb();
    const line = lineOf('Apoyar en el desarrollo de procesos de caracterización');
    const [before = '', after = ''] = withLine(line, (l) => l.replace('Atención', 'Atenci\u0000n')).split(
      '\u0000',
    );
    const bytes = Buffer.concat([Buffer.from(before), Buffer.from([0xf3]), Buffer.from(after)]);
    const error = await importPlanFile(db, clock, SYSTEM, tempFile('.txt', bytes)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).message).toMatch(
      new RegExp(`mezcla codificaciones y no se importó nada: está en UTF-8, pero la línea ${line} tiene`),
    );
    expect(rowCounts(db)).toMatchObject({ plans: 0, tasks: 0, audit_log: 0 });
  });

  it('refuses a file of another kind in Spanish', async () => {
    const error = await importPlanFile(freshDb(), clock, SYSTEM, tempFile('.pdf', 'x')).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).message).toMatch(
      /^No se puede importar el plan desde «archivo-\d+\.pdf»\.$/,
    );
  });
});
