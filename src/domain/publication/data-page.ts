import { cutName } from './format.ts';
import { esc, link, page, table } from './html.ts';
import { FORMAT, TASK_FIELDS } from './open-data.ts';
import { fileCode, frameOf } from './plan-pages.ts';
import type { PublicCut, PublicPlan } from './public-model.ts';

/** `datos.html`: every open-data file, how it is written and what each field means. */

const JSON_SECTIONS: [string, string][] = [
  ['formato', `Versión de este formato («${FORMAT}»).`],
  ['publicado', 'Instante de la publicación (ISO 8601, UTC).'],
  [
    'plan, vigencia, fecha_datos',
    'Título del plan, año y fecha (AAAA-MM-DD) a la que corresponden los datos.',
  ],
  ['programado_pct, ejecutado_pct', 'Avance del plan completo: promedio de sus tareas.'],
  ['conteo', 'Tareas en total, cumplidas (y de ellas fuera de plazo), vencidas, en curso y pendientes.'],
  [
    'actividades',
    'Cada actividad: número, nombre, tareas, cumplidas, vencidas y su avance programado y ejecutado.',
  ],
  [
    'tareas',
    'Cada tarea con los campos de la tabla siguiente, más partes_detalle: cada parte con su proceso y su fecha de entrega.',
  ],
  [
    'corte (solo cortes)',
    'Código (2026-T1, 2026-C1…), tipo (trimestral o cuatrimestral), fecha de corte y fecha en que se registró.',
  ],
  [
    'correcciones (solo cortes)',
    'Cambios posteriores a un corte anterior: tarea, corte corregido, lo que decía, lo que dice ahora y fecha.',
  ],
  [
    'indicadores (solo cortes)',
    'Mediciones de los periodos cerrados en el rango del corte: resultado, meta, unidad, cumplimiento, semáforo.',
  ],
  [
    'riesgos (solo cortes)',
    'Matrices por estado, riesgos por zona residual y riesgos materializados, en cifras.',
  ],
];

function files(cuts: PublicCut[]): string {
  const items = [
    `<li>${link('datos/plan.csv', 'datos/plan.csv')}: las tareas del plan con su estado y avance a la fecha.</li>`,
    `<li>${link('datos/plan.json', 'datos/plan.json')}: el plan completo (actividades, tareas, evidencias).</li>`,
    ...cuts.map((c) => {
      const code = fileCode(c.code);
      return `<li>${esc(cutName(c.code))}: ${link(`datos/corte-${code}.csv`, `datos/corte-${code}.csv`)} (tareas) y ${link(`datos/corte-${code}.json`, `datos/corte-${code}.json`)} (completo).</li>`;
    }),
  ];
  return `<ul class="enlaces">${items.join('\n')}</ul>`;
}

export function dataPage(plan: PublicPlan, cuts: PublicCut[], publishedAt: string): string {
  const body = `<p>Los datos de esta publicación se pueden descargar, reutilizar y procesar libremente. Contienen lo mismo que las páginas: el plan, sus equipos responsables y los enlaces de las evidencias; no incluyen datos personales.</p>
<h2>Archivos</h2>
${files(cuts)}
<h2>Cómo están escritos</h2>
<ul>
<li>CSV: codificación UTF-8 con marca de orden de bytes (BOM), separado por comas, primera fila con los nombres de los campos. Los números usan punto decimal.</li>
<li>Un texto que empieza por =, +, - o @ lleva un apóstrofo delante para que una hoja de cálculo no lo ejecute como fórmula.</li>
<li>Fechas en formato AAAA-MM-DD según la hora de Bogotá; porcentajes de 0 a 100 con un decimal.</li>
<li>JSON: UTF-8, con nombres de campo en español.</li>
</ul>
<h2>Campos de las tareas</h2>
${table({
  id: 'tabla-campos',
  caption: 'Campos de cada tarea (CSV y JSON)',
  head: ['Campo', 'Descripción'],
  rows: TASK_FIELDS.map((f) => [`<code>${esc(f.key)}</code>`, esc(f.description)]),
  narrow: true,
})}
<h2>Estructura de los archivos JSON</h2>
${table({
  id: 'tabla-json',
  caption: 'Secciones de los archivos JSON',
  head: ['Sección', 'Contenido'],
  rows: JSON_SECTIONS.map(([key, description]) => [`<code>${esc(key)}</code>`, esc(description)]),
  narrow: true,
})}`;
  return page({
    ...frameOf(plan, publishedAt),
    heading: 'Datos abiertos',
    section: 'datos',
    isSectionHome: true,
    body,
  });
}
