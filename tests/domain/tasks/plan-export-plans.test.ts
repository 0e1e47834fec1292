import { describe, expect, it } from 'vitest';
import type { Db } from '../../../db/client.ts';
import { SYSTEM } from '../../../src/domain/audit/log.ts';
import { DomainError } from '../../../src/domain/errors.ts';
import { ImportError, tableFromCsv } from '../../../src/domain/tabular.ts';
import { type ExportedTask, exportedTasks, exportTasks } from '../../../src/domain/tasks/plan-export.ts';
import { importPlanFile } from '../../../src/domain/tasks/plan-file.ts';
import type { PlanFilter } from '../../../src/domain/tasks/plan-select.ts';
import { plansOfYear } from '../../../src/domain/tasks/store.ts';
import { clock, freshDb, tempFile } from '../../db/helpers.ts';
import { twoPlans } from '../../helpers/plans.ts';

/** The JSON keys `exportar tareas` wrote before plans had codes, in order, then the two it gained. */
const JSON_KEYS = [
  'code',
  'activityNumber',
  'activity',
  'what',
  'title',
  'responsible',
  'start',
  'end',
  'evidence',
  'status',
  'doneAt',
  'evidenceLinks',
  'verifiedAt',
  'late',
  'lateDays',
  'evidenceRecorded',
  'parts',
  'plan',
  'vigencia',
];

async function json(db: Db, filter: PlanFilter = {}): Promise<ExportedTask[]> {
  return JSON.parse((await exportTasks(db, clock, 'json', filter)) as string) as ExportedTask[];
}

describe('exportar tareas with several plans', () => {
  it('keeps every earlier JSON key and adds plan and vigencia', async () => {
    const list = await json(await twoPlans());
    for (const task of list) expect(Object.keys(task)).toEqual(JSON_KEYS);
  });

  it('exports every plan of the vigencia in force by default, plan after plan', async () => {
    const list = await json(await twoPlans());
    expect(list).toHaveLength(32);
    expect(list.filter((t) => t.plan === 'PPI')).toHaveLength(29);
    expect(list.slice(29).map((t) => [t.plan, t.vigencia, t.code, t.status])).toEqual([
      ['PTH', 2026, '1.1', 'vencida'],
      ['PTH', 2026, '1.2', 'en_curso'],
      ['PTH', 2026, '2.1', 'pendiente'],
    ]);
    const csv = tableFromCsv((await exportTasks(await twoPlans(), clock, 'csv')) as string);
    expect(
      csv.rows.map((r) => `${r.values.plan} ${r.values.vigencia} ${r.values.codigo}`).slice(28, 31),
    ).toEqual(['PPI 2026 6.4', 'PTH 2026 1.1', 'PTH 2026 1.2']);
  });

  it('--plan and --vigencia narrow it, and say which plans there are when the code is wrong', async () => {
    const db = await twoPlans();
    expect((await json(db, { plan: 'pth' })).map((t) => t.code)).toEqual(['1.1', '1.2', '2.1']);
    expect(await json(db, { plan: 'PPI', year: 2026 })).toHaveLength(29);
    expect(() => exportedTasks(db, clock, { plan: 'PIC' })).toThrow(
      expect.objectContaining({
        message: 'No hay un plan PIC en la vigencia 2026.',
        help: ['Planes de 2026: PPI, PTH.'],
      }),
    );
    expect(() => exportedTasks(db, clock, { year: 2027 })).toThrow(DomainError);
    expect(() => exportedTasks(db, clock, { year: 2027 })).toThrow('No hay planes de la vigencia 2027.');
  });

  it.each(['csv', 'xlsx'] as const)(
    'the %s of one plan imports back as that plan, not over the PPI',
    async (format) => {
      const db = await twoPlans();
      const file = tempFile(`.${format}`, await exportTasks(db, clock, format, { plan: 'PTH' }));
      const again = await importPlanFile(db, clock, SYSTEM, file, { code: 'PTH' });
      expect(again).toMatchObject({ added: [], changed: [] });
      expect(again.unchanged).toHaveLength(3);
      // Without --codigo the file's PLAN column says where it goes.
      const copy = freshDb();
      await importPlanFile(copy, clock, SYSTEM, file, { name: 'Plan Estratégico de Talento Humano' });
      expect(plansOfYear(copy, 2026).map((p) => p.code)).toEqual(['PTH']);
      const wrong = await importPlanFile(db, clock, SYSTEM, file, { code: 'PPI' }).catch((e: unknown) => e);
      expect(wrong).toBeInstanceOf(ImportError);
      expect((wrong as ImportError).message).toContain(
        'columna PLAN: el archivo es del plan PTH, no de PPI.',
      );
      expect(exportedTasks(db, clock, { plan: 'PPI' }).tasks).toHaveLength(29);
    },
  );

  it('refuses to import a file of several plans', async () => {
    const db = await twoPlans();
    const file = tempFile('.csv', await exportTasks(db, clock, 'csv'));
    const error = await importPlanFile(db, clock, SYSTEM, file).catch((e: unknown) => e);
    expect((error as ImportError).message).toContain('el archivo tiene tareas de 2 planes (PPI, PTH).');
    expect((error as ImportError).help.join(' ')).toContain('exportar tareas --plan <código>');
  });
});
