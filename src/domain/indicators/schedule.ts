import type { Store } from '../../../db/client.ts';
import { bogotaDate } from '../clock.ts';
import { cachedView } from '../view-cache.ts';
import { allIndicators, type Indicator } from './catalog.ts';
import { dueDate, periodBounds, periodDueNow, periodsOfYear } from './periods.ts';
import { allCurrentReports, type ReportRow, reportKey } from './reports.ts';

/**
 * Which periods the office expects a report for, and how each stands. A period is expected only if
 * it ends on or after the day the indicator entered the catalog: an indicator imported on
 * 1 September is not «late» for the first semester.
 */

export type ReportState = 'reportado' | 'pendiente' | 'atrasado';

export interface PeriodStanding {
  indicator: Indicator;
  period: string;
  dueDate: string;
  state: ReportState;
  report?: ReportRow;
  /** First reported after the due date (Bogotá calendar); a later correction does not count. */
  reportedLate: boolean;
}

/**
 * The day the indicator entered the catalog (Bogotá date): only periods ending on or after it are
 * expected. Rows loaded before the column existed fall back to their last update.
 */
export function catalogDate(indicator: Pick<Indicator, 'createdAt' | 'updatedAt'>): string {
  return bogotaDate(new Date(indicator.createdAt ?? indicator.updatedAt));
}

/** Whether a report of the period is owed at all: it ends on or after the day the indicator was added. */
export function isExpected(indicator: Indicator, period: string): boolean {
  return periodBounds(period).end >= catalogDate(indicator);
}

const dueDates = new Map<string, string>();

/** `dueDate` remembered: the same few periods are asked about for every indicator at every run. */
function cachedDueDate(period: string, days: number): string {
  const key = `${period}|${days}`;
  let due = dueDates.get(key);
  if (due === undefined) {
    due = dueDate(period, days);
    dueDates.set(key, due);
  }
  return due;
}

/**
 * The standing of one period of an indicator on `today`, given its current report if any and when
 * the period was FIRST reported (see `firstReportDates`): correcting an on-time report later does
 * not make it late.
 */
export function standing(
  indicator: Indicator,
  period: string,
  today: string,
  report: ReportRow | undefined,
  firstReportedAt: string | undefined = report?.reportedAt,
): PeriodStanding {
  const due = cachedDueDate(period, indicator.dueDays);
  if (report) {
    const reportedOn = bogotaDate(new Date(firstReportedAt ?? report.reportedAt));
    return { indicator, period, dueDate: due, state: 'reportado', report, reportedLate: reportedOn > due };
  }
  return {
    indicator,
    period,
    dueDate: due,
    state: today > due ? 'atrasado' : 'pendiente',
    reportedLate: false,
  };
}

/** The ended periods of an indicator that are expected (see `isExpected`) up to `today`, oldest first. */
export function expectedPeriods(indicator: Indicator, today: string): string[] {
  const added = catalogDate(indicator);
  const firstYear = Number(added.slice(0, 4));
  const lastYear = Number(today.slice(0, 4));
  const codes: string[] = [];
  for (let year = firstYear; year <= lastYear; year += 1) {
    for (const p of periodsOfYear(indicator.frequency, year)) {
      // Ended before today (see isFuturePeriod) and expected (see isExpected).
      const { end } = periodBounds(p.code);
      if (end < today && end >= added) codes.push(p.code);
    }
  }
  return codes;
}

/** The period the indicator should be reporting now (see `periodDueNow`), unless it is not expected. */
export function periodDueFor(indicator: Indicator, today: string): string | undefined {
  const { period } = periodDueNow(indicator.frequency, today, indicator.dueDays);
  return isExpected(indicator, period.code) ? period.code : undefined;
}

/** Every expected period still without a report, oldest due date first. */
export function missingReports(
  indicators: Indicator[],
  today: string,
  reports: Map<string, ReportRow>,
): PeriodStanding[] {
  const missing = indicators.flatMap((indicator) =>
    expectedPeriods(indicator, today)
      .filter((period) => !reports.has(reportKey(indicator.id, period)))
      .map((period) => standing(indicator, period, today, undefined)),
  );
  return missing.sort(
    (a, b) => a.dueDate.localeCompare(b.dueDate) || a.indicator.code.localeCompare(b.indicator.code),
  );
}

/**
 * The missing reports of the whole active catalog: the ONE list the digest, /pendientes, the
 * reminders and /estado indicadores count from, so their figures agree.
 */
export function outstandingReports(store: Store, today: string): PeriodStanding[] {
  return cachedView(store, `outstandingReports:${today}`, () =>
    missingReports(allIndicators(store), today, allCurrentReports(store)),
  ).slice();
}

/** A standing that has its report. */
export type ReportedStanding = PeriodStanding & { report: ReportRow };

export function isReported(s: PeriodStanding): s is ReportedStanding {
  return s.report !== undefined;
}
