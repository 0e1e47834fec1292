import type { Block, Reply } from '../chat/reply.ts';
import { impactLabels, probabilityLabels, roundPercent, zoneLabels } from '../domain/risks/levels.ts';
import {
  applyControls,
  controlImplementationLabels,
  controlTypeLabels,
  riskTypeLabels,
} from '../domain/risks/method.ts';
import type { RiskView } from '../domain/risks/register-store.ts';
import { zoneMarks } from './risks.ts';

const pct = (value: number) => `${roundPercent(value).toLocaleString('es-CO')} %`;

/** The controls in the order they apply, each with the dimension it reduced and by how much. */
function controlsTable(risk: RiskView): Block {
  const { trail } = applyControls(risk.inherentProbabilityPercent, risk.inherentImpactPercent, risk.controls);
  return {
    kind: 'table',
    title: 'Controles (se aplican en orden sobre lo que queda)',
    columns: ['#', 'Control', 'Peso', 'Reduce', 'Antes', 'Después'],
    rows: trail.map((step) => [
      String(step.order),
      `${controlTypeLabels[step.control.type]} ${controlImplementationLabels[step.control.implementation].toLowerCase()}` +
        `${risk.controls[step.order - 1]?.description ? ` · ${risk.controls[step.order - 1]?.description}` : ''}`,
      `${step.weight} %`,
      step.dimension === 'probability' ? 'Probabilidad' : 'Impacto',
      pct(step.before),
      pct(step.after),
    ]),
  };
}

/** `/riesgo <código>`: the inputs and every step of the DAFP calculation. */
export function riskDetail(risk: RiskView): Reply {
  const impacts = [
    risk.economicImpact ? `económico ${impactLabels[risk.economicImpact]}` : '',
    risk.reputationalImpact ? `reputacional ${impactLabels[risk.reputationalImpact]}` : '',
  ].filter(Boolean);
  const blocks: Block[] = [
    { kind: 'text', text: risk.description },
    {
      kind: 'fields',
      fields: [
        { label: 'Proceso', value: `${risk.processCode} · ${risk.processName}` },
        { label: 'Tipo', value: riskTypeLabels[risk.type] },
        { label: 'Causa', value: risk.cause },
        { label: 'Consecuencia', value: risk.consequence },
        { label: 'Frecuencia', value: `${risk.timesPerYear.toLocaleString('es-CO')} veces al año` },
        { label: 'Impacto declarado', value: impacts.join(' · ') },
      ],
    },
    {
      kind: 'fields',
      fields: [
        {
          label: 'Riesgo inherente',
          value:
            `${zoneMarks[risk.inherentZone]} ${zoneLabels[risk.inherentZone]} · probabilidad ${probabilityLabels[risk.inherentProbability]} ` +
            `(${pct(risk.inherentProbabilityPercent)}) · impacto ${impactLabels[risk.inherentImpact]} (${pct(risk.inherentImpactPercent)})`,
        },
        {
          label: 'Riesgo residual',
          value:
            `${zoneMarks[risk.residualZone]} ${zoneLabels[risk.residualZone]} · probabilidad ${probabilityLabels[risk.residualProbability]} ` +
            `(${pct(risk.residualProbabilityPercent)}) · impacto ${impactLabels[risk.residualImpact]} (${pct(risk.residualImpactPercent)})`,
        },
        { label: 'Tratamiento', value: risk.treatment },
        { label: 'Responsable', value: risk.responsible },
      ],
    },
  ];
  if (risk.controls.length > 0) blocks.push(controlsTable(risk));
  else blocks.push({ kind: 'context', text: 'Sin controles: el riesgo residual es igual al inherente.' });
  blocks.push({
    kind: 'context',
    text: `Calculado con la metodología DAFP ${risk.method}. Cambiar el tratamiento: /riesgo ${risk.code} tratamiento <aceptar|reducir|evitar|compartir>`,
  });
  return { title: `Riesgo ${risk.code}`, blocks, visibility: 'private' };
}
