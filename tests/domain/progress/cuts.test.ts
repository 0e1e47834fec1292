import { beforeEach, describe, expect, it } from 'vitest';
import { type Db, openMigratedDatabase } from '../../../db/client.ts';
import { bogotaInstant, fixedClock } from '../../../src/domain/clock.ts';
import { createCut, cutByCode } from '../../../src/domain/progress/cuts.ts';
import { scheduledPercent } from '../../../src/domain/progress/snapshot.ts';
import { markDone, reopenTask, requireTask } from '../../../src/domain/tasks/actions.ts';
import { setParts } from '../../../src/domain/tasks/parts-setup.ts';
import { person, seedDirectory, seedPlan } from '../../scheduler/fixtures.ts';

const at = (day: string, time = '10:00') => fixedClock(bogotaInstant(day, time));
const link = (n: string) => `https://intranet.pasto.gov.co/evidencias/${n}.pdf`;

/**
 * A small plan, by hand at 30 September:
 * 1.1 (1 jul – 31 jul) done 20 jul: scheduled 100, executed 100.
 * 1.2 (21 sep – 10 oct, 20 days, 10 elapsed): scheduled 50, executed 0.
 * 2.1 (1 ago – 15 sep) 4 numbered parts, 1 done: scheduled 100, executed 25, overdue.
 * 2.2 (1 oct – 30 oct): scheduled 0, executed 0.
 * Activity 1: 75 / 50. Activity 2: 50 / 12.5. Plan (mean of activities): 62.5 / 31.3 (31.25 rounded).
 */
describe('quarterly cuts', () => {
  let db: Db;
  beforeEach(() => {
    db = openMigratedDatabase(':memory:');
    seedDirectory(db);
    seedPlan(db, [
      { code: '1.1', start: '2026-07-01', end: '2026-07-31' },
      { code: '1.2', start: '2026-09-21', end: '2026-10-10' },
      { code: '2.1', start: '2026-08-01', end: '2026-09-15' },
      { code: '2.2', start: '2026-10-01', end: '2026-10-30' },
    ]);
    const coordination = person(db, 'coordinacion');
    markDone(db, at('2026-07-20'), coordination, '1.1', link('1-1'), 'Acta firmada');
    const task21 = requireTask(db, at('2026-07-25'), '2.1');
    setParts(db, at('2026-07-25'), coordination, task21, { kind: 'numeradas', target: 4 });
    markDone(db, at('2026-08-10'), person(db, 'ana'), '2.1', link('2-1-a'));
  });

  it('scheduled is the share of days elapsed: 0 before the start, 100 from the end date', () => {
    const task = { startDate: '2026-09-21', endDate: '2026-10-10' };
    expect(scheduledPercent(task, '2026-09-20')).toBe(0);
    expect(scheduledPercent(task, '2026-09-30')).toBe(50);
    expect(scheduledPercent(task, '2026-10-10')).toBe(100);
  });

  it('freezes scheduled vs executed per task, activity and plan at the quarter’s last day', () => {
    const cut = createCut(db, at('2026-10-02'), person(db, 'coordinacion'), '2026-T3');
    expect({ cut: cut.cut, date: cut.date, scheduled: cut.scheduled, executed: cut.executed }).toEqual({
      cut: '2026-T3',
      date: '2026-09-30',
      scheduled: 62.5,
      executed: 31.3,
    });
    expect(cut.activities.map((a) => [a.number, a.scheduled, a.executed])).toEqual([
      [1, 75, 50],
      [2, 50, 12.5],
    ]);
    expect(cut.tasks.map((t) => [t.code, t.status, t.scheduled, t.executed])).toEqual([
      ['1.1', 'cumplida', 100, 100],
      ['1.2', 'en_curso', 50, 0],
      ['2.1', 'vencida', 100, 25],
      ['2.2', 'pendiente', 0, 0],
    ]);
    expect(cut.tasks[0]?.evidence).toEqual([
      { url: link('1-1'), note: 'Acta firmada', by: 'Carolina Coordinadora', at: '2026-07-20T15:00:00.000Z' },
    ]);
    expect(cut.tasks[2]?.parts).toMatchObject({ target: 4, done: 1 });
  });

  it('a stored cut does not change after later writes; corrections show in the next one', () => {
    const coordination = person(db, 'coordinacion');
    const before = createCut(db, at('2026-10-02'), coordination, '2026-T3');
    markDone(db, at('2026-10-05'), coordination, '1.2', link('1-2'));
    reopenTask(db, at('2026-10-06'), coordination, '1.1', 'El acta no tenía firmas');
    expect(cutByCode(db, '2026-T3')).toEqual(before);
    expect(() => createCut(db, at('2026-10-07'), coordination, '2026-T3')).toThrow(
      'El corte 2026-T3 ya existe (creado el 2026-10-02 por Carolina Coordinadora).',
    );
    expect(() => createCut(db, at('2026-12-31', '23:00'), coordination, '2026-T4')).toThrow(
      'El corte 2026-T4 es el 31 de diciembre de 2026: ese día aún no ha terminado.',
    );
    const next = createCut(db, at('2027-01-02'), coordination, '2026-T4');
    expect(next.corrections).toEqual([
      {
        code: '1.1',
        previousCut: '2026-T3',
        before: 'cumplida',
        after: 'reabierta',
        at: bogotaInstant('2026-10-06', '10:00').toISOString(),
        reason: 'El acta no tenía firmas',
      },
    ]);
    expect(next.tasks.find((t) => t.code === '1.1')?.status).toBe('vencida');
  });

  it('accepts four-month cuts and refuses other periods and other people in Spanish', () => {
    const c1 = createCut(db, at('2026-09-01'), person(db, 'coordinacion'), '2026-C2');
    expect([c1.kind, c1.date]).toEqual(['cuatrimestral', '2026-08-31']);
    expect(() => createCut(db, at('2026-10-02'), person(db, 'coordinacion'), '2026-09')).toThrow(
      '«2026-09» no es un corte válido.',
    );
    expect(() => createCut(db, at('2026-10-02'), person(db, 'ana'), '2026-T3')).toThrow(
      'Solo la coordinación MIPG puede crear cortes.',
    );
  });
});
