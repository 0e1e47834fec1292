import type { Cut, PlanSection, SnapshotTask } from '../progress/snapshot-types.ts';
import { qualifiedCode } from '../tasks/plan-codes.ts';
import { isHttpUrl } from '../text.ts';
import { type Cell, SECTIONS, type Table } from './cells.ts';
import { attendanceTable, indicatorsSummary, indicatorsTable, risksTable } from './followup-sections.ts';
import { activitiesTable, correctionsTable, summaryTable } from './plan-sections.ts';
import { planActivitiesTable, planSummaryTable, plansTable, tasksOfPlan } from './plans-sections.ts';
import { progressChartSvg } from './progress-chart.ts';
import {
  COMMITTEE,
  cutLine,
  ENTITY,
  longDate,
  longDateTime,
  numberText,
  owedBy,
  partsText,
  percentText,
  reportTitle,
  stateLabel,
} from './wording.ts';

/**
 * The Comité report as one printable, self-contained HTML page: no script, no external resource
 * (the chart is inline SVG, the style inline), one section per page when printed.
 */

const STYLE = `
:root { color: #202124; font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; font-size: 13px; }
body { margin: 24px auto; max-width: 1180px; padding: 0 16px; line-height: 1.4; }
header { border-bottom: 3px solid #1a73e8; margin-bottom: 16px; }
.entity { font-weight: bold; text-transform: uppercase; letter-spacing: .04em; color: #5f6368; margin: 0; }
h1 { font-size: 22px; margin: 4px 0; }
h2 { font-size: 18px; border-bottom: 1px solid #dadce0; padding-bottom: 4px; margin-top: 32px; }
h3 { font-size: 14px; margin: 20px 0 6px; }
table { border-collapse: collapse; width: 100%; margin-bottom: 12px; }
th, td { border: 1px solid #dadce0; padding: 4px 6px; text-align: left; vertical-align: top; white-space: pre-line; }
thead th { background: #e8eaed; }
tbody th { font-weight: normal; }
table.pairs, table.compact { width: auto; min-width: 50%; }
table.pairs .num { text-align: left; }
table.tasks { table-layout: fixed; }
table.tasks thead th { font-size: 0.92em; }
table.pairs tbody th { font-weight: bold; background: #f8f9fa; }
.num { text-align: right; white-space: nowrap; }
.late { color: #b3261e; font-weight: bold; }
a { color: #1a56c4; overflow-wrap: anywhere; }
ul.evidence { margin: 0; padding-left: 16px; }
ul.evidence li + li { margin-top: 4px; }
.who { color: #5f6368; font-size: 12px; }
figure { margin: 8px 0 16px; }
figure svg { width: 100%; max-width: 640px; height: auto; }
footer { margin-top: 32px; color: #5f6368; font-size: 12px; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 11px; }
  main > section { break-before: page; }
  main > section:first-child { break-before: auto; }
  h2, h3 { break-after: avoid; }
  tr, figure { break-inside: avoid; }
  thead { display: table-header-group; }
}
`;

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** An evidence link as an anchor, only for http(s) addresses (no `javascript:` or `file:` on the page). */
function anchor(url: string): string {
  return isHttpUrl(url) ? `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>` : escapeHtml(url);
}

function cellHtml(cell: Cell): string {
  switch (cell.kind) {
    case 'text':
      return escapeHtml(cell.text);
    case 'number':
      return numberText(cell.value);
    case 'percent':
      return percentText(cell.value);
    case 'date':
      return longDate(cell.date);
    case 'instant':
      return longDateTime(cell.at);
    case 'link':
      return anchor(cell.url);
    case 'empty':
      return '';
  }
}

const numeric = (cell: Cell) => cell.kind === 'number' || cell.kind === 'percent';

/** A table whose first column heads its rows. */
function tableHtml(table: Table, className = ''): string {
  const title = table.title ? `<h3>${escapeHtml(table.title)}</h3>\n` : '';
  if (table.rows.length === 0) return `${title}<p>${escapeHtml(table.empty ?? 'Sin datos.')}</p>`;
  const head = table.columns.map((c) => `<th scope="col">${escapeHtml(c.header)}</th>`).join('');
  const rows = table.rows.map((cells) => {
    const line = cells.map((cell, i) => {
      const tag = i === 0 ? 'th scope="row"' : 'td';
      const close = i === 0 ? 'th' : 'td';
      return `<${tag}${numeric(cell) ? ' class="num"' : ''}>${cellHtml(cell)}</${close}>`;
    });
    return `<tr>${line.join('')}</tr>`;
  });
  const cls = className ? ` class="${className}"` : '';
  return `${title}<table${cls}>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
}

function section(id: string, heading: string, body: string[]): string {
  return `<section id="${id}" aria-labelledby="${id}-titulo">\n<h2 id="${id}-titulo">${escapeHtml(heading)}</h2>\n${body.join('\n')}\n</section>`;
}

function chartHtml(cut: Cut): string {
  const title = `Avance programado y ejecutado por actividad · corte ${cut.cut}`;
  // Inline SVG in HTML needs no namespace declaration; without it the page names no outside address.
  const svg = progressChartSvg(cut.activities, title).replace(' xmlns="http://www.w3.org/2000/svg"', '');
  return `<figure>\n${svg}\n</figure>`;
}

function evidenceList(task: SnapshotTask): string {
  if (task.evidence.length === 0) return '';
  const items = task.evidence.map((e) => {
    const note = e.note ? `<br>${escapeHtml(e.note)}` : '';
    const who = `Registrada por ${escapeHtml(e.by)} el ${longDateTime(e.at)}`;
    return `<li>${anchor(e.url)}${note}<br><span class="who">${who}</span></li>`;
  });
  return `<ul class="evidence">${items.join('')}</ul>`;
}

function partsHtml(task: SnapshotTask): string {
  if (!task.parts) return '';
  const owed = owedBy(task);
  return `${partsText(task)}${owed ? `<br><span class="who">Faltan: ${escapeHtml(owed)}</span>` : ''}`;
}

function closingHtml(task: SnapshotTask): string {
  return [
    task.doneAt ? `Cumplida el ${longDateTime(task.doneAt)}` : '',
    task.verifiedAt ? `Verificada el ${longDateTime(task.verifiedAt)}` : '',
    task.closedReason ? `Motivo del cierre: ${escapeHtml(task.closedReason)}` : '',
  ]
    .filter((line) => line !== '')
    .join('<br>');
}

/** The task tables' columns with their share of the width, the same in every activity. */
const TASK_COLUMNS: [string, number][] = [
  ['Código', 6],
  ['Tarea', 16],
  ['Responsable', 10],
  ['Fechas', 10],
  ['Estado', 9],
  ['% programado', 8],
  ['% ejecutado', 8],
  ['Partes cumplidas', 9],
  ['Cumplimiento (hora de Bogotá)', 10],
  ['Evidencias', 14],
];

function taskRow(task: SnapshotTask): string {
  const cells = [
    `<th scope="row">${escapeHtml(task.code)}</th>`,
    `<td>${escapeHtml(task.title)}</td>`,
    `<td>${escapeHtml(task.responsible)}</td>`,
    `<td>Del ${longDate(task.startDate)} al ${longDate(task.endDate)}</td>`,
    `<td${task.late || task.status === 'vencida' ? ' class="late"' : ''}>${escapeHtml(stateLabel(task))}</td>`,
    `<td class="num">${percentText(task.scheduled)}</td>`,
    `<td class="num">${percentText(task.executed)}</td>`,
    `<td>${partsHtml(task)}</td>`,
    `<td>${closingHtml(task)}</td>`,
    `<td>${evidenceList(task)}</td>`,
  ];
  return `<tr>${cells.join('')}</tr>`;
}

/** The tasks under a subheading per activity, each with its evidence links. */
function tasksHtml(cut: Pick<Cut, 'tasks'>): string[] {
  if (cut.tasks.length === 0) return ['<p>El plan no tiene tareas.</p>'];
  const groups = new Map<string, SnapshotTask[]>();
  for (const task of cut.tasks) {
    const key = `${task.plan ?? ''} ${task.activityNumber}`;
    const group = groups.get(key);
    if (group) group.push(task);
    else groups.set(key, [task]);
  }
  const cols = TASK_COLUMNS.map(([, share]) => `<col style="width: ${share}%">`).join('');
  const head = TASK_COLUMNS.map(([h]) => `<th scope="col">${escapeHtml(h)}</th>`).join('');
  return [...groups.values()].map((tasks) => {
    const first = tasks[0] as SnapshotTask;
    const heading = `<h3>${escapeHtml(`${qualifiedCode(first.plan, String(first.activityNumber))}. ${first.activityName}`)}</h3>`;
    const body = tasks.map(taskRow).join('\n');
    return `${heading}\n<table class="tasks">\n<colgroup>${cols}</colgroup>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
  });
}

/** A plan's own section: its summary, its activities and its tasks with their evidence. */
function planSectionHtml(cut: Cut, plan: PlanSection): string {
  return section(`plan-${plan.code.toLowerCase()}`, `Plan ${plan.code} · ${plan.name}`, [
    tableHtml(planSummaryTable(plan), 'pairs'),
    tableHtml(planActivitiesTable(plan)),
    ...tasksHtml({ tasks: tasksOfPlan(cut.tasks, plan.code) }),
  ]);
}

/** The Comité report of a cut as a self-contained HTML page. */
export function comiteHtml(cut: Cut): string {
  const title = reportTitle(cut);
  const plans = cut.plans ?? [];
  const several = plans.length > 1;
  return [
    '<!doctype html>',
    '<html lang="es">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(`${title} · ${ENTITY}`)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<p class="entity">${escapeHtml(ENTITY)}</p>`,
    `<h1>${escapeHtml(title)}</h1>`,
    `<p>${escapeHtml(cut.planTitle)} · ${escapeHtml(cutLine(cut))} · ${escapeHtml(COMMITTEE)}</p>`,
    '</header>',
    '<main>',
    section('resumen', SECTIONS.summary, [
      tableHtml(summaryTable(cut), 'pairs'),
      ...(several ? [tableHtml(plansTable({ ...cut, plans }))] : []),
      tableHtml(correctionsTable(cut)),
    ]),
    section('actividades', SECTIONS.activities, [chartHtml(cut), tableHtml(activitiesTable(cut))]),
    section('tareas', SECTIONS.tasks, tasksHtml(cut)),
    // With several plans, the sections above are the consolidated Plan de Acción; then one per plan.
    ...(several ? plans.map((plan) => planSectionHtml(cut, plan)) : []),
    section('indicadores', SECTIONS.indicators, [
      tableHtml(indicatorsSummary(cut), 'pairs'),
      tableHtml(indicatorsTable(cut)),
    ]),
    section('riesgos', SECTIONS.risks, [tableHtml(risksTable(cut), 'compact')]),
    section('asistencia', SECTIONS.attendance, [tableHtml(attendanceTable(cut))]),
    '</main>',
    `<footer>Corte creado el ${longDateTime(cut.createdAt)} por ${escapeHtml(cut.createdBy)}. Las horas son de Bogotá. Un corte, una vez creado, no cambia: lo que se corrigió después aparece en «Correcciones desde el corte anterior» del corte siguiente.</footer>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
