import { and, asc, eq, gte, like, lt } from 'drizzle-orm';
import type { Store } from '../../../db/client.ts';
import {
  attendanceInvitees,
  attendanceSessions,
  auditLog,
  indicatorReports,
  indicators,
  materializedRisks,
  people,
  processes,
  risks,
  tasks,
} from '../../../db/schema/index.ts';
import { bogotaInstant } from '../clock.ts';
import { periodBounds, periodsOfYear } from '../indicators/periods.ts';
import { catalogDate } from '../indicators/schedule.ts';
import type { AttendanceLine, IndicatorLine, IndicatorSummary, RiskSummary } from './snapshot-types.ts';

/**
 * The indicator, risk and attendance parts of a snapshot, each as recorded before `until` (an ISO instant):
 * what a cut says about them cannot change afterwards.
 */

function namesById(store: Store): Map<number, string> {
  return new Map(
    store
      .select({ id: people.id, name: people.name })
      .from(people)
      .all()
      .map((p) => [p.id, p.name]),
  );
}

/** Measurements of the periods that end within [from, to], each in its latest version recorded before `until`. */
export function indicatorSummary(store: Store, from: string, to: string, until: string): IndicatorSummary {
  const names = namesById(store);
  const catalog = store
    .select({ indicator: indicators, processCode: processes.code })
    .from(indicators)
    .innerJoin(processes, eq(processes.id, indicators.processId))
    .where(eq(indicators.active, true))
    .orderBy(asc(indicators.code))
    .all();
  const versions = new Map<string, { row: typeof indicatorReports.$inferSelect; count: number }>();
  for (const row of store
    .select()
    .from(indicatorReports)
    .where(lt(indicatorReports.reportedAt, until))
    .orderBy(asc(indicatorReports.reportedAt), asc(indicatorReports.id))
    .all()) {
    const key = `${row.indicatorId}|${row.period}`;
    versions.set(key, { row, count: (versions.get(key)?.count ?? 0) + 1 });
  }
  const years = new Set([Number(from.slice(0, 4)), Number(to.slice(0, 4))]);
  const lines: IndicatorLine[] = [];
  let expected = 0;
  for (const { indicator, processCode } of catalog) {
    const since = catalogDate(indicator);
    for (const year of years) {
      for (const period of periodsOfYear(indicator.frequency, year)) {
        const { end } = periodBounds(period.code);
        if (end < from || end > to || end < since) continue;
        expected += 1;
        const found = versions.get(`${indicator.id}|${period.code}`);
        if (!found) continue;
        const { row, count } = found;
        lines.push({
          code: indicator.code,
          name: indicator.name,
          processCode,
          period: period.code,
          result: row.result,
          target: row.target,
          unit: indicator.unit,
          status: row.status,
          compliance: row.compliance,
          reportedAt: row.reportedAt,
          reportedBy: row.reportedBy === null ? 'sistema' : (names.get(row.reportedBy) ?? 'desconocido'),
          corrections: count - 1,
        });
      }
    }
  }
  const count = (status: IndicatorLine['status']) => lines.filter((l) => l.status === status).length;
  return {
    from,
    to,
    expected,
    reported: lines.length,
    critico: count('critico'),
    aceptable: count('aceptable'),
    satisfactorio: count('satisfactorio'),
    lines,
  };
}

/** The risk matrices' cycle of `year` replayed from the audit log, the register's zones and materialised risks. */
export function riskSummary(store: Store, year: number, until: string): RiskSummary {
  const allProcesses = store.select({ code: processes.code }).from(processes).all();
  const state = new Map<string, string>();
  for (const row of store
    .select({ entityId: auditLog.entityId, after: auditLog.after })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.entity, 'matriz_riesgos'),
        like(auditLog.entityId, `${year}/%`),
        lt(auditLog.at, until),
      ),
    )
    .orderBy(asc(auditLog.id))
    .all()) {
    const next = (row.after as { state?: string } | null)?.state;
    if (next) state.set(row.entityId.slice(String(year).length + 1), next);
  }
  const matrices = { pendiente: 0, actualizada: 0, verificada: 0, devuelta: 0 };
  for (const process of allProcesses) {
    const s = (state.get(process.code) ?? 'pendiente') as keyof typeof matrices;
    matrices[s] = (matrices[s] ?? 0) + 1;
  }
  const register = store.select({ zone: risks.residualZone }).from(risks).where(eq(risks.year, year)).all();
  const residualZones = { bajo: 0, moderado: 0, alto: 0, extremo: 0 };
  for (const r of register) residualZones[r.zone] += 1;
  const materialized = store
    .select({ id: materializedRisks.id })
    .from(materializedRisks)
    .where(and(eq(materializedRisks.year, year), lt(materializedRisks.reportedAt, until)))
    .all().length;
  return {
    year,
    processes: allProcesses.length,
    matrices,
    risks: register.length,
    residualZones,
    materialized,
  };
}

/** The sessions held from `from` (a Bogotá date) until `until`, with invitations, answers and check-ins. */
export function attendanceLines(store: Store, from: string, until: string): AttendanceLine[] {
  const sessions = store
    .select({ session: attendanceSessions, taskCode: tasks.code })
    .from(attendanceSessions)
    .leftJoin(tasks, eq(tasks.id, attendanceSessions.taskId))
    .where(
      and(
        gte(attendanceSessions.startsAt, bogotaInstant(from).toISOString()),
        lt(attendanceSessions.startsAt, until),
      ),
    )
    .orderBy(asc(attendanceSessions.startsAt))
    .all();
  return sessions.map(({ session, taskCode }) => {
    const invitees = store
      .select()
      .from(attendanceInvitees)
      .where(eq(attendanceInvitees.sessionId, session.id))
      .all();
    const answered = (answer: string) =>
      invitees.filter((i) => i.answer === answer && i.answeredAt !== null && i.answeredAt < until).length;
    return {
      title: session.title,
      startsAt: session.startsAt,
      place: session.place,
      taskCode,
      invited: invitees.filter((i) => i.invitedAt < until).length,
      confirmed: answered('confirmado'),
      declined: answered('declinado'),
      attended: invitees.filter((i) => i.checkedInAt !== null && i.checkedInAt < until).length,
    };
  });
}
