import { type Block, type Button, listBlock, type Reply, userText } from '../chat/reply.ts';
import type { Indicator } from '../domain/indicators/catalog.ts';
import type { Correction } from '../domain/indicators/corrections.ts';
import { beatsTargetAtZero, type Semaforo, semaforoIcons, semaforoText } from '../domain/indicators/math.ts';
import { formatNumber } from '../domain/indicators/numbers.ts';
import { frequencyLabels, periodLabel } from '../domain/indicators/periods.ts';
import type { ReportOutcome, ReportRow } from '../domain/indicators/reports.ts';
import type { PeriodStanding, ReportState } from '../domain/indicators/schedule.ts';
import { truncate } from '../domain/text.ts';
import { bogotaDateTime, shortDate } from './dates.ts';
import { lateNote } from './digest.ts';

/** A result or target in the indicator's unit: «90 %» or «12,5». */
export function amount(indicator: Pick<Indicator, 'unit'>, value: number): string {
  return indicator.unit === 'porcentaje' ? `${formatNumber(value)} %` : formatNumber(value);
}

/** «90 %»; «meta superada» for a decreciente result of 0 (no finite %), else «no aplica». */
export function complianceText(
  indicator: Pick<Indicator, 'direction'>,
  report: Pick<ReportRow, 'compliance' | 'result' | 'target'>,
): string {
  if (report.compliance !== null) return `${formatNumber(report.compliance)} %`;
  return beatsTargetAtZero(indicator.direction, report.result, report.target) ? 'meta superada' : 'no aplica';
}

/** «GTH-01 · Cumplimiento del plan de capacitación». */
export function indicatorTitle(indicator: Indicator, max = 80): string {
  return `${indicator.code} · ${truncate(indicator.name, max)}`;
}

/** The measurement as typed: «45/50» or «12». */
export function measureText(report: ReportRow): string {
  if (report.numerator !== null && report.denominator !== null) {
    return `${formatNumber(report.numerator)}/${formatNumber(report.denominator)}`;
  }
  return formatNumber(report.value ?? report.numerator ?? report.result);
}

/** «🟢 90 %» */
export function lightAndResult(indicator: Indicator, report: ReportRow): string {
  return `${semaforoIcons[report.status as Semaforo]} ${amount(indicator, report.result)}`;
}

/**
 * A period's earlier value: «2026-T2: 🟢 90 % (45/50) · reportado por Ana Pérez el 7 sep 2026 09:00 ·
 * reemplazado el 8 sep 2026 08:15 por Ana Pérez».
 */
export function correctionLine(indicator: Indicator, c: Correction, nameOf: (id: number) => string): string {
  const who = (id: number | null) => (id === null ? 'el sistema' : nameOf(id));
  const { report } = c;
  return (
    `${report.period}: ${lightAndResult(indicator, report)} (${measureText(report)}) · ` +
    `reportado por ${who(report.reportedBy)} el ${bogotaDateTime(report.reportedAt)} · ` +
    `reemplazado el ${bogotaDateTime(c.replacedAt)} por ${who(c.replacedBy)}`
  );
}

/** The typed equivalent of the form, for places without forms and for speed. */
export const ONE_LINE_USAGE =
  '/reportar indicador <código> <periodo> <num>/<den>|<valor> <enlace> [análisis]';

/** What a person sees once a report is stored: the light, the value, the target and the period. */
export function reportConfirmation(outcome: ReportOutcome, nameOf: (id: number) => string): Reply {
  const { indicator, report, previous } = outcome;
  const light = report.status as Semaforo;
  const period = `${report.period} (${periodLabel(report.period)})`;
  const headline = outcome.unchanged
    ? `El reporte de *${indicator.code}* para ${period} ya estaba registrado con estos mismos datos; no se cambió nada.`
    : `${semaforoIcons[light]} Reporte de *${indicator.code}* para ${period} registrado.`;
  const blocks: Block[] = [
    { kind: 'text', text: headline },
    {
      kind: 'fields',
      fields: [
        { label: 'Resultado', value: `${amount(indicator, report.result)} (${measureText(report)})` },
        { label: 'Meta', value: amount(indicator, report.target) },
        { label: 'Cumplimiento', value: complianceText(indicator, report) },
        { label: 'Semáforo', value: semaforoText(light) },
        { label: 'Periodo', value: period },
        { label: 'Evidencia', value: userText(report.evidence) },
      ],
    },
  ];
  if (report.analysis) blocks.push({ kind: 'text', text: `*Análisis:* ${userText(report.analysis)}` });
  if (previous && !outcome.unchanged) {
    const who = previous.reportedBy === null ? 'sistema' : nameOf(previous.reportedBy);
    blocks.push({
      kind: 'context',
      text: `Corrección: reemplaza el reporte de ${who} del ${bogotaDateTime(previous.reportedAt)} (${lightAndResult(indicator, previous)}); el anterior queda en el historial.`,
    });
  }
  return {
    title: indicatorTitle(indicator, 120),
    tone: outcome.unchanged ? 'info' : light === 'critico' ? 'warning' : 'success',
    blocks,
    visibility: 'private',
  };
}

const stateIcons: Record<ReportState, string> = { reportado: '✅', pendiente: '⏳', atrasado: '⏰' };

/** «⏰ GTH-01 · 2026-T3 · vence 14 oct 2026 (atrasado)». */
export function standingLine(s: PeriodStanding): string {
  const when = s.state === 'reportado' ? 'reportado' : `vence ${shortDate(s.dueDate)}`;
  const late = s.state === 'atrasado' ? ' (atrasado)' : '';
  return `${stateIcons[s.state]} *${s.indicator.code}* ${truncate(s.indicator.name, 60)} · ${s.period} · ${when}${late}`;
}

/** The button that opens the report form for one indicator and period. */
export function reportNowButton(indicator: Indicator, period: string): Button {
  return {
    label: 'Reportar ahora',
    actionId: 'indicador.reportar',
    value: `${indicator.code} ${period}`,
    style: 'primary',
    command: `/reportar indicador ${indicator.code} ${period} <num>/<den>|<valor> <enlace> [análisis]`,
  };
}

/** The kind under which indicator reminders are remembered, so a reply in their thread is a report. */
export const INDICATOR_REMINDER_KIND = 'indicador.recordatorio';

/** A reminder to a leader or delegate: what is due, when, and how to answer. */
export function reminderReply(s: PeriodStanding, mentionText: string, late?: { dueAt: Date }): Reply {
  const { indicator } = s;
  const overdue = s.state === 'atrasado';
  const how = indicator.denominatorText
    ? `${indicator.numeratorText} / ${indicator.denominatorText}`
    : indicator.numeratorText || indicator.name;
  const text = overdue
    ? `${mentionText} el reporte de *${indicator.code}* para ${periodLabel(s.period)} venció el ${shortDate(s.dueDate)} y aún no se ha recibido.`
    : `${mentionText} el reporte de *${indicator.code}* para ${periodLabel(s.period)} vence el ${shortDate(s.dueDate)}.`;
  const example = indicator.denominatorText ? '45/50' : '12';
  return {
    title: indicatorTitle(indicator, 120),
    tone: overdue ? 'warning' : 'info',
    blocks: [
      { kind: 'text', text },
      {
        kind: 'fields',
        fields: [
          { label: 'Medición', value: truncate(how, 300) },
          { label: 'Meta', value: amount(indicator, indicator.target) },
          { label: 'Frecuencia', value: frequencyLabels[indicator.frequency] },
          { label: 'Periodo', value: s.period },
        ],
      },
      { kind: 'actions', buttons: [reportNowButton(indicator, s.period)] },
      {
        kind: 'context',
        text: `También puede responder en este hilo con la medición y el enlace, por ejemplo: ${example} https://intranet.pasto.gov.co/evidencia.xlsx`,
      },
      ...(late ? [{ kind: 'context' as const, text: lateNote(late.dueAt) }] : []),
    ],
  };
}

/** Missing reports counted per process: «⏰ GTH · Gestión del Talento Humano: 2 atrasados · ⏳ 1 vence esta semana». */
export function pendingReportLines(late: PeriodStanding[], dueSoon: PeriodStanding[]): string[] {
  const tally = new Map<string, { late: number; soon: number }>();
  const add = (s: PeriodStanding, key: 'late' | 'soon') => {
    const name = `${s.indicator.processCode} · ${s.indicator.processName}`;
    const entry = tally.get(name) ?? { late: 0, soon: 0 };
    entry[key] += 1;
    tally.set(name, entry);
  };
  for (const s of late) add(s, 'late');
  for (const s of dueSoon) add(s, 'soon');
  return [...tally.entries()]
    .sort((a, b) => b[1].late - a[1].late || a[0].localeCompare(b[0]))
    .map(([name, n]) => {
      const parts = [];
      if (n.late > 0) parts.push(`⏰ ${n.late} ${n.late === 1 ? 'atrasado' : 'atrasados'}`);
      if (n.soon > 0) parts.push(`⏳ ${n.soon} ${n.soon === 1 ? 'vence' : 'vencen'} esta semana`);
      return `${name}: ${parts.join(' · ')}`;
    });
}

/** The digest's «reportes pendientes» section; nothing when every report is in. */
export function pendingReportsBlocks(late: PeriodStanding[], dueSoon: PeriodStanding[]): Block[] {
  if (late.length === 0 && dueSoon.length === 0) return [];
  return [
    listBlock(
      `Reportes pendientes de indicadores (${late.length} atrasados, ${dueSoon.length} vencen esta semana)`,
      pendingReportLines(late, dueSoon),
      10,
    ),
    {
      kind: 'context',
      text: 'Detalle por proceso: /estado indicadores · Cada líder ve los suyos en /pendientes.',
    },
  ];
}
