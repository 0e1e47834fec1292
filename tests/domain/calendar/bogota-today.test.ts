import { describe, expect, it } from 'vitest';
import { isWorkingDay } from '../../../src/domain/calendar/working-days.ts';
import { bogotaToday, fixedClock } from '../../../src/domain/clock.ts';

describe('today in Bogotá at night', () => {
  it.each([
    ['2026-11-14T00:00:00Z', '2026-11-13'], // 19:00 Bogotá
    ['2026-11-14T02:30:00Z', '2026-11-13'],
    ['2026-11-14T04:59:59Z', '2026-11-13'], // 23:59:59 Bogotá
    ['2026-11-14T05:00:00Z', '2026-11-14'], // midnight Bogotá
    ['2027-01-01T03:00:00Z', '2026-12-31'], // New Year's Eve, 22:00 Bogotá
  ])('at %s it is still %s', (instant, expected) => {
    expect(bogotaToday(fixedClock(instant))).toBe(expected);
  });

  it('uses the Bogotá date for the working calendar', () => {
    // Friday 13 Nov at 21:00 Bogotá is already Saturday in UTC.
    const today = bogotaToday(fixedClock('2026-11-14T02:00:00Z'));
    expect(isWorkingDay(today)).toBe(true);
  });
});
