import { type IndicatorUnit, semaforoLabels, unitLabels } from '../indicators/math.ts';
import type { Cut, IndicatorLine } from '../progress/snapshot-types.ts';
import { zoneLabels } from '../risks/levels.ts';
import { matrixStateLabels } from '../risks/matrix.ts';
import { type Cell, instant, num, pairs, pct, type Table, text } from './cells.ts';
import { longDate } from './wording.ts';

/** The follow-up part of the Comité report: indicators, risks and attendance at the cut. */

export function indicatorsSummary(cut: Cut): Table {
  const i = cut.indicators;
  return pairs(
    ['Concepto', 'Cantidad'],
    [
      ['Periodos que terminan', text(`del ${longDate(i.from)} al ${longDate(i.to)}`)],
      ['Mediciones esperadas', num(i.expected)],
      ['Mediciones reportadas', num(i.reported)],
      ['Mediciones sin reportar', num(Math.max(0, i.expected - i.reported))],
      ['Semáforo crítico', num(i.critico)],
      ['Semáforo aceptable', num(i.aceptable)],
      ['Semáforo satisfactorio', num(i.satisfactorio)],
    ],
  );
}

const isPercent = (line: IndicatorLine) => line.unit === 'porcentaje';

/** A result or target in its unit: a percentage indicator's as a percent cell. */
const measure = (line: IndicatorLine, value: number): Cell => (isPercent(line) ? pct(value) : num(value));

export function indicatorsTable(cut: Cut): Table {
  return {
    title: 'Mediciones reportadas',
    columns: [
      { header: 'Código', width: 10 },
      { header: 'Indicador', width: 48 },
      { header: 'Proceso', width: 10 },
      { header: 'Periodo', width: 10 },
      { header: 'Resultado', width: 11 },
      { header: 'Meta', width: 10 },
      { header: 'Unidad', width: 11 },
      { header: 'Semáforo', width: 13 },
      { header: 'Cumplimiento', width: 13 },
      { header: 'Reportado el (hora de Bogotá)', width: 18 },
      { header: 'Reportado por', width: 24 },
      { header: 'Correcciones', width: 12 },
    ],
    rows: cut.indicators.lines.map((line) => [
      text(line.code),
      text(line.name),
      text(line.processCode),
      text(line.period),
      measure(line, line.result),
      measure(line, line.target),
      text(unitLabels[line.unit as IndicatorUnit] ?? line.unit),
      text(semaforoLabels[line.status]),
      pct(line.compliance),
      instant(line.reportedAt),
      text(line.reportedBy),
      num(line.corrections),
    ]),
    empty: 'No hay mediciones reportadas de los periodos de este corte.',
  };
}

export function risksTable(cut: Cut): Table {
  const r = cut.risks;
  const row = (group: string, label: string, value: number | string): Cell[] => [
    text(group),
    text(label),
    typeof value === 'number' ? num(value) : text(value),
  ];
  const matrices = Object.entries(r.matrices) as [keyof typeof r.matrices, number][];
  const zones = Object.entries(r.residualZones) as [keyof typeof r.residualZones, number][];
  return {
    columns: [
      { header: 'Grupo', width: 26 },
      { header: 'Concepto', width: 34 },
      { header: 'Cantidad', width: 10 },
    ],
    rows: [
      row('Vigencia', 'Año de las matrices', String(r.year)),
      row('Procesos', 'Procesos con matriz de riesgos', r.processes),
      ...matrices.map(([state, n]) => row('Matrices por estado', matrixStateLabels[state], n)),
      row('Riesgos', 'Riesgos identificados', r.risks),
      ...zones.map(([zone, n]) => row('Zona residual', zoneLabels[zone], n)),
      row('Materializados', 'Riesgos materializados', r.materialized),
    ],
  };
}

/** Share of the invited who attended, one decimal. */
function attendedShare(invited: number, attended: number): number | null {
  return invited > 0 ? Math.round((attended / invited) * 1000) / 10 : null;
}

export function attendanceTable(cut: Cut): Table {
  return {
    columns: [
      { header: 'Sesión', width: 44 },
      { header: 'Fecha y hora (hora de Bogotá)', width: 20 },
      { header: 'Lugar', width: 24 },
      { header: 'Tarea', width: 8 },
      { header: 'Invitados', width: 10 },
      { header: 'Confirmaron', width: 12 },
      { header: 'No asistirán', width: 12 },
      { header: 'Asistieron', width: 11 },
      { header: '% de asistencia', width: 15 },
    ],
    rows: cut.attendance.map((s) => [
      text(s.title),
      instant(s.startsAt),
      text(s.place),
      text(s.taskCode),
      num(s.invited),
      num(s.confirmed),
      num(s.declined),
      num(s.attended),
      pct(attendedShare(s.invited, s.attended)),
    ]),
    empty: 'No hay sesiones con lista de asistencia en este corte.',
  };
}
