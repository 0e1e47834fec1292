import type { Ctx } from '../../src/chat/context.ts';
import type { FormDef, FormResult, FormValues } from '../../src/chat/registry.ts';
import type { Form, FormField, FormOption } from '../../src/chat/reply.ts';
import { addCalendarDays, bogotaToday } from '../../src/domain/clock.ts';
import { activePeople } from '../../src/domain/directory/people.ts';
import { DomainError } from '../../src/domain/errors.ts';
import {
  assertCanReport,
  hasDenominator,
  type Indicator,
  requireIndicator,
} from '../../src/domain/indicators/catalog.ts';
import { unitLabels } from '../../src/domain/indicators/math.ts';
import { parseAmount, type TypedMeasure } from '../../src/domain/indicators/numbers.ts';
import {
  assertPeriodEnded,
  type Frequency,
  isFuturePeriod,
  parsePeriod,
  periodBounds,
  periodDueNow,
  periodLabel,
  periodsOfYear,
} from '../../src/domain/indicators/periods.ts';
import {
  ANALYSIS_FIELD,
  assertAnalysis,
  assertEvidence,
  evaluate,
  recordReport,
} from '../../src/domain/indicators/reports.ts';
import { boundedText, truncate } from '../../src/domain/text.ts';
import { ONE_LINE_USAGE, reportConfirmation } from '../../src/views/indicators.ts';

export const REPORT_FORM_ID = 'indicador.reportar';
/** Slack's static selects hold at most 100 options. */
const MAX_OPTIONS = 100;

/** Periods of the frequencies that ended within the last year, newest first. */
function periodOptions(frequencies: Frequency[], today: string, keep?: string): FormOption[] {
  const year = Number(today.slice(0, 4));
  const yearAgo = addCalendarDays(today, -366);
  const codes = [...new Set(frequencies)]
    .flatMap((f) => [...periodsOfYear(f, year - 1), ...periodsOfYear(f, year)])
    .filter((p) => !isFuturePeriod(p.code, today) && periodBounds(p.code).end >= yearAgo)
    .map((p) => p.code);
  if (keep && !codes.includes(keep)) codes.push(keep);
  codes.sort((a, b) => periodBounds(b).end.localeCompare(periodBounds(a).end) || a.localeCompare(b));
  return codes
    .slice(0, MAX_OPTIONS)
    .map((code) => ({ label: `${code} · ${periodLabel(code)}`, value: code }));
}

function measureFields(indicator: Indicator | undefined): FormField[] {
  if (!indicator) {
    return [
      {
        id: 'numerador',
        label: 'Numerador (o el valor, si el indicador no tiene denominador)',
        kind: 'number',
        required: true,
      },
      { id: 'denominador', label: 'Denominador (vacío si el indicador no tiene)', kind: 'number' },
    ];
  }
  if (!hasDenominator(indicator)) {
    const what = indicator.numeratorText || indicator.name;
    return [
      {
        id: 'numerador',
        label: `Valor (${unitLabels[indicator.unit].toLowerCase()})`,
        kind: 'number',
        required: true,
        hint: truncate(what, 150),
      },
    ];
  }
  return [
    {
      id: 'numerador',
      label: 'Numerador',
      kind: 'number',
      required: true,
      hint: truncate(indicator.numeratorText, 150),
    },
    {
      id: 'denominador',
      label: 'Denominador',
      kind: 'number',
      required: true,
      hint: truncate(indicator.denominatorText, 150),
    },
  ];
}

const commonFields: FormField[] = [
  {
    id: 'enlace',
    label: 'Enlace de la evidencia',
    kind: 'url',
    required: true,
    placeholder: 'https://intranet.pasto.gov.co/…',
  },
  {
    id: 'analisis',
    label: 'Análisis',
    kind: 'textarea',
    hint: 'Obligatorio si el resultado queda en crítico: causas y acción de mejora.',
  },
];

/**
 * Where to pick the indicator. A select holds at most MAX_OPTIONS (Slack's limit), so a longer list
 * (the coordinator's whole catalog) becomes a typed code instead of silently losing indicators.
 */
function indicatorField(choices: Indicator[]): FormField {
  if (choices.length > MAX_OPTIONS) {
    return {
      id: 'indicador',
      label: 'Código del indicador',
      kind: 'text',
      required: true,
      placeholder: choices[0]?.code ?? 'GTH-01',
      hint: `Hay ${choices.length} indicadores, demasiados para una lista: escriba el código. Los códigos de cada proceso están en /estado indicadores.`,
    };
  }
  return {
    id: 'indicador',
    label: 'Indicador',
    kind: 'select',
    required: true,
    options: choices.map((i) => ({ label: truncate(`${i.code} · ${i.name}`, 75), value: i.code })),
  };
}

/** Names of the people who reported, for a correction's note («reemplaza el reporte de …»). */
export function reporterNames(ctx: Pick<Ctx, 'db'>): (id: number) => string {
  const names = new Map(activePeople(ctx.db).map((p) => [p.id, p.name]));
  return (id) => names.get(id) ?? `persona ${id}`;
}

/**
 * The report form. With one indicator fixed (a reminder's button, `/reportar indicador <código>`)
 * its periods and the names of its numerator and denominator are shown; otherwise the person picks
 * among `choices` and the periods of all their frequencies are offered.
 */
export function reportForm(today: string, choices: Indicator[], fixed?: Indicator, period?: string): Form {
  const shown = fixed ? [fixed] : choices;
  const frequencies = shown.map((i) => i.frequency);
  const sameFrequency = new Set(frequencies).size === 1 ? frequencies[0] : undefined;
  const initial = period ?? (sameFrequency ? periodDueNow(sameFrequency, today, 0).period.code : undefined);
  const fields: FormField[] = [];
  if (!fixed) fields.push(indicatorField(choices));
  const periodField: FormField = {
    id: 'periodo',
    label: 'Periodo',
    kind: 'select',
    required: true,
    options: periodOptions(frequencies, today, period),
  };
  if (initial) periodField.initial = initial;
  fields.push(periodField, ...measureFields(fixed), ...commonFields);
  return {
    id: REPORT_FORM_ID,
    title: fixed ? truncate(`Reportar ${fixed.code}`, 24) : 'Reportar indicador',
    submitLabel: 'Reportar',
    fields,
    metadata: fixed?.code ?? '',
    command: fixed ? ONE_LINE_USAGE.replace('<código>', fixed.code) : ONE_LINE_USAGE,
  };
}

/** Runs a check; a Spanish rule error is kept as the message of `field` instead of thrown. */
function checker(errors: Record<string, string>) {
  return <T>(field: string, check: () => T): T | undefined => {
    try {
      return check();
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      errors[field] ??= error.message;
      return undefined;
    }
  };
}

/** The typed numbers, each error on its own field. */
function typedMeasure(
  indicator: Indicator,
  values: FormValues,
  check: ReturnType<typeof checker>,
): TypedMeasure | undefined {
  const numerator = values.numerador ?? '';
  const denominator = (values.denominador ?? '').trim();
  if (!hasDenominator(indicator)) {
    if (denominator !== '') {
      check('denominador', () => {
        throw new DomainError(`El indicador ${indicator.code} no tiene denominador: deje vacío ese campo.`);
      });
      return undefined;
    }
    const value = check('numerador', () => parseAmount(numerator, 'valor'));
    return value === undefined ? undefined : { value };
  }
  const num = check('numerador', () => parseAmount(numerator, 'numerador'));
  const den = check('denominador', () => parseAmount(denominator, 'denominador'));
  return num === undefined || den === undefined ? undefined : { numerator: num, denominator: den };
}

/** Checks every field and names the wrong ones; stores the report only when all are right. */
function submitReport(values: FormValues, metadata: string | undefined, ctx: Ctx): FormResult {
  const errors: Record<string, string> = {};
  const check = checker(errors);
  const fixed = (metadata ?? '').trim();
  const code = fixed || (values.indicador ?? '').trim();
  const today = bogotaToday(ctx.clock);
  const indicator = check(fixed ? '_' : 'indicador', () => {
    if (code === '') throw new DomainError('Elija el indicador.');
    const found = requireIndicator(ctx.db, code);
    assertCanReport(ctx.actor, found);
    return found;
  });
  const url = (values.enlace ?? '').trim();
  const hosts = ctx.config.MIPG_EVIDENCIA_HOSTS;
  check('enlace', () => assertEvidence(url, hosts));
  if (!indicator) return { ok: false, errors };
  const period = check('periodo', () => {
    const p = parsePeriod(indicator.frequency, values.periodo ?? '').code;
    assertPeriodEnded(p, today);
    return p;
  });
  const measure = typedMeasure(indicator, values, check);
  const numberField = hasDenominator(indicator) ? 'denominador' : 'numerador';
  const evaluation = measure && check(numberField, () => evaluate(indicator, measure));
  const analysis = check('analisis', () => boundedText(values.analisis ?? '', ANALYSIS_FIELD)) ?? '';
  if (evaluation && period)
    check('analisis', () => assertAnalysis(indicator, period, evaluation.status, analysis));
  if (Object.keys(errors).length > 0 || !measure || !period) return { ok: false, errors };
  const outcome = recordReport(
    ctx.db,
    ctx.clock,
    ctx.actor,
    { code, period, measure, analysis, evidence: url },
    hosts,
  );
  return { ok: true, reply: reportConfirmation(outcome, reporterNames(ctx)) };
}

export const reportFormDef: FormDef = { id: REPORT_FORM_ID, submit: submitReport };
