import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { Store } from '../../../db/client.ts';
import { indicatorReports } from '../../../db/schema/index.ts';
import { type ReportRow, reportKey } from './reports.ts';

/**
 * A value a period had before it was corrected: the earlier report (no longer current) and the
 * report that replaced it (see `replaces`), so a person sees who reported what, and when it changed.
 */
export interface Correction {
  report: ReportRow;
  /** When the next report replaced this one (that report's `reportedAt`). */
  replacedAt: string;
  /** Who reported the value that replaced it. */
  replacedBy: number | null;
}

/**
 * The corrected values of every period, keyed `<indicatorId>|<period>` (as `allCurrentReports`),
 * oldest first; only those of one indicator when `indicatorId` is given. Two queries in all.
 */
export function correctionsOf(store: Store, indicatorId?: number): Map<string, Correction[]> {
  const ofIndicator = indicatorId === undefined ? undefined : eq(indicatorReports.indicatorId, indicatorId);
  const replaced = store
    .select()
    .from(indicatorReports)
    .where(and(eq(indicatorReports.current, false), ofIndicator))
    .orderBy(asc(indicatorReports.id))
    .all();
  if (replaced.length === 0) return new Map();
  const replacements = new Map(
    store
      .select({
        replaces: indicatorReports.replaces,
        reportedAt: indicatorReports.reportedAt,
        reportedBy: indicatorReports.reportedBy,
      })
      .from(indicatorReports)
      .where(and(isNotNull(indicatorReports.replaces), ofIndicator))
      .all()
      .map((r) => [r.replaces, r]),
  );
  const byPeriod = new Map<string, Correction[]>();
  for (const report of replaced) {
    const next = replacements.get(report.id);
    const key = reportKey(report.indicatorId, report.period);
    const correction = {
      report,
      replacedAt: next?.reportedAt ?? report.reportedAt,
      replacedBy: next?.reportedBy ?? null,
    };
    byPeriod.set(key, [...(byPeriod.get(key) ?? []), correction]);
  }
  return byPeriod;
}
