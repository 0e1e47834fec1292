import { and, asc, eq, min } from 'drizzle-orm';
import type { Db, Store } from '../../../db/client.ts';
import { indicatorReports } from '../../../db/schema/index.ts';
import { audit, personAuthor } from '../audit/log.ts';
import { bogotaToday, type Clock } from '../clock.ts';
import type { Person } from '../directory/people.ts';
import { DomainError } from '../errors.ts';
import { evidenceLinkProblem } from '../links.ts';
import { boundedText, TEXT_LIMITS, type TextField } from '../text.ts';
import { assertCanReport, hasDenominator, type Indicator, requireIndicator } from './catalog.ts';
import { compliance, indicatorResult, type Measurement, type Semaforo, semaforo } from './math.ts';
import { formatNumber, type TypedMeasure } from './numbers.ts';
import { assertPeriodEnded, parsePeriod } from './periods.ts';

export type ReportRow = typeof indicatorReports.$inferSelect;

/** The analysis of a measurement: causes and improvement action, a few lines. */
export const ANALYSIS_FIELD: TextField = { subject: 'El análisis', max: TEXT_LIMITS.long };

export interface ReportInput {
  code: string;
  period: string;
  measure: TypedMeasure;
  analysis: string;
  evidence: string;
}

export interface ReportOutcome {
  indicator: Indicator;
  report: ReportRow;
  /** The report this one replaced (a correction). */
  previous?: ReportRow;
  /** The same measurement was already the current one: nothing was stored. */
  unchanged: boolean;
}

/** The measurement the indicator's formula expects, or a Spanish error when the shape is wrong. */
export function measurementFor(indicator: Indicator, measure: TypedMeasure): Measurement {
  if (hasDenominator(indicator)) {
    if (measure.numerator === undefined || measure.denominator === undefined) {
      throw new DomainError(
        `El indicador ${indicator.code} se mide con numerador y denominador (${indicator.numeratorText} / ${indicator.denominatorText}).`,
        'Escriba <numerador>/<denominador>, por ejemplo 45/50.',
      );
    }
    return { unit: indicator.unit, numerator: measure.numerator, denominator: measure.denominator };
  }
  if (measure.denominator !== undefined || measure.value === undefined) {
    throw new DomainError(
      `El indicador ${indicator.code} no tiene denominador: se reporta con un solo valor.`,
      'Escriba solo el valor, por ejemplo 12.',
    );
  }
  return { unit: indicator.unit, value: measure.value };
}

export interface Evaluation {
  measurement: Measurement;
  result: number;
  status: Semaforo;
  compliance: number | null;
}

/**
 * A percentage counts a part of a whole (capacitados de los programados): it cannot pass 100 %
 * unless the indicator's sheet says it can, with a target or a range bound above 100.
 */
function assertWithinWhole(indicator: Indicator, measurement: Measurement): void {
  if (indicator.unit !== 'porcentaje') return;
  if (Math.max(indicator.target, indicator.critical, indicator.satisfactory) > 100) return;
  const help =
    'Si este indicador puede pasar de 100 %, la coordinación debe darle en su hoja de vida una meta o un rango por encima de 100.';
  const { numerator, denominator, value } = measurement;
  if (numerator !== undefined && denominator !== undefined && denominator > 0 && numerator > denominator) {
    throw new DomainError(
      `En ${indicator.code} el numerador (${formatNumber(numerator)}) no puede ser mayor que el denominador ` +
        `(${formatNumber(denominator)}): el resultado sería ${formatNumber((numerator / denominator) * 100)} %.`,
      `El numerador es una parte del denominador (${indicator.numeratorText} de ${indicator.denominatorText}); revise las cifras.`,
      help,
    );
  }
  if (value !== undefined && value > 100) {
    throw new DomainError(
      `En ${indicator.code} el valor (${formatNumber(value)} %) no puede pasar de 100 %.`,
      help,
    );
  }
}

/** Result, semáforo and compliance of a measurement, without storing anything. */
export function evaluate(indicator: Indicator, measure: TypedMeasure): Evaluation {
  const measurement = measurementFor(indicator, measure);
  assertWithinWhole(indicator, measurement);
  // Binary floating point makes 57/100 × 100 come out as 56.99999999999999, which would fall
  // below a bound of exactly 57; nine decimals are far beyond what anyone measures.
  const result = Math.round(indicatorResult(measurement) * 1e9) / 1e9;
  return {
    measurement,
    result,
    status: semaforo(indicator, result),
    compliance: compliance(indicator.direction, result, indicator.target),
  };
}

/**
 * Throws a Spanish error unless the evidence is an http(s) link outside the machine and the private
 * network (or on a host of `allowedHosts`, MIPG_EVIDENCIA_HOSTS).
 */
export function assertEvidence(url: string, allowedHosts: readonly string[] = []): void {
  if (url.trim() === '') {
    throw new DomainError(
      'Falta el enlace de la evidencia.',
      'Por ejemplo: https://intranet.pasto.gov.co/indicadores/gth-01.xlsx',
    );
  }
  const problem = evidenceLinkProblem(url, allowedHosts);
  if (problem !== undefined) {
    throw new DomainError(
      problem,
      'La evidencia debe ser un enlace http(s) con el dominio completo, por ejemplo https://intranet.pasto.gov.co/indicadores/gth-01.xlsx',
    );
  }
}

/** A critical result must come with its analysis (causes and the improvement action). */
export function assertAnalysis(
  indicator: Indicator,
  period: string,
  status: Semaforo,
  analysis: string,
): void {
  if (status !== 'critico' || analysis.trim() !== '') return;
  throw new DomainError(
    `El resultado de ${indicator.code} en ${period} queda en 🔴 crítico: el análisis es obligatorio.`,
    'Explique en pocas palabras las causas y la acción de mejora (en una sola línea, al final de la orden).',
  );
}

export function currentReport(store: Store, indicatorId: number, period: string): ReportRow | undefined {
  return store
    .select()
    .from(indicatorReports)
    .where(
      and(
        eq(indicatorReports.indicatorId, indicatorId),
        eq(indicatorReports.period, period),
        eq(indicatorReports.current, true),
      ),
    )
    .get();
}

/** Every report of a period, oldest first: the current one and those it corrected. */
export function reportHistory(store: Store, indicatorId: number, period: string): ReportRow[] {
  return store
    .select()
    .from(indicatorReports)
    .where(and(eq(indicatorReports.indicatorId, indicatorId), eq(indicatorReports.period, period)))
    .orderBy(asc(indicatorReports.id))
    .all();
}

/** The current report of each period of an indicator, in period order. */
export function currentReportsOf(store: Store, indicatorId: number): ReportRow[] {
  return store
    .select()
    .from(indicatorReports)
    .where(and(eq(indicatorReports.indicatorId, indicatorId), eq(indicatorReports.current, true)))
    .orderBy(asc(indicatorReports.period))
    .all();
}

/** Every current report, keyed `<indicatorId>|<period>`. */
export function allCurrentReports(store: Store): Map<string, ReportRow> {
  const rows = store.select().from(indicatorReports).where(eq(indicatorReports.current, true)).all();
  return new Map(rows.map((r) => [reportKey(r.indicatorId, r.period), r]));
}

/**
 * When each period was first reported, before any correction, keyed like `allCurrentReports`;
 * only those of one indicator when `indicatorId` is given.
 */
export function firstReportDates(store: Store, indicatorId?: number): Map<string, string> {
  const rows = store
    .select({
      indicatorId: indicatorReports.indicatorId,
      period: indicatorReports.period,
      first: min(indicatorReports.reportedAt),
    })
    .from(indicatorReports)
    .where(indicatorId === undefined ? undefined : eq(indicatorReports.indicatorId, indicatorId))
    .groupBy(indicatorReports.indicatorId, indicatorReports.period)
    .all();
  return new Map(rows.flatMap((r) => (r.first ? [[reportKey(r.indicatorId, r.period), r.first]] : [])));
}

export function reportKey(indicatorId: number, period: string): string {
  return `${indicatorId}|${period}`;
}

function sameMeasurement(
  row: ReportRow,
  values: Omit<ReportRow, 'id' | 'reportedAt' | 'current' | 'replaces'>,
) {
  return (
    row.numerator === values.numerator &&
    row.denominator === values.denominator &&
    row.value === values.value &&
    row.analysis === values.analysis &&
    row.evidence === values.evidence
  );
}

/** What the audit log keeps of a report. */
function auditView(row: ReportRow) {
  const { id: _id, indicatorId: _indicatorId, current: _current, replaces: _replaces, ...fields } = row;
  return fields;
}

/**
 * Records a measurement. Every check runs before anything is written: the indicator exists, the
 * person may report it, the period belongs to its frequency and has ended, the numbers fit its
 * formula, the evidence is an http(s) link and a critical result comes with its analysis.
 * Reporting a period again is a correction: the new report becomes current, the old one stays.
 */
export function recordReport(
  db: Db,
  clock: Clock,
  actor: Person,
  input: ReportInput,
  allowedHosts: readonly string[] = [],
): ReportOutcome {
  const indicator = requireIndicator(db, input.code);
  assertCanReport(actor, indicator);
  const period = parsePeriod(indicator.frequency, input.period).code;
  assertPeriodEnded(period, bogotaToday(clock));
  const { measurement, result, status, compliance: fulfilment } = evaluate(indicator, input.measure);
  assertEvidence(input.evidence, allowedHosts);
  const analysis = boundedText(input.analysis, ANALYSIS_FIELD);
  assertAnalysis(indicator, period, status, analysis);
  const values = {
    indicatorId: indicator.id,
    period,
    numerator: measurement.numerator ?? null,
    denominator: measurement.denominator ?? null,
    value: measurement.value ?? null,
    result,
    target: indicator.target,
    compliance: fulfilment,
    status,
    analysis,
    evidence: input.evidence.trim(),
    reportedBy: actor.id,
  };
  return db.transaction((tx) => {
    const previous = currentReport(tx, indicator.id, period);
    if (previous && sameMeasurement(previous, values)) {
      return { indicator, report: previous, unchanged: true };
    }
    if (previous) {
      tx.update(indicatorReports).set({ current: false }).where(eq(indicatorReports.id, previous.id)).run();
    }
    const report = tx
      .insert(indicatorReports)
      .values({
        ...values,
        reportedAt: clock.now().toISOString(),
        current: true,
        replaces: previous?.id ?? null,
      })
      .returning()
      .get();
    audit(tx, clock, personAuthor(actor), {
      action: previous ? 'indicador.corregir' : 'indicador.reportar',
      entity: 'indicador',
      entityId: `${indicator.code} ${period}`,
      before: previous ? auditView(previous) : undefined,
      after: auditView(report),
    });
    return { indicator, report, previous, unchanged: false };
  });
}
