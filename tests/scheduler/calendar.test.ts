import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { bogotaDate } from '../../src/domain/clock.ts';
import { fireTimes, previousFire } from '../../src/scheduler/fires.ts';
import { coveredSince } from '../../src/scheduler/jobs.ts';
import { deadlineReminders, isoWeek, remindersDue } from '../../src/scheduler/reminders/plan.ts';

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

describe('cron times in Bogotá', () => {
  it('Monday 08:00 in Bogotá is 13:00 UTC, whatever the server zone', () => {
    const times = fireTimes('0 8 * * 1', new Date('2026-08-30T00:00:00Z'), new Date('2026-09-15T00:00:00Z'));
    expect(iso(times)).toEqual([
      '2026-08-31T13:00:00.000Z',
      '2026-09-07T13:00:00.000Z',
      '2026-09-14T13:00:00.000Z',
    ]);
  });

  it('a time between 19:00 and 23:59 in Bogotá belongs to that Bogotá day, not the next UTC one', () => {
    const [monday] = fireTimes(
      '30 23 * * 1',
      new Date('2026-09-06T00:00:00Z'),
      new Date('2026-09-09T00:00:00Z'),
    );
    expect(monday?.toISOString()).toBe('2026-09-08T04:30:00.000Z');
    expect(bogotaDate(monday as Date)).toBe('2026-09-07');
    const [evening] = fireTimes(
      '0 19 * * 5',
      new Date('2026-09-10T00:00:00Z'),
      new Date('2026-09-13T00:00:00Z'),
    );
    expect(bogotaDate(evening as Date)).toBe('2026-09-11');
  });

  it('finds the previous time of a schedule (what a run covers since)', () => {
    const monday = new Date('2026-09-07T13:00:00Z');
    expect(previousFire('0 8 * * 1-5', monday, 8)?.toISOString()).toBe('2026-09-04T13:00:00.000Z');
    expect(coveredSince('2026-09-07', previousFire('0 8 * * 1-5', monday, 8))).toBe('2026-09-04');
    expect(coveredSince('2026-09-07', previousFire('0 8 1 * *', monday, 8))).toBe('2026-09-01');
    // A schedule that last fired more than a week ago covers one week back, no more.
    expect(coveredSince('2026-09-07', previousFire('0 8 15 * *', monday, 8))).toBe('2026-08-31');
  });
});

describe('reminder dates on the Colombian working calendar', () => {
  it('skips the Reyes holiday moved to Monday 12 January 2026', () => {
    expect(deadlineReminders('2026-01-13', [5, 1])).toEqual([
      { date: '2026-01-05', reason: { type: 'before', days: 5 } },
      { date: '2026-01-09', reason: { type: 'before', days: 1 } },
      { date: '2026-01-13', reason: { type: 'due' } },
    ]);
  });

  it('a task ending on San José (Monday 23 March 2026) is reminded the Friday before, once', () => {
    expect(deadlineReminders('2026-03-23', [5, 1])).toEqual([
      { date: '2026-03-16', reason: { type: 'before', days: 5 } },
      { date: '2026-03-20', reason: { type: 'due' } },
    ]);
  });

  it('no weekly overdue reminder on Independencia de Cartagena (Monday 16 November 2026); it goes on Tuesday', () => {
    const task = { endDate: '2026-11-10' };
    expect(remindersDue(task, [5, 1], [], '2026-11-13', '2026-11-16')).toEqual([]);
    expect(remindersDue(task, [5, 1], [], '2026-11-16', '2026-11-17')).toEqual([
      { date: '2026-11-17', reason: { type: 'overdue', week: '2026-W47' } },
    ]);
  });

  it('uses MIPG_REMINDER_DAYS', () => {
    const { MIPG_REMINDER_DAYS } = loadConfig({ MIPG_REMINDER_DAYS: '10, 3' });
    expect(deadlineReminders('2026-09-30', MIPG_REMINDER_DAYS).map((r) => r.date)).toEqual([
      '2026-09-16',
      '2026-09-25',
      '2026-09-30',
    ]);
  });

  it('a postponement holds the reminders and sends one when it ends', () => {
    const holds = [{ from: '2026-09-23', until: '2026-09-28' }];
    const due = (since: string, date: string) =>
      remindersDue({ endDate: '2026-10-09' }, [5, 1], holds, since, date);
    expect(due('2026-09-30', '2026-10-01')).toEqual([]); // 5 working days before 9 Oct: not held
    expect(remindersDue({ endDate: '2026-09-30' }, [5, 1], holds, '2026-09-22', '2026-09-23')).toEqual([]);
    expect(remindersDue({ endDate: '2026-09-30' }, [5, 1], holds, '2026-09-25', '2026-09-28')).toEqual([
      { date: '2026-09-28', reason: { type: 'postponed', until: '2026-09-28' } },
    ]);
  });

  it('names weekly periods by ISO week, across the new year', () => {
    expect(isoWeek('2026-09-07')).toBe('2026-W37');
    expect(isoWeek('2027-01-01')).toBe('2026-W53');
  });
});

describe('schedule settings', () => {
  it('an invalid cron stops start-up with a Spanish message naming the variable', () => {
    expect(() => loadConfig({ MIPG_DIGEST_CRON: 'todos los lunes' })).toThrow(
      /MIPG_DIGEST_CRON: no es una expresión cron válida .*valor actual: "todos los lunes"/,
    );
    expect(() => loadConfig({ MIPG_REMINDER_CRON: '0 25 * * *' })).toThrow(
      /MIPG_REMINDER_CRON: no es una expresión cron válida/,
    );
    expect(() => loadConfig({ MIPG_REMINDER_DAYS: '5,cero' })).toThrow(
      /MIPG_REMINDER_DAYS: debe ser una lista de días hábiles/,
    );
  });

  it('defaults to Monday 08:00 for the digest and weekdays 08:00 for reminders, 5 and 1 days before', () => {
    const config = loadConfig({});
    expect(config.MIPG_DIGEST_CRON).toBe('0 8 * * 1');
    expect(config.MIPG_REMINDER_CRON).toBe('0 8 * * 1-5');
    expect(config.MIPG_REMINDER_DAYS).toEqual([5, 1]);
  });
});
