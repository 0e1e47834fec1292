import {
  count,
  cutName,
  KIND,
  longDate,
  MATRIX_STATE,
  measured,
  percent,
  plural,
  SEMAFORO,
  shortDate,
  ZONE,
} from './format.ts';
import { bar, esc, link, page, progressSummary, table } from './html.ts';
import { activitiesTable, fileCode, frameOf, METHOD_NOTE, stateCell } from './plan-pages.ts';
import type { PublicCut, PublicPlan } from './public-model.ts';

/** `cortes.html` (every cut) and one `corte-<code>.html` per stored cut. */

export const cutFile = (code: string) => `corte-${fileCode(code)}.html`;

/** The list of cuts, newest first. */
export function cutsPage(plan: PublicPlan, cuts: PublicCut[], publishedAt: string): string {
  const rows = [...cuts]
    .sort((a, b) => b.date.localeCompare(a.date) || b.code.localeCompare(a.code))
    .map((c) => [
      link(cutFile(c.code), cutName(c.code)),
      esc(KIND[c.kind]),
      `<span class="nowrap">${esc(shortDate(c.date))}</span>`,
      bar(c.scheduled, 'programado'),
      bar(c.executed, 'ejecutado'),
      esc(c.corrections.length === 0 ? 'Ninguna' : count(c.corrections.length)),
    ]);
  const body = `<p>Un corte guarda cómo estaba el plan el último día de cada trimestre (seguimiento del Comité Institucional de Gestión y Desempeño) y de cada cuatrimestre (Programa de Transparencia y Ética Pública y mapa de riesgos de corrupción). Una vez hecho, no cambia: lo que se corrigió después aparece como corrección en el corte siguiente.</p>
${table({
  id: 'tabla-cortes',
  caption: 'Cortes de seguimiento del plan',
  head: ['Corte', 'Tipo', 'Fecha de corte', 'Programado', 'Ejecutado', 'Correcciones posteriores'],
  rows,
  empty: 'Aún no hay cortes de seguimiento registrados.',
})}
<p class="nota">${esc(METHOD_NOTE)}</p>`;
  return page({
    ...frameOf(plan, publishedAt),
    heading: 'Cortes de seguimiento',
    section: 'cortes',
    isSectionHome: true,
    body,
  });
}

function tasksTable(cut: PublicCut): string {
  return table({
    id: 'tabla-tareas-corte',
    caption: `Tareas al ${shortDate(cut.date)}: programado y ejecutado`,
    head: ['Código', 'Tarea', 'Equipo responsable', 'Estado al corte', 'Programado', 'Ejecutado'],
    rows: cut.tasks.map((t) => [
      esc(t.code),
      esc(t.title),
      esc(t.responsible),
      stateCell(t),
      bar(t.scheduled, 'programado'),
      bar(t.executed, 'ejecutado'),
    ]),
    empty: 'El corte no tiene tareas.',
  });
}

function correctionsSection(cut: PublicCut): string {
  const rows = cut.corrections.map((c) => [
    esc(c.code),
    esc(cutName(c.previousCut)),
    esc(c.before),
    esc(c.after),
    `<span class="nowrap">${esc(shortDate(c.on))}</span>`,
  ]);
  return `<h2>Correcciones a cortes anteriores</h2>
<p>Cambios registrados después del corte anterior que modifican lo que ese corte dijo (una tarea reabierta, una parte que se devolvió…).</p>
${table({
  id: 'tabla-correcciones',
  caption: 'Correcciones registradas',
  head: ['Tarea', 'Corte corregido', 'Decía', 'Dice ahora', 'Fecha del cambio'],
  rows,
  empty: 'No hubo correcciones a cortes anteriores.',
})}`;
}

function indicatorsSentence(i: PublicCut['indicators']): string {
  const reported = `${plural(i.reported, 'reportada', 'reportadas')} de ${plural(i.expected, 'esperada', 'esperadas')}`;
  const lights = `${plural(i.satisfactorio, 'satisfactoria', 'satisfactorias')}, ${plural(i.aceptable, 'aceptable', 'aceptables')} y ${plural(i.critico, 'crítica', 'críticas')}`;
  return `Mediciones de los periodos cerrados entre el ${longDate(i.from)} y el ${longDate(i.to)}: ${reported}. Semáforo: ${lights}.`;
}

function indicatorsSection(cut: PublicCut): string {
  const i = cut.indicators;
  const rows = i.lines.map((line) => [
    esc(line.code),
    esc(line.name),
    esc(line.processCode),
    esc(line.period),
    `<span class="num">${esc(measured(line.result, line.unit))}</span>`,
    `<span class="num">${esc(measured(line.target, line.unit))}</span>`,
    line.compliance === null ? '—' : esc(percent(line.compliance)),
    `<span class="semaforo-${line.status}">${esc(SEMAFORO[line.status])}</span>`,
    esc(line.corrections === 0 ? 'No' : count(line.corrections)),
  ]);
  return `<h2>Indicadores de gestión</h2>
<p>${esc(indicatorsSentence(i))}</p>
${table({
  id: 'tabla-indicadores',
  caption: 'Mediciones de indicadores al corte',
  head: [
    'Código',
    'Indicador',
    'Proceso',
    'Periodo',
    'Resultado',
    'Meta',
    'Cumplimiento',
    'Semáforo',
    'Correcciones',
  ],
  rows,
  empty: 'No hay mediciones reportadas para los periodos de este corte.',
})}`;
}

function risksSection(cut: PublicCut): string {
  const r = cut.risks;
  const matrices = (Object.keys(MATRIX_STATE) as (keyof typeof MATRIX_STATE)[]).map((k) => [
    esc(MATRIX_STATE[k]),
    `<span class="num">${esc(count(r.matrices[k]))}</span>`,
  ]);
  const zones = (Object.keys(ZONE) as (keyof typeof ZONE)[]).map((k) => [
    esc(ZONE[k]),
    `<span class="num">${esc(count(r.residualZones[k]))}</span>`,
  ]);
  return `<h2>Gestión de riesgos ${esc(r.year)}</h2>
<p>${esc(`${plural(r.risks, 'riesgo identificado', 'riesgos identificados')} en ${plural(r.processes, 'proceso', 'procesos')}; ${plural(r.materialized, 'riesgo materializado', 'riesgos materializados')} a la fecha del corte.`)}</p>
${table({ id: 'tabla-matrices', caption: 'Matrices de riesgos de los procesos, por estado', head: ['Estado', 'Procesos'], rows: matrices, narrow: true })}
${table({ id: 'tabla-zonas', caption: 'Riesgos por zona de riesgo residual', head: ['Zona residual', 'Riesgos'], rows: zones, narrow: true })}`;
}

function countsSentence(c: PublicCut['counts']): string {
  const late = c.late > 0 ? ` (${count(c.late)} fuera de plazo)` : '';
  return `De ${plural(c.total, 'tarea', 'tareas')}: ${plural(c.done, 'cumplida', 'cumplidas')}${late}, ${plural(c.overdue, 'vencida', 'vencidas')}, ${count(c.inProgress)} en curso y ${plural(c.pending, 'pendiente', 'pendientes')}.`;
}

/** A stored cut: what was scheduled and executed at its date, its corrections, indicators and risks. */
export function cutPage(plan: PublicPlan, cut: PublicCut, publishedAt: string): string {
  const code = fileCode(cut.code);
  const body = `<p class="fecha">Corte ${esc(cut.code)} · ${esc(KIND[cut.kind])} · plan al ${esc(longDate(cut.date))}, registrado el ${esc(longDate(cut.createdOn))}.</p>
<h2>Avance al corte</h2>
${progressSummary(cut.scheduled, cut.executed, 'al corte')}
<p>${esc(countsSentence(cut.counts))}</p>
${activitiesTable(cut.activities, 'tabla-actividades-corte', `Actividades al ${shortDate(cut.date)}: programado y ejecutado`, false)}
<h2>Tareas al corte</h2>
${tasksTable(cut)}
${correctionsSection(cut)}
${indicatorsSection(cut)}
${risksSection(cut)}
<h2>Datos de este corte</h2>
<ul class="enlaces">
<li>${link(`datos/corte-${code}.csv`, `Tareas del corte ${cut.code} (CSV)`)}</li>
<li>${link(`datos/corte-${code}.json`, `Corte ${cut.code} completo (JSON)`)}</li>
</ul>`;
  return page({
    ...frameOf(plan, publishedAt),
    heading: `${cutName(cut.code)}: corte al ${longDate(cut.date)}`,
    section: 'cortes',
    body,
  });
}
