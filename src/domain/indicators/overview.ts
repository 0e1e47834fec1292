import type { Store } from '../../../db/client.ts';
import { DomainError } from '../errors.ts';
import { allIndicators, type Indicator } from './catalog.ts';
import { isFuturePeriod, parsePeriodCode, periodLabel } from './periods.ts';
import { allCurrentReports, currentReportsOf, firstReportDates, reportKey } from './reports.ts';
import { expectedPeriods, type PeriodStanding, periodDueFor, standing } from './schedule.ts';

/**
 * How reporting stands across the catalog. Without a period each indicator is judged on the period
 * it should be reporting now; with one, only the indicators whose frequency has that period.
 */
export function catalogStandings(store: Store, today: string, period?: string): PeriodStanding[] {
  const reports = allCurrentReports(store);
  const firsts = firstReportDates(store);
  const at = (indicator: Indicator, code: string) => {
    const key = reportKey(indicator.id, code);
    return standing(indicator, code, today, reports.get(key), firsts.get(key));
  };
  const indicators = allIndicators(store);
  if (period === undefined) {
    return indicators.flatMap((indicator) => {
      const code = periodDueFor(indicator, today);
      return code ? [at(indicator, code)] : [];
    });
  }
  const parsed = parsePeriodCode(period);
  if (!parsed) {
    throw new DomainError(
      `«${period}» no es un periodo válido.`,
      'Ejemplos: 2026-09 (mes), 2026-B5 (bimestre), 2026-T3 (trimestre), 2026-S2 (semestre), 2026 (año).',
    );
  }
  if (isFuturePeriod(parsed.code, today)) {
    throw new DomainError(
      `El periodo ${parsed.code} (${periodLabel(parsed.code)}) aún no ha terminado: todavía no hay reportes que revisar.`,
    );
  }
  return indicators.filter((i) => i.frequency === parsed.frequency).map((i) => at(i, parsed.code));
}

export interface ProcessTally {
  processCode: string;
  processName: string;
  indicators: number;
  reported: number;
  pending: number;
  late: number;
  satisfactorio: number;
  aceptable: number;
  critico: number;
}

/**
 * Counts per process, in process-code order. `late`, when given, replaces the late count of the
 * standings: the overview counts every overdue period (see `outstandingReports`), not only the latest.
 */
export function tallyByProcess(standings: PeriodStanding[], late?: PeriodStanding[]): ProcessTally[] {
  const tallies = new Map<string, ProcessTally>();
  for (const s of standings) {
    const { processCode, processName } = s.indicator;
    const tally = tallies.get(processCode) ?? {
      processCode,
      processName,
      indicators: 0,
      reported: 0,
      pending: 0,
      late: 0,
      satisfactorio: 0,
      aceptable: 0,
      critico: 0,
    };
    tally.indicators += 1;
    if (s.state === 'reportado') tally.reported += 1;
    if (s.state === 'pendiente') tally.pending += 1;
    if (s.state === 'atrasado' && !late) tally.late += 1;
    if (s.report) tally[s.report.status] += 1;
    tallies.set(processCode, tally);
  }
  for (const s of late ?? []) {
    const tally = tallies.get(s.indicator.processCode);
    if (tally) tally.late += 1;
  }
  return [...tallies.values()].sort((a, b) => a.processCode.localeCompare(b.processCode));
}

/** One indicator over time: every expected period and every reported one, oldest first. */
export function indicatorTrend(store: Store, indicator: Indicator, today: string): PeriodStanding[] {
  const reports = new Map(currentReportsOf(store, indicator.id).map((r) => [r.period, r]));
  const firsts = firstReportDates(store, indicator.id);
  const periods = new Set([...expectedPeriods(indicator, today), ...reports.keys()]);
  return [...periods]
    .sort()
    .map((period) =>
      standing(indicator, period, today, reports.get(period), firsts.get(reportKey(indicator.id, period))),
    );
}
