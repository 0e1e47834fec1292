import type { Pager } from '../chat/paging.ts';
import type { Block, Button, Reply } from '../chat/reply.ts';
import { userText } from '../chat/reply.ts';
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

export function statusText(status: TaskStatus): string {
  return `${statusIcons[status]} ${statusLabels[status]}`;
}

/** One line per task: "🔴 2.3 Actualizar la DOFA… · 1 oct – 30 nov 2026". */
export function taskLine(task: TaskView, titleMax = 70): string {
  return `${statusIcons[task.status]} *${task.code}* ${truncate(task.title, titleMax)} · ${dateRange(task.startDate, task.endDate)}`;
}

/** Buttons that act on a task; each has its typed equivalent for the terminal. */
export function taskButtons(task: TaskView): Button[] {
  if (task.status === 'cumplida') {
    return [
      {
        label: 'Agregar evidencia',
        actionId: 'tarea.evidencia',
        value: task.code,
        command: `/evidencia ${task.code} <enlace> [nota]`,
      },
    ];
  }
  return [
    {
      label: 'Marcar cumplida',
      actionId: 'tarea.cumplida',
      value: task.code,
      style: 'primary',
      command: `/cumplida ${task.code} <enlace> [nota]`,
    },
    {
      label: 'Agregar evidencia',
      actionId: 'tarea.evidencia',
      value: task.code,
      command: `/evidencia ${task.code} <enlace> [nota]`,
    },
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
        { label: 'Estado', value: statusText(task.status) },
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
  if (task.verifiedAt)
    blocks.push({
      kind: 'context',
      text: `Verificada el ${bogotaDateTime(task.verifiedAt)}.`,
    });
  blocks.push({ kind: 'actions', buttons: taskButtons(task) });
  return {
    title: `Tarea ${task.code} · ${truncate(task.title, 120)}`,
    blocks,
    visibility: 'private',
  };
}
