import { asc } from 'drizzle-orm';
import type { Store } from '../../../db/client.ts';
import { people } from '../../../db/schema/index.ts';
import { bogotaWallClock } from '../attendance/time.ts';
import { DomainError } from '../errors.ts';
import { rowsOf, type Sheet, type SheetColumn, type SheetValue } from '../tabular.ts';
import { allIndicators, type Indicator } from './catalog.ts';
import { type Correction, correctionsOf } from './corrections.ts';
import { parsePeriodCode } from './periods.ts';
import { allCurrentReports, firstReportDates, reportKey } from './reports.ts';
import { expectedPeriods, type PeriodStanding, standing } from './schedule.ts';
import { type CatalogColumn, catalogColumns, catalogSheetRow } from './sheet.ts';

/**
 * The consolidated matrix: one row per indicator and period (every expected period and every
 * reported one), with the sheet's fields and the current report. JSON keys are English camelCase.
 */
export interface MatrixRow {
  indicator: string;
  process: string;
  processName: string;
  name: string;
  type: string;
  unit: string;
  direction: string;
  frequency: string;
  period: string | null;
  dueDate: string | null;
  state: 'reportado' | 'pendiente' | 'atrasado' | null;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  result: number | null;
  target: number;
  compliance: number | null;
  status: 'satisfactorio' | 'aceptable' | 'critico' | null;
  analysis: string | null;
  evidence: string | null;
  reportedBy: string | null;
  reportedAt: string | null;
  /** The values the period had before its corrections, oldest first (see `replaces`). */
  corrections: MatrixCorrection[];
}

/** An earlier, corrected value of a period: what was reported, by whom and when, and when it was replaced. */
export interface MatrixCorrection {
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  result: number | null;
  target: number;
  compliance: number | null;
  status: string;
  analysis: string;
  evidence: string;
  reportedBy: string | null;
  reportedAt: string;
  replacedBy: string | null;
  replacedAt: string;
}

const round2 = (n: number | null): number | null => (n === null ? null : Math.round(n * 100) / 100);

function correctionRow(c: Correction, emails: Map<number, string>): MatrixCorrection {
  const r = c.report;
  const email = (id: number | null) => (id === null ? null : (emails.get(id) ?? null));
  return {
    numerator: r.numerator,
    denominator: r.denominator,
    value: r.value,
    result: round2(r.result),
    target: r.target,
    compliance: round2(r.compliance),
    status: r.status,
    analysis: r.analysis,
    evidence: r.evidence,
    reportedBy: email(r.reportedBy),
    reportedAt: r.reportedAt,
    replacedBy: email(c.replacedBy),
    replacedAt: c.replacedAt,
  };
}

function matrixRow(
  indicator: Indicator,
  s: PeriodStanding | undefined,
  emails: Map<number, string>,
  corrections: Correction[] = [],
): MatrixRow {
  const r = s?.report;
  return {
    indicator: indicator.code,
    process: indicator.processCode,
    processName: indicator.processName,
    name: indicator.name,
    type: indicator.type,
    unit: indicator.unit,
    direction: indicator.direction,
    frequency: indicator.frequency,
    period: s?.period ?? null,
    dueDate: s?.dueDate ?? null,
    state: s?.state ?? null,
    numerator: r?.numerator ?? null,
    denominator: r?.denominator ?? null,
    value: r?.value ?? null,
    result: round2(r?.result ?? null),
    target: r?.target ?? indicator.target,
    compliance: round2(r?.compliance ?? null),
    status: r?.status ?? null,
    analysis: r ? r.analysis : null,
    evidence: r?.evidence ?? null,
    reportedBy: r?.reportedBy == null ? null : (emails.get(r.reportedBy) ?? null),
    reportedAt: r?.reportedAt ?? null,
    corrections: corrections.map((c) => correctionRow(c, emails)),
  };
}

function requirePeriodCode(period: string): string {
  const parsed = parsePeriodCode(period);
  if (parsed) return parsed.code;
  throw new DomainError(
    `--periodo «${period}» no es un periodo válido.`,
    'Ejemplos: 2026-09 (mes), 2026-B5 (bimestre), 2026-T3 (trimestre), 2026-S2 (semestre), 2026 (año).',
  );
}

/**
 * The rows of the matrix on `today`, made indicator after indicator as they are iterated (what they are
 * made from is read first: a bad `period` is refused before any row). With `period`, only that period's
 * rows; without it, an indicator with no period yet still gets one row (its sheet), so the export holds
 * the whole catalog.
 */
export function indicatorMatrix(store: Store, today: string, period?: string): Iterable<MatrixRow> {
  const only = period === undefined ? undefined : requirePeriodCode(period);
  const reports = allCurrentReports(store);
  const firsts = firstReportDates(store);
  const corrected = correctionsOf(store);
  const emails = new Map(
    store
      .select({ id: people.id, email: people.email })
      .from(people)
      .orderBy(asc(people.id))
      .all()
      .map((p) => [p.id, p.email]),
  );
  const reportedPeriods = new Map<number, string[]>();
  for (const r of reports.values())
    reportedPeriods.set(r.indicatorId, [...(reportedPeriods.get(r.indicatorId) ?? []), r.period]);
  const indicatorRows = (indicator: Indicator): MatrixRow[] => {
    const periods = [
      ...new Set([...expectedPeriods(indicator, today), ...(reportedPeriods.get(indicator.id) ?? [])]),
    ]
      .filter((p) => only === undefined || p === only)
      .sort();
    if (periods.length === 0) return only === undefined ? [matrixRow(indicator, undefined, emails)] : [];
    return periods.map((p) => {
      const key = reportKey(indicator.id, p);
      const s = standing(indicator, p, today, reports.get(key), firsts.get(key));
      return matrixRow(indicator, s, emails, corrected.get(key));
    });
  };
  const indicators = allIndicators(store);
  return (function* () {
    for (const indicator of indicators) yield* indicatorRows(indicator);
  })();
}

/** Report columns written after the sheet's own (which keep the importer's names). */
const reportColumns: { key: keyof MatrixRow; header: string }[] = [
  { key: 'period', header: 'periodo' },
  { key: 'dueDate', header: 'fecha_limite' },
  { key: 'state', header: 'estado' },
  { key: 'numerator', header: 'valor_numerador' },
  { key: 'denominator', header: 'valor_denominador' },
  { key: 'value', header: 'valor' },
  { key: 'result', header: 'resultado' },
  { key: 'target', header: 'meta_del_reporte' },
  { key: 'compliance', header: 'cumplimiento' },
  { key: 'status', header: 'semaforo' },
  { key: 'analysis', header: 'analisis' },
  { key: 'evidence', header: 'evidencia' },
  { key: 'reportedBy', header: 'reportado_por' },
  { key: 'reportedAt', header: 'fecha_reporte' },
];

/** «2026-10-14 09:00 lider@…: 40/50 → 80 (aceptable), reemplazado el 2026-10-20 11:00», one per earlier value. */
function correctionsText(corrections: MatrixCorrection[]): string | null {
  if (corrections.length === 0) return null;
  return corrections
    .map((c) => {
      const measure =
        c.numerator !== null && c.denominator !== null
          ? `${c.numerator}/${c.denominator}`
          : String(c.value ?? c.result);
      const who = c.reportedBy ?? 'sistema';
      return `${bogotaWallClock(c.reportedAt)} ${who}: ${measure} → ${c.result} (${c.status}), reemplazado el ${bogotaWallClock(c.replacedAt)}`;
    })
    .join(' | ');
}

/**
 * The matrix as a sheet: the importer's columns first, so `importar indicadores` reads it back; the
 * corrections last (how many, and the earlier values in Bogotá time).
 */
export function matrixSheet(store: Store, rows: Iterable<MatrixRow>): Sheet {
  const sheets = new Map(allIndicators(store).map((i) => [i.code, catalogSheetRow(i)]));
  const columns: SheetColumn[] = [
    ...catalogColumns.map((c) => ({ key: c, header: c })),
    ...reportColumns.map((c) => ({ key: c.header, header: c.header })),
    { key: 'correcciones', header: 'correcciones' },
    { key: 'valores_anteriores', header: 'valores_anteriores', width: 60 },
  ];
  return {
    name: 'Indicadores',
    columns,
    rows: rowsOf(rows, (row) => {
      const sheet = sheets.get(row.indicator) as Record<CatalogColumn, SheetValue>;
      const report = Object.fromEntries(reportColumns.map((c) => [c.header, row[c.key] as SheetValue]));
      const history = {
        correcciones: row.corrections.length,
        valores_anteriores: correctionsText(row.corrections),
      };
      return { ...sheet, ...report, ...history };
    }),
  };
}
