import type { Pager } from '../chat/paging.ts';
import type { Block, Button, Reply } from '../chat/reply.ts';
import { userText } from '../chat/reply.ts';
import { partsCount } from '../domain/tasks/part-actions.ts';
import { refValue } from '../domain/tasks/refs.ts';
import { statusLabels, type TaskStatus } from '../domain/tasks/status.ts';
import type { EvidenceRow, TaskView } from '../domain/tasks/store.ts';
import { truncate } from '../domain/text.ts';
import { bogotaDateTime, dateRange } from './dates.ts';

const statusIcons: Record<TaskStatus, string> = {
  pendiente: '⚪',
  en_curso: '🔵',
  cumplida: '✅',
  vencida: '🔴',
};

type StatusShown = Pick<TaskView, 'status' | 'lateDays' | 'parts' | 'closedReason'>;

/** «N días» past the end date, singular for one. */
export function daysLate(days: number): string {
  return days === 1 ? '1 día' : `${days} días`;
}

/**
 * The state in words: «✅ Cumplida», «✅ Cumplida fuera de plazo (12 días)», «🔵 En curso · 14 de 29
 * procesos», «✅ Cerrada por la coordinación».
 */
export function statusText(task: StatusShown): string {
  const base = `${statusIcons[task.status]} ${statusLabels[task.status]}`;
  if (task.status === 'cumplida') {
    const late = task.lateDays ? ` fuera de plazo (${daysLate(task.lateDays)})` : '';
    const closed = task.closedReason ? ' · cerrada por la coordinación' : '';
    return `${base}${late}${closed}`;
  }
  return task.parts ? `${base} · ${partsCount(task.parts)}` : base;
}

/** One line per task: "🔴 2.3 Actualizar la DOFA… · 1 oct – 30 nov 2026 · 14 de 29 procesos". */
export function taskLine(task: TaskView, titleMax = 70): string {
  const late = task.lateDays ? ` · fuera de plazo (${daysLate(task.lateDays)})` : '';
  const parts = task.parts && task.status !== 'cumplida' ? ` · ${partsCount(task.parts)}` : '';
  return `${statusIcons[task.status]} *${task.label}* ${truncate(task.title, titleMax)} · ${dateRange(task.startDate, task.endDate)}${parts}${late}`;
}

/** The parts not done yet, named: «GTH, GF, …» (at most `max`, then «y N más»). */
export function owingText(task: Pick<TaskView, 'parts'>, max = 12): string {
  const owing = (task.parts?.items ?? []).filter((p) => p.doneAt === null);
  const names = owing.slice(0, max).map((p) => p.processCode ?? p.label);
  const more = owing.length > max ? ` y ${owing.length - max} más` : '';
  return `${names.join(', ')}${more}`;
}

/** Buttons that act on a task; each has its typed equivalent for the terminal. */
export function taskButtons(task: TaskView): Button[] {
  if (task.status === 'cumplida') {
    return [
      {
        label: 'Agregar evidencia',
        actionId: 'tarea.evidencia',
        value: refValue(task),
        command: `/evidencia ${task.label} <enlace> [nota]`,
      },
    ];
  }
  return [
    {
      label: 'Marcar cumplida',
      actionId: 'tarea.cumplida',
      value: refValue(task),
      style: 'primary',
      command: `/cumplida ${task.label}${task.parts?.source === 'manual' ? ' <proceso o parte>' : ''} <enlace> [nota]`,
    },
    {
      label: 'Agregar evidencia',
      actionId: 'tarea.evidencia',
      value: refValue(task),
      command: `/evidencia ${task.label} <enlace> [nota]`,
    },
  ];
}

const sourceNotes = {
  manual: '',
  indicadores: ' · se toma de los reportes de indicadores de cada proceso',
  riesgos: ' · se toma de la matriz de riesgos de cada proceso',
} as const;

/** A shared task's progress and who still owes their part. */
function partsBlocks(task: TaskView): Block[] {
  const parts = task.parts;
  if (!parts) return [];
  const owing = owingText(task, 40);
  return [
    { kind: 'text', text: `*Avance por partes:* ${partsCount(parts)}${sourceNotes[parts.source]}` },
    ...(owing ? [{ kind: 'context' as const, text: `Faltan: ${owing}` }] : []),
  ];
}

/** The teams of the directory a task's QUIÉN resolved to: who, besides the coordination, may change it. */
function teamsText(teams: string[]): string {
  return teams.length > 0 ? teams.join(', ') : 'ningún equipo del directorio coincide';
}

/**
 * The full card of one task: `teams` are the directory's teams its responsible text names; its evidence
 * list pages with `pager` (`/tarea 2.3 pagina 2`).
 */
export function taskDetail(
  task: TaskView,
  links: EvidenceRow[],
  whoNames: Map<number, string>,
  teams: string[],
  pager: Pager,
): Reply {
  const blocks: Block[] = [
    {
      kind: 'fields',
      fields: [
        { label: 'Estado', value: statusText(task) },
        { label: 'Fechas', value: dateRange(task.startDate, task.endDate) },
        { label: 'Responsable', value: task.responsible },
        { label: 'Equipos responsables', value: teamsText(teams) },
        {
          label: 'Actividad',
          value: `${task.activityNumber}. ${truncate(task.activityName, 120)}`,
        },
      ],
    },
    { kind: 'text', text: `*Qué:* ${task.what}` },
    {
      kind: 'text',
      text: `*Evidencia esperada:* ${task.evidenceExpected || 'El plan no la especifica.'}`,
    },
    ...partsBlocks(task),
    pager.list(
      'Evidencias registradas',
      links.map((e) => {
        const who = e.personId === null ? 'sistema' : (whoNames.get(e.personId) ?? 'desconocido');
        const note = e.note ? ` — ${userText(e.note)}` : '';
        return `${userText(e.url)}${note} (${who}, ${bogotaDateTime(e.createdAt)})`;
      }),
      10,
      'Aún no hay evidencias.',
    ),
  ];
  if (task.closedReason)
    blocks.push({ kind: 'context', text: `Cerrada por la coordinación: ${userText(task.closedReason)}` });
  if (task.verifiedAt)
    blocks.push({
      kind: 'context',
      text: `Verificada el ${bogotaDateTime(task.verifiedAt)}.`,
    });
  blocks.push({ kind: 'actions', buttons: taskButtons(task) });
  return {
    title: `Tarea ${task.label} · ${truncate(task.title, 120)}`,
    blocks,
    visibility: 'private',
  };
}
