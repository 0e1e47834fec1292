import { describe, expect, it } from 'vitest';
import { indicatorByCode } from '../../../src/domain/indicators/catalog.ts';
import {
  expectedPeriods,
  missingReports,
  periodDueFor,
  standing,
} from '../../../src/domain/indicators/schedule.ts';
import { testApp } from '../../helpers/app.ts';
import { catalogLoadedOn } from './catalog-date.ts';

function setup(loadedOn = '2026-01-01') {
  const { app } = testApp('2026-10-20');
  catalogLoadedOn(app.db, loadedOn);
  const get = (code: string) => {
    const found = indicatorByCode(app.db, code);
    if (!found) throw new Error(`no example indicator ${code}`);
    return found;
  };
  return { app, get };
}

describe('when a period is due', () => {
  it('counts the working days after the period, skipping Holy Week and the 7 August holiday', () => {
    const { get } = setup();
    const quarterly = get('GTH-01'); // 10 working days
    // 2026-T1 ends Tuesday 31 March; 2 and 3 April are Jueves and Viernes Santo.
    expect(standing(quarterly, '2026-T1', '2026-04-16', undefined)).toMatchObject({
      dueDate: '2026-04-16',
      state: 'pendiente',
    });
    expect(standing(quarterly, '2026-T1', '2026-04-17', undefined).state).toBe('atrasado');
    const monthly = get('GTH-03'); // 5 working days
    // July ends on a Friday; Friday 7 August (Batalla de Boyacá) is a holiday.
    expect(standing(monthly, '2026-07', '2026-08-03', undefined).dueDate).toBe('2026-08-10');
  });

  it('expects periods only from the day the catalog was loaded, and only once they have ended', () => {
    const { get } = setup();
    expect(expectedPeriods(get('GE-01'), '2026-10-20')).toEqual([]);
    expect(expectedPeriods(get('GE-01'), '2027-02-01')).toEqual(['2026']);
    expect(expectedPeriods(get('GTH-02'), '2026-10-20')).toEqual(['2026-S1']);
    expect(expectedPeriods(get('GTH-01'), '2026-10-01')).toEqual(['2026-T1', '2026-T2', '2026-T3']);
    expect(periodDueFor(get('GE-01'), '2026-10-20')).toBeUndefined();
    expect(periodDueFor(get('GTH-03'), '2026-10-20')).toBe('2026-09');
  });

  it('does not expect the periods that ended before an indicator was imported (1 September)', () => {
    const { get } = setup('2026-09-01');
    expect(expectedPeriods(get('GTH-01'), '2026-10-20')).toEqual(['2026-T3']);
    expect(expectedPeriods(get('GTH-03'), '2026-10-20')).toEqual(['2026-09']);
    expect(expectedPeriods(get('GTH-02'), '2026-10-20')).toEqual([]);
    expect(periodDueFor(get('GTH-02'), '2026-10-20')).toBeUndefined();
    const missing = missingReports([get('GTH-01')], '2026-10-20', new Map());
    expect(missing.map((m) => [m.period, m.state])).toEqual([['2026-T3', 'atrasado']]);
    // Loaded on the last day of a period: that period is still owed.
    const { get: lastDay } = setup('2026-09-30');
    expect(expectedPeriods(lastDay('GTH-01'), '2026-10-20')).toEqual(['2026-T3']);
  });

  it('lists the missing reports, oldest due date first (20 July is a holiday: S1 is due on the 22nd)', () => {
    const { get } = setup();
    const missing = missingReports([get('GTH-01'), get('GTH-02')], '2026-07-20', new Map());
    expect(missing.map((m) => [m.indicator.code, m.period, m.dueDate, m.state])).toEqual([
      ['GTH-01', '2026-T1', '2026-04-16', 'atrasado'],
      ['GTH-01', '2026-T2', '2026-07-14', 'atrasado'],
      ['GTH-02', '2026-S1', '2026-07-22', 'pendiente'],
    ]);
  });
});
