import type { Platform } from '../chat/context.ts';
import type { Pager } from '../chat/paging.ts';
import { type Block, type Button, type Field, listBlock } from '../chat/reply.ts';
import { isExampleRisk } from '../domain/risks/examples.ts';
import { riskHeatMapPng } from '../domain/risks/heatmap-png.ts';
import {
  impactLabels,
  impactLevels,
  probabilityLabels,
  probabilityLevels,
  type RiskZone,
  zone,
  zoneLabels,
} from '../domain/risks/levels.ts';
import type { MaterializedView } from '../domain/risks/materialized.ts';
import { type MatrixView, matrixStateLabels } from '../domain/risks/matrix.ts';
import { type HeatCounts, zoneCounts } from '../domain/risks/overview.ts';
import type { RiskView } from '../domain/risks/register-store.ts';
import { truncate } from '../domain/text.ts';
import { bogotaDateTime, shortDate } from './dates.ts';

export const zoneMarks: Record<RiskZone, string> = {
  extremo: '🔴',
  alto: '🟠',
  moderado: '🟡',
  bajo: '🟢',
};

const EXAMPLE_MARK = ' (ejemplo)';

/** A risk's description cut to `max`, keeping an example risk's «(ejemplo)» mark visible. */
export function riskDescription(r: Pick<RiskView, 'description'>, max: number): string {
  if (r.description.length <= max || !isExampleRisk(r)) return truncate(r.description, max);
  const text = r.description.replace(/\s*\(ejemplo\)\s*$/i, '');
  return `${truncate(text, max - EXAMPLE_MARK.length)}${EXAMPLE_MARK}`;
}

/** "🔴 *R-GTH-02* · GTH · Favorecer a un aspirante… · residual Extremo" */
export function riskLine(r: RiskView, withProcess = true): string {
  const process = withProcess ? ` · ${r.processCode}` : '';
  return `${zoneMarks[r.residualZone]} *${r.code}*${process} · ${riskDescription(r, 70)} · residual ${zoneLabels[r.residualZone]}`;
}

/** A process's risk with the change its controls made: "… · Extremo → Alto · reducir". */
export function riskChangeLine(r: RiskView): string {
  return (
    `${zoneMarks[r.residualZone]} *${r.code}* · ${riskDescription(r, 60)} · ` +
    `${zoneLabels[r.inherentZone]} → ${zoneLabels[r.residualZone]} · ${r.treatment}`
  );
}

export function materializedLine(m: MaterializedView): string {
  const link = m.url ? ` · ${m.url}` : '';
  return `*${m.riskCode}* · ${m.processCode} · ${bogotaDateTime(m.reportedAt)} · ${truncate(m.description, 80)}${link}`;
}

/** "GTH · Gestión del Talento Humano" (plus the state when it is not plain pending). */
export function matrixLine(m: MatrixView): string {
  const state = m.state === 'pendiente' ? '' : ` (${matrixStateLabels[m.state].toLowerCase()})`;
  return `${m.process.code} · ${m.process.name}${state}`;
}

/** The state of one process's matrix as fields: state, who reported and when, observations. */
export function matrixFields(m: MatrixView): Field[] {
  const fields: Field[] = [{ label: 'Matriz de riesgos', value: matrixStateLabels[m.state] }];
  const row = m.row;
  if (row?.reportedAt) {
    fields.push({
      label: 'Reportada',
      value: `${bogotaDateTime(row.reportedAt)} · ${row.evidenceUrl ?? ''}`,
    });
  }
  if (row?.reviewedAt) {
    const label = m.state === 'devuelta' ? 'Devuelta' : 'Revisada';
    fields.push({ label, value: bogotaDateTime(row.reviewedAt) });
  }
  if (m.state === 'devuelta' && row?.observations)
    fields.push({ label: 'Observaciones', value: row.observations });
  return fields;
}

export function zoneTable(risks: readonly RiskView[]): Block {
  return {
    kind: 'table',
    title: 'Riesgos por zona',
    columns: ['Zona', 'Inherente', 'Residual'],
    rows: zoneCounts(risks).map((z) => [
      `${zoneMarks[z.zone]} ${zoneLabels[z.zone]}`,
      String(z.inherent),
      String(z.residual),
    ]),
  };
}

const zoneLetters: Record<RiskZone, string> = { bajo: 'B', moderado: 'M', alto: 'A', extremo: 'E' };

/** The 5×5 grid as text for the terminal: each cell says its zone and "inherentes → residuales". */
export function heatTable(counts: HeatCounts): Block {
  const rows = [...probabilityLevels].reverse().map((p) => [
    probabilityLabels[p],
    ...impactLevels.map((i) => {
      const inherent = counts.inherent[p][i];
      const residual = counts.residual[p][i];
      const numbers = inherent === 0 && residual === 0 ? '·' : `${inherent} → ${residual}`;
      return `${zoneLetters[zone(p, i)]} ${numbers}`;
    }),
  ]);
  return {
    kind: 'table',
    title: 'Mapa de calor (riesgos inherentes → residuales)',
    columns: ['Probabilidad \\ Impacto', ...impactLevels.map((i) => impactLabels[i])],
    rows,
  };
}

/** The heat map where the platform shows images, the grid as text in the terminal. */
export function heatBlocks(counts: HeatCounts, platform: Platform, title: string): Block[] {
  if (platform === 'console') {
    return [
      heatTable(counts),
      {
        kind: 'context',
        text: 'Zonas: B bajo · M moderado · A alto · E extremo. Cada celda: inherentes → residuales.',
      },
    ];
  }
  return [
    {
      kind: 'image',
      title,
      alt: 'Mapa de calor de riesgos 5×5: probabilidad contra impacto, con el número de riesgos inherentes y residuales por celda.',
      png: riskHeatMapPng(counts),
    },
  ];
}

/** The risks that happened this year; pages with the reply it is part of. */
export function materializedBlock(items: readonly MaterializedView[], year: number, pager: Pager): Block {
  return pager.list(
    `Riesgos materializados en ${year}`,
    items.map(materializedLine),
    10,
    'No se han reportado riesgos materializados.',
  );
}

/** Buttons on a matrix: the reporter updates it, the reviewer verifies or returns it. */
export function matrixButtons(m: MatrixView, canReport: boolean, canReview: boolean): Button[] {
  const code = m.process.code;
  const buttons: Button[] = [];
  if (canReport && m.state !== 'verificada') {
    buttons.push({
      label: 'Reportar matriz actualizada',
      actionId: 'riesgos.reportar',
      value: code,
      style: 'primary',
      command: `/reportar riesgos ${code} <enlace> [nota]`,
    });
  }
  if (canReview && m.state === 'actualizada') {
    buttons.push({
      label: 'Verificar',
      actionId: 'riesgos.verificar',
      value: code,
      style: 'primary',
      command: `/verificar riesgos ${code}`,
    });
  }
  if (canReview && (m.state === 'actualizada' || m.state === 'verificada')) {
    buttons.push({
      label: 'Devolver con observaciones',
      actionId: 'riesgos.devolver',
      value: code,
      style: 'danger',
      command: `/verificar riesgos ${code} devolver <observaciones>`,
    });
  }
  return buttons;
}

/** "30 nov 2026" for the deadline of task 4.3 when the plan has it. */
export function deadlineText(endDate: string | undefined): string {
  return endDate ? `a más tardar el ${shortDate(endDate)} (tarea 4.3)` : 'según la tarea 4.3 del plan';
}

/** The digest's "matrices pendientes": who still owes their matrix, and what waits for verification. */
export function matricesDigestBlocks(
  pending: readonly MatrixView[],
  toVerify: readonly MatrixView[],
  total: number,
  deadline: string,
): Block[] {
  const blocks: Block[] = [];
  if (pending.length > 0) {
    blocks.push(
      listBlock(
        `Matrices de riesgos pendientes (${pending.length} de ${total}) · plazo ${shortDate(deadline)} (tarea 4.3)`,
        pending.map(matrixLine),
        10,
      ),
    );
  }
  if (toVerify.length > 0) {
    blocks.push(listBlock('Matrices de riesgos por verificar', toVerify.map(matrixLine), 10));
  }
  return blocks;
}
