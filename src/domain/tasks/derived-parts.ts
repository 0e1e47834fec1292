import { and, eq, like, lt } from 'drizzle-orm';
import type { Store } from '../../../db/client.ts';
import { auditLog, indicatorReports, indicators } from '../../../db/schema/index.ts';
import { periodBounds, periodsOfYear } from '../indicators/periods.ts';
import { catalogDate } from '../indicators/schedule.ts';
import type { Stamp } from './history.ts';

/**
 * Parts recorded elsewhere: a process's share of the indicator-reporting task (3.4) is its indicator
 * reports, its share of the risk-matrix task (4.3) is its matrix in the update cycle. Both are read as
 * they stood before `until` (an ISO instant), so a past day is answered with what was known then.
 */

export interface TaskRange {
  startDate: string;
  endDate: string;
}

/**
 * When each process had reported every period of its indicators that ends within the task's dates
 * (and on or after the day each indicator entered the catalog): the instant of the last report needed.
 * Processes with nothing owed in the range are left out (nothing to show as done).
 */
export function indicatorPartsDone(store: Store, range: TaskRange, until: string): Map<number, Stamp> {
  const catalog = store
    .select({
      id: indicators.id,
      processId: indicators.processId,
      frequency: indicators.frequency,
      createdAt: indicators.createdAt,
      updatedAt: indicators.updatedAt,
    })
    .from(indicators)
    .where(eq(indicators.active, true))
    .all();
  const firstReports = new Map<string, Stamp>();
  for (const report of store
    .select({
      indicatorId: indicatorReports.indicatorId,
      period: indicatorReports.period,
      at: indicatorReports.reportedAt,
      by: indicatorReports.reportedBy,
    })
    .from(indicatorReports)
    .where(lt(indicatorReports.reportedAt, until))
    .orderBy(indicatorReports.reportedAt)
    .all()) {
    const key = `${report.indicatorId}|${report.period}`;
    if (!firstReports.has(key)) firstReports.set(key, { at: report.at, by: report.by });
  }
  const years = new Set([Number(range.startDate.slice(0, 4)), Number(range.endDate.slice(0, 4))]);
  const owed = new Map<number, { missing: number; last: Stamp | null }>();
  for (const indicator of catalog) {
    const since = catalogDate(indicator);
    const entry = owed.get(indicator.processId) ?? { missing: 0, last: null };
    for (const year of years) {
      for (const period of periodsOfYear(indicator.frequency, year)) {
        const { end } = periodBounds(period.code);
        if (end < range.startDate || end > range.endDate || end < since) continue;
        const report = firstReports.get(`${indicator.id}|${period.code}`);
        if (!report) entry.missing += 1;
        else if (!entry.last || report.at > entry.last.at) entry.last = report;
      }
    }
    owed.set(indicator.processId, entry);
  }
  const done = new Map<number, Stamp>();
  for (const [processId, entry] of owed)
    if (entry.missing === 0 && entry.last) done.set(processId, entry.last);
  return done;
}

/** Matrix states that mean the process did its part: it sent the updated matrix (verified or not). */
const SENT = new Set(['actualizada', 'verificada']);

/**
 * When each process's risk matrix of `year` was sent in the update cycle and not returned since,
 * replayed from the audit log (the matrix row keeps only its latest state). Keyed by process code.
 */
export function matrixPartsDone(store: Store, year: number, until: string): Map<string, Stamp> {
  const rows = store
    .select({ entityId: auditLog.entityId, at: auditLog.at, by: auditLog.actorId, after: auditLog.after })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.entity, 'matriz_riesgos'),
        like(auditLog.entityId, `${year}/%`),
        lt(auditLog.at, until),
      ),
    )
    .orderBy(auditLog.id)
    .all();
  const done = new Map<string, Stamp>();
  for (const row of rows) {
    const code = row.entityId.slice(String(year).length + 1);
    const state = (row.after as { state?: string } | null)?.state;
    if (state === undefined) continue;
    if (!SENT.has(state)) done.delete(code);
    else if (!done.has(code)) done.set(code, { at: row.at, by: row.by });
  }
  return done;
}
