import type { Ctx } from '../../src/chat/context.ts';
import { Pager, pagedCommand } from '../../src/chat/paging.ts';
import type { Block, Reply } from '../../src/chat/reply.ts';
import { bogotaToday } from '../../src/domain/clock.ts';
import { personNames } from '../../src/domain/directory/people.ts';
import { type Indicator, requireIndicator } from '../../src/domain/indicators/catalog.ts';
import { trendPng } from '../../src/domain/indicators/chart.ts';
import { correctionsOf } from '../../src/domain/indicators/corrections.ts';
import {
  directionLabels,
  type Semaforo,
  semaforoText,
  unitLabels,
} from '../../src/domain/indicators/math.ts';
import { formatNumber } from '../../src/domain/indicators/numbers.ts';
import { catalogStandings, indicatorTrend, tallyByProcess } from '../../src/domain/indicators/overview.ts';
import { frequencyLabels, parsePeriodCode, periodLabel } from '../../src/domain/indicators/periods.ts';
import { isReported, outstandingReports, type PeriodStanding } from '../../src/domain/indicators/schedule.ts';
import { truncate } from '../../src/domain/text.ts';
import { longDate, shortDate } from '../../src/views/dates.ts';
import {
  amount,
  complianceText,
  correctionLine,
  indicatorTitle,
  lightAndResult,
  standingLine,
} from '../../src/views/indicators.ts';
import { splitPage } from '../args.ts';
import type { StatusTopic } from './topic.ts';

const usage = '/estado indicadores [periodo|código] [pagina <n>]';

const count = (list: PeriodStanding[], light: Semaforo) =>
  list.filter((s) => s.report?.status === light).length;

function overview(ctx: Ctx, pager: Pager, period?: string): Reply {
  const today = bogotaToday(ctx.clock);
  const standings = catalogStandings(ctx.db, today, period);
  const scope = period
    ? `Periodo ${period} (${periodLabel(period)}): indicadores ${frequencyLabels[parsePeriodCode(period)?.frequency ?? 'anual'].toLowerCase()}es.`
    : 'Para cada indicador, el último periodo terminado; los atrasados incluyen todo periodo vencido sin reporte.';
  const reported = standings.filter(isReported);
  const critical = reported.filter((s) => s.report.status === 'critico');
  // Without a period, every overdue period counts (the same list as the digest and /pendientes),
  // not only each indicator's latest one.
  const late = period
    ? standings.filter((s) => s.state === 'atrasado')
    : outstandingReports(ctx.db, today).filter((s) => s.state === 'atrasado');
  const rows = tallyByProcess(standings, period ? undefined : late).map((t) => [
    `${t.processCode} · ${truncate(t.processName, 36)}`,
    String(t.indicators),
    String(t.reported),
    String(t.pending),
    String(t.late),
    String(t.satisfactorio),
    String(t.aceptable),
    String(t.critico),
  ]);
  const blocks: Block[] = [
    { kind: 'context', text: `${scope} Corte: ${longDate(today)} (hora de Bogotá).` },
    {
      kind: 'fields',
      fields: [
        { label: 'Reportados', value: `${reported.length} de ${standings.length}` },
        {
          label: 'Pendientes (en plazo)',
          value: String(standings.filter((s) => s.state === 'pendiente').length),
        },
        { label: 'Atrasados', value: String(late.length) },
        {
          label: 'Semáforo',
          value: `🟢 ${count(reported, 'satisfactorio')} · 🟡 ${count(reported, 'aceptable')} · 🔴 ${critical.length}`,
        },
      ],
    },
  ];
  if (rows.length > 0) {
    blocks.push({
      kind: 'table',
      title: 'Por proceso',
      columns: ['Proceso', 'Indicadores', 'Reportados', 'Pendientes', 'Atrasados', '🟢', '🟡', '🔴'],
      rows,
    });
  }
  blocks.push(
    pager.list(
      'Indicadores en crítico',
      critical.map(
        (s) =>
          `${lightAndResult(s.indicator, s.report)} *${s.indicator.code}* ${truncate(s.indicator.name, 60)} · ${s.period} · meta ${amount(s.indicator, s.report.target)}`,
      ),
      15,
      'Ningún indicador reportado está en crítico.',
    ),
    pager.list('Reportes atrasados', late.map(standingLine), 15, 'No hay reportes atrasados. 🎉'),
    {
      kind: 'context',
      text: 'Tendencia de un indicador: /estado indicadores <código> · Otro periodo: /estado indicadores 2026-T3',
    },
  );
  return pager.reply({ title: 'Estado de los indicadores', blocks, visibility: 'private' });
}

function rangesText(indicator: Indicator): string {
  const v = (n: number) => amount(indicator, n);
  return indicator.direction === 'creciente'
    ? `🔴 menos de ${v(indicator.critical)} · 🟡 entre ${v(indicator.critical)} y ${v(indicator.satisfactory)} · 🟢 desde ${v(indicator.satisfactory)}`
    : `🔴 más de ${v(indicator.critical)} · 🟡 entre ${v(indicator.satisfactory)} y ${v(indicator.critical)} · 🟢 hasta ${v(indicator.satisfactory)}`;
}

/** «mejora 12,5 puntos frente a 2026-T2», judged by the indicator's direction. */
function lastChange(indicator: Indicator, trend: PeriodStanding[]): string | undefined {
  const reported = trend.filter((s) => s.report);
  const [before, last] = reported.slice(-2);
  if (!before?.report || !last?.report) return undefined;
  const delta = last.report.result - before.report.result;
  if (delta === 0) return `Sin cambio frente a ${before.period}.`;
  const better = indicator.direction === 'creciente' ? delta > 0 : delta < 0;
  const points = indicator.unit === 'porcentaje' ? ' puntos' : '';
  return `${better ? '↗ Mejora' : '↘ Empeora'} ${formatNumber(Math.abs(delta))}${points} frente a ${before.period}.`;
}

function trendRow(s: PeriodStanding): string[] {
  if (!s.report) {
    const state = s.state === 'atrasado' ? '⏰ atrasado' : '⏳ pendiente';
    return [s.period, '—', '—', '—', `${state} · vence ${shortDate(s.dueDate)}`];
  }
  return [
    s.period,
    amount(s.indicator, s.report.result),
    complianceText(s.indicator, s.report),
    semaforoText(s.report.status as Semaforo),
    s.reportedLate ? 'reportado fuera de plazo' : 'reportado a tiempo',
  ];
}

/** The values each period had before a correction, oldest period first (none when nothing was corrected). */
function correctionBlocks(ctx: Ctx, pager: Pager, indicator: Indicator): Block[] {
  const corrections = [...correctionsOf(ctx.db, indicator.id).values()].flat();
  if (corrections.length === 0) return [];
  corrections.sort((a, b) => a.report.period.localeCompare(b.report.period) || a.report.id - b.report.id);
  const names = personNames(ctx.db);
  const nameOf = (id: number) => names.get(id) ?? `persona ${id}`;
  return [
    pager.list(
      'Correcciones: valores anteriores de cada periodo',
      corrections.map((c) => correctionLine(indicator, c, nameOf)),
      15,
    ),
  ];
}

function trend(ctx: Ctx, pager: Pager, code: string): Reply {
  const today = bogotaToday(ctx.clock);
  const indicator = requireIndicator(ctx.db, code);
  const periods = indicatorTrend(ctx.db, indicator, today);
  const reported = periods.filter(isReported);
  const blocks: Block[] = [
    {
      kind: 'fields',
      fields: [
        { label: 'Proceso', value: `${indicator.processCode} · ${indicator.processName}` },
        { label: 'Frecuencia', value: frequencyLabels[indicator.frequency] },
        { label: 'Meta', value: amount(indicator, indicator.target) },
        { label: 'Sentido', value: directionLabels[indicator.direction] },
        { label: 'Unidad', value: unitLabels[indicator.unit] },
        { label: 'Rangos', value: rangesText(indicator) },
      ],
    },
  ];
  if (indicator.formula) blocks.push({ kind: 'context', text: `Fórmula: ${indicator.formula}` });
  blocks.push(
    periods.length > 0
      ? {
          kind: 'table',
          title: 'Periodos',
          columns: ['Periodo', 'Resultado', 'Cumplimiento', 'Semáforo', 'Estado'],
          rows: periods.map(trendRow),
        }
      : pager.list('Periodos', [], 1, 'Todavía no hay periodos terminados para este indicador.'),
  );
  const change = lastChange(indicator, periods);
  if (change) blocks.push({ kind: 'text', text: change });
  blocks.push(...correctionBlocks(ctx, pager, indicator));
  // Later pages keep only the lists that continue: the chart is drawn for the first one alone.
  if (reported.length > 0 && ctx.platform !== 'console' && pager.page === 1) {
    blocks.push({
      kind: 'image',
      title: `Tendencia de ${indicator.code}`,
      alt: `Resultados de ${indicator.code}: ${reported.map((s) => `${s.period} ${amount(indicator, s.report.result)}`).join(', ')}; meta ${amount(indicator, indicator.target)}.`,
      png: trendPng({
        title: truncate(indicatorTitle(indicator), 60),
        percent: indicator.unit === 'porcentaje',
        direction: indicator.direction,
        critical: indicator.critical,
        satisfactory: indicator.satisfactory,
        target: indicator.target,
        points: reported.map((s) => ({
          period: s.period,
          result: s.report.result,
          status: s.report.status as Semaforo,
        })),
      }),
    });
  }
  return pager.reply({ title: indicatorTitle(indicator, 120), blocks, visibility: 'private' });
}

/** /estado indicadores [periodo|código]. */
export const indicatorsStatus: StatusTopic = {
  name: 'indicadores',
  summary:
    'Reportes de indicadores por proceso (recibidos, pendientes, atrasados, semáforo) o la tendencia de uno.',
  usage,
  run(args, ctx) {
    const { rest, page } = splitPage(args, usage, '/estado indicadores 2026-T3 pagina 2');
    const word = rest.split(/\s+/)[0] ?? '';
    const pager = new Pager(page, pagedCommand(`/estado indicadores${word ? ` ${word}` : ''}`));
    if (word === '') return overview(ctx, pager);
    const period = parsePeriodCode(word);
    return period ? overview(ctx, pager, period.code) : trend(ctx, pager, word);
  },
};
