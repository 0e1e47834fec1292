import {
  count,
  cutName,
  dateRange,
  longDate,
  partsText,
  percent,
  plural,
  shortDate,
  statusClass,
  statusText,
} from './format.ts';
import { bar, esc, link, type PageFrame, page, progressSummary, table } from './html.ts';
import type { PublicActivity, PublicCut, PublicPlan, PublicTask } from './public-model.ts';

/** `index.html` (the plan today) and one `actividad-<n>.html` per activity. */

export const activityFile = (a: { number: number; plan?: string }) =>
  a.plan ? `actividad-${a.plan.toLowerCase()}-${a.number}.html` : `actividad-${a.number}.html`;

/** «3.» in the PPI, «PTH 3.» in another plan. */
const activityLabel = (a: { number: number; plan?: string }) => `${a.plan ? `${a.plan} ` : ''}${a.number}.`;
export const taskAnchor = (code: string) => `tarea-${code.replace(/[^\w-]/g, '-')}`;

type Frame = Pick<PageFrame, 'planTitle' | 'dataDate' | 'publishedAt'>;

export function frameOf(plan: PublicPlan, publishedAt: string): Frame {
  return { planTitle: plan.title, dataDate: plan.date, publishedAt };
}

export const METHOD_NOTE =
  'Programado: parte del plazo de cada tarea transcurrida a la fecha. Ejecutado: 100 % si la tarea está cumplida; en las tareas compartidas, la parte entregada. El avance de una actividad es el promedio de sus tareas, y el del plan, el promedio de sus actividades.';

function counts(plan: PublicPlan): string {
  const c = plan.counts;
  const late = c.late > 0 ? ` (${count(c.late)} fuera de plazo)` : '';
  const item = (n: number, one: string, many: string, rest = '') =>
    `<li><strong>${count(n)}</strong> ${n === 1 ? one : many}${rest}</li>`;
  const items = [
    item(c.total, 'tarea', 'tareas'),
    item(c.done, 'cumplida', 'cumplidas', late),
    item(c.overdue, 'vencida', 'vencidas'),
    item(c.inProgress, 'en curso', 'en curso'),
    item(c.pending, 'pendiente', 'pendientes'),
  ];
  return `<ul class="cuentas" aria-label="Tareas por estado">${items.join('')}</ul>`;
}

/** The table of activities with their scheduled and executed progress; `linked` makes names links. */
export function activitiesTable(
  activities: PublicActivity[],
  id: string,
  caption: string,
  linked: boolean,
): string {
  return table({
    id,
    caption,
    head: ['Actividad', 'Tareas', 'Cumplidas', 'Vencidas', 'Programado', 'Ejecutado'],
    rows: activities.map((a) => [
      linked ? link(activityFile(a), `${activityLabel(a)} ${a.name}`) : esc(`${activityLabel(a)} ${a.name}`),
      esc(count(a.tasks)),
      esc(a.late > 0 ? `${count(a.done)} (${count(a.late)} fuera de plazo)` : count(a.done)),
      esc(count(a.overdue)),
      bar(a.scheduled, 'programado'),
      bar(a.executed, 'ejecutado'),
    ]),
    empty: 'El plan no tiene actividades.',
    className: 'nombres',
  });
}

function cutLinks(cuts: PublicCut[]): string {
  if (cuts.length === 0) return '<p class="vacio">Aún no hay cortes de seguimiento registrados.</p>';
  const items = cuts.map(
    (c) =>
      `<li>${link(`corte-${fileCode(c.code)}.html`, cutName(c.code))}: corte al ${esc(longDate(c.date))}, ejecutado ${esc(percent(c.executed))} de ${esc(percent(c.scheduled))} programado.</li>`,
  );
  return `<ul class="enlaces">${items.join('')}</ul><p>${link('cortes.html', 'Ver todos los cortes de seguimiento')}</p>`;
}

/** A cut's code as it appears in file names: letters, digits and hyphens only. */
export function fileCode(code: string): string {
  return code.replace(/[^A-Za-z0-9-]/g, '-');
}

/** The plan's home page. */
export function indexPage(plan: PublicPlan, cuts: PublicCut[], publishedAt: string): string {
  const body = `<p class="fecha">Vigencia ${esc(plan.year)} · datos al ${esc(longDate(plan.date))}.</p>
<h2>Avance general</h2>
${progressSummary(plan.scheduled, plan.executed, 'a la fecha')}
${counts(plan)}
<p class="nota">${esc(METHOD_NOTE)}</p>
<h2>Avance por actividad</h2>
${activitiesTable(plan.activities, 'tabla-actividades', `Actividades del plan ${plan.year}: tareas y avance al ${shortDate(plan.date)}`, true)}
<h2>Cortes de seguimiento</h2>
${cutLinks(cuts)}
<h2>Datos abiertos</h2>
<ul class="enlaces">
<li>${link('datos/plan.csv', 'Plan de acción con el avance de cada tarea (CSV)')}</li>
<li>${link('datos/plan.json', 'Plan de acción con el avance de cada tarea (JSON)')}</li>
<li>${link('datos.html', 'Todos los archivos y la descripción de sus campos')}</li>
</ul>`;
  return page({
    ...frameOf(plan, publishedAt),
    heading: `Plan de Acción ${plan.year}`,
    section: 'plan',
    isSectionHome: true,
    body,
  });
}

function hostOf(url: string): string {
  return new URL(url).hostname;
}

function evidenceList(task: PublicTask): string {
  const items = task.evidence.map(
    (e, i) =>
      `<li><a href="${esc(e.url)}" rel="noopener noreferrer">Evidencia ${i + 1} · ${esc(hostOf(e.url))}</a> (registrada el ${esc(shortDate(e.date))})</li>`,
  );
  const withheld =
    task.evidenceWithheld > 0
      ? `<p class="nota">${task.evidenceWithheld === 1 ? '1 evidencia registrada no se publica' : `${count(task.evidenceWithheld)} evidencias registradas no se publican`} (enlace interno o con datos personales).</p>`
      : '';
  if (items.length === 0) return `<p class="vacio">Sin evidencias publicadas.</p>${withheld}`;
  return `<ul class="evidencias">${items.join('')}</ul>${withheld}`;
}

function partsDetail(task: PublicTask): string {
  const parts = task.parts;
  if (!parts) return '';
  const list =
    parts.items.length === 0
      ? ''
      : `<details><summary>Ver ${parts.unit === 'procesos' ? 'los procesos' : 'las partes'}</summary><ul>${parts.items
          .map(
            (p) =>
              `<li>${esc(p.label)}: ${p.doneOn ? `entregado el ${esc(shortDate(p.doneOn))}` : 'pendiente'}</li>`,
          )
          .join('')}</ul></details>`;
  return `<div><dt>Partes entregadas</dt><dd>${esc(partsText(parts))}${list}</dd></div>`;
}

/** «1 feb – 31 mar 2026» (the year once when both dates share it). */
export function datesText(task: Pick<PublicTask, 'startDate' | 'endDate'>): string {
  return dateRange(task.startDate, task.endDate);
}

function taskSection(task: PublicTask): string {
  const done = task.doneOn ? `<div><dt>Cumplida el</dt><dd>${esc(longDate(task.doneOn))}</dd></div>` : '';
  const expected = task.evidenceExpected
    ? `<div><dt>Evidencia esperada</dt><dd>${esc(task.evidenceExpected)}</dd></div>`
    : '';
  return `<section class="tarea" id="${taskAnchor(task.code)}" aria-labelledby="${taskAnchor(task.code)}-titulo">
<h3 id="${taskAnchor(task.code)}-titulo">Tarea ${esc(task.code)}. ${esc(task.title)}</h3>
<dl class="ficha">
<div><dt>Equipo responsable</dt><dd>${esc(task.responsible)}</dd></div>
<div><dt>Fechas</dt><dd>${esc(datesText(task))}</dd></div>
<div><dt>Estado</dt><dd><span class="${statusClass(task)}">${esc(statusText(task))}</span></dd></div>
${done}<div><dt>Programado</dt><dd>${bar(task.scheduled, 'programado')}</dd></div>
<div><dt>Ejecutado</dt><dd>${bar(task.executed, 'ejecutado')}</dd></div>
${partsDetail(task)}${expected}<div><dt>Evidencias</dt><dd>${evidenceList(task)}</dd></div>
</dl>
</section>`;
}

/** The state column of a task table: the state, and the parts of a shared task. */
export function stateCell(task: PublicTask): string {
  const parts = task.parts ? `<br><span class="nota">${esc(partsText(task.parts))}</span>` : '';
  return `<span class="${statusClass(task)}">${esc(statusText(task))}</span>${parts}`;
}

/** One activity's page: its progress, a table of its tasks and each task in full. */
export function activityPage(plan: PublicPlan, activity: PublicActivity, publishedAt: string): string {
  const tasks = plan.tasks.filter((t) => t.activityNumber === activity.number && t.plan === activity.plan);
  const summary = table({
    id: 'tabla-tareas',
    caption: `Tareas de la actividad ${activityLabel(activity).slice(0, -1)} al ${shortDate(plan.date)}`,
    head: ['Código', 'Tarea', 'Fechas', 'Estado', 'Programado', 'Ejecutado'],
    rows: tasks.map((t) => [
      `<a href="#${taskAnchor(t.code)}">${esc(t.code)}</a>`,
      esc(t.title),
      esc(datesText(t)),
      stateCell(t),
      bar(t.scheduled, 'programado'),
      bar(t.executed, 'ejecutado'),
    ]),
    empty: 'Esta actividad no tiene tareas.',
  });
  const body = `<p class="fecha">${link('index.html', `Plan de Acción ${plan.year}`)} · datos al ${esc(longDate(plan.date))}.</p>
${progressSummary(activity.scheduled, activity.executed, 'a la fecha')}
<p>${esc(`De ${plural(activity.tasks, 'tarea', 'tareas')}: ${plural(activity.done, 'cumplida', 'cumplidas')}${activity.late > 0 ? ` (${count(activity.late)} fuera de plazo)` : ''} y ${plural(activity.overdue, 'vencida', 'vencidas')}.`)}</p>
<h2>Tareas</h2>
${summary}
<h2>Detalle de cada tarea</h2>
${tasks.map(taskSection).join('\n')}`;
  return page({
    ...frameOf(plan, publishedAt),
    heading: `Actividad ${activityLabel(activity)} ${activity.name}`,
    section: 'plan',
    body,
  });
}
