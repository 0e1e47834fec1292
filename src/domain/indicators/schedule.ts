import { min } from 'drizzle-orm';
import type { Store } from '../../../db/client.ts';
import { plans } from '../../../db/schema/index.ts';
import { bogotaDate } from '../clock.ts';
import type { Indicator } from './catalog.ts';
import { dueDate, isFuturePeriod, periodDueNow, periodsOfYear } from './periods.ts';
import { type ReportRow, reportKey } from './reports.ts';

/**
 * Which periods the office expects a report for, and how each stands. Periods are expected from
 * the first year the bot has a plan for: an annual indicator loaded in 2026 is not «late» for 2025.
 */

export type ReportState = 'reportado' | 'pendiente' | 'atrasado';

export interface PeriodStanding {
  indicator: Indicator;
  period: string;
  dueDate: string;
  state: ReportState;
  report?: ReportRow;
  /** Reported after the due date (Bogotá calendar). */
  reportedLate: boolean;
}

/** The first year whose periods are expected: the oldest plan's, else the current year. */
export function firstReportingYear(store: Store, today: string): number {
  const oldest = store
    .select({ year: min(plans.year) })
    .from(plans)
    .get()?.year;
  return oldest ?? Number(today.slice(0, 4));
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

/** The standing of one period of an indicator on `today`, given its current report if any. */
export function standing(
  indicator: Indicator,
  period: string,
  today: string,
  report: ReportRow | undefined,
): PeriodStanding {
  const due = cachedDueDate(period, indicator.dueDays);
  if (report) {
    const reportedOn = bogotaDate(new Date(report.reportedAt));
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

/** The ended periods of an indicator from `firstYear` up to `today`, oldest first. */
export function expectedPeriods(indicator: Indicator, today: string, firstYear: number): string[] {
  const lastYear = Number(today.slice(0, 4));
  const codes: string[] = [];
  for (let year = firstYear; year <= lastYear; year += 1) {
    for (const p of periodsOfYear(indicator.frequency, year)) {
      if (!isFuturePeriod(p.code, today)) codes.push(p.code);
    }
  }
  return codes;
}

/** The period the indicator should be reporting now (see `periodDueNow`), unless it predates `firstYear`. */
export function periodDueFor(indicator: Indicator, today: string, firstYear: number): string | undefined {
  const { period } = periodDueNow(indicator.frequency, today, indicator.dueDays);
  return period.year < firstYear ? undefined : period.code;
}

/** Every expected period still without a report, oldest due date first. */
export function missingReports(
  indicators: Indicator[],
  today: string,
  firstYear: number,
  reports: Map<string, ReportRow>,
): PeriodStanding[] {
  const missing = indicators.flatMap((indicator) =>
    expectedPeriods(indicator, today, firstYear)
      .filter((period) => !reports.has(reportKey(indicator.id, period)))
      .map((period) => standing(indicator, period, today, undefined)),
  );
  return missing.sort(
    (a, b) => a.dueDate.localeCompare(b.dueDate) || a.indicator.code.localeCompare(b.indicator.code),
  );
}

/** A standing that has its report. */
export type ReportedStanding = PeriodStanding & { report: ReportRow };

export function isReported(s: PeriodStanding): s is ReportedStanding {
  return s.report !== undefined;
}
