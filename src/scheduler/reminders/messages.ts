import type { Store } from '../../../db/client.ts';
import { type Block, type Button, listBlockOf, mention, type Reply } from '../../chat/reply.ts';
import { workingDaysBetween } from '../../domain/calendar/working-days.ts';
import { bogotaDate } from '../../domain/clock.ts';
import { ResponsibleResolver } from '../../domain/directory/people.ts';
import { refValue } from '../../domain/tasks/refs.ts';
import type { TaskView } from '../../domain/tasks/store.ts';
import { truncate } from '../../domain/text.ts';
import { dateRange, longDate, shortDate } from '../../views/dates.ts';
import { lateNote, responsibleWithMentions } from '../../views/digest.ts';
import type { Lateness } from '../send.ts';
import type { HelpRequest } from './answers.ts';
import type { DailyItem } from './daily.ts';
import type { PlannedReminder } from './plan.ts';

/** Action ids of the reminder's buttons ("Marcar cumplida" reuses the task's own evidence form). */
export const POSTPONE_ACTION = 'recordatorio.posponer';
export const HELP_ACTION = 'recordatorio.ayuda';
/** The `sent_messages` kind of a task reminder: answers in its thread go to the reminder's handler. */
export const TASK_REMINDER_KIND = 'recordatorio.tarea';

function workingDays(n: number): string {
  return n === 1 ? '1 día hábil' : `${n} días hábiles`;
}

/**
 * The sentence that says why this reminder goes out now. A late one leaves out what is relative to
 * the day it was due ("hoy", "faltan 5 días"): the late note above it says when that was.
 */
function headline(task: TaskView, reminder: PlannedReminder, late: boolean): string {
  const code = `*${task.label}*`;
  const end = `*${longDate(task.endDate)}*`;
  switch (reminder.reason.type) {
    case 'before':
      return late
        ? `⏰ La tarea ${code} vence el ${end}.`
        : `⏰ La tarea ${code} vence el ${end}: faltan ${workingDays(reminder.reason.days)}.`;
    case 'due':
      if (late) return `⏰ La tarea ${code} vence el ${end}.`;
      return reminder.date === task.endDate
        ? `⏰ La tarea ${code} vence hoy, ${end}.`
        : `⏰ La tarea ${code} vence el ${end}, que no es día hábil: hoy es el último día hábil antes.`;
    case 'postponed':
      return task.endDate < reminder.date
        ? `⏰ Terminó el aplazamiento: la tarea ${code} sigue vencida desde el ${end}.`
        : `⏰ Terminó el aplazamiento: la tarea ${code} vence el ${end}.`;
    case 'overdue':
      return late
        ? `🔴 La tarea ${code} está vencida desde el ${end}.`
        : `🔴 La tarea ${code} está vencida desde el ${end} (hace ${workingDays(workingDaysBetween(task.endDate, reminder.date))}).`;
  }
}

/** "🆘 @Ana pidió ayuda el 1 sep 2026: «Sin acceso»": a help request in a list. */
export function helpRequestText(request: HelpRequest): string {
  const when = shortDate(bogotaDate(new Date(request.createdAt)));
  const note = request.note ? `: «${truncate(request.note, 100)}»` : ' (sin nota)';
  return `🆘 ${mention(request.personId)} pidió ayuda el ${when}${note}`;
}

/** A task and its help request, as the digest and /pendientes list it. */
export function helpRequestLine(task: TaskView, request: HelpRequest): string {
  const done = task.doneAt ? ' · ya cumplida' : '';
  return `*${task.label}* ${truncate(task.title, 60)} · ${helpRequestText(request)}${done}`;
}

/** The reminder's buttons, each with its typed command for the terminal. */
export function reminderButtons(task: TaskView, canPostpone: boolean): Button[] {
  // The value finds the task in any vigencia (`PPI-2026-4.5`); what people type shows its usual code.
  const value = refValue(task);
  const code = task.label;
  const buttons: Button[] = [
    {
      label: 'Marcar cumplida',
      actionId: 'tarea.cumplida',
      value,
      style: 'primary',
      command: `/cumplida ${code} <enlace> [nota]`,
    },
  ];
  if (canPostpone) {
    buttons.push({
      label: 'Posponer',
      actionId: POSTPONE_ACTION,
      value,
      command: `/posponer ${code}`,
    });
  }
  buttons.push({
    label: 'Necesito ayuda',
    actionId: HELP_ACTION,
    value,
    command: `/necesito-ayuda ${code} [nota]`,
  });
  return buttons;
}

/** A task's reminder as an item of the person's daily message: why now, what, and its buttons. */
export function taskReminderItem(
  task: TaskView,
  reminder: PlannedReminder,
  options: { canPostpone: boolean; orphan: boolean; late: boolean },
): DailyItem {
  const lines = [
    headline(task, reminder, options.late),
    `${truncate(task.title, 150)} · ${dateRange(task.startDate, task.endDate)}`,
    ...(options.orphan ? [orphanNote(task)] : []),
  ];
  return { text: lines.join('\n'), buttons: reminderButtons(task, options.canPostpone) };
}

/** Why a coordinator gets the reminder of a task whose QUIÉN names no team of the directory. */
function orphanNote(task: TaskView): string {
  return `Le llega a la coordinación porque nadie del directorio pertenece a «${truncate(task.responsible, 80)}».`;
}

export interface TaskReminderOptions {
  canPostpone: boolean;
  /** Set when the task names no team of the directory and the coordinator gets its reminder. */
  orphan?: boolean;
  late?: Lateness;
}

/** A task's reminder, sent by direct message to each person of its responsible team. */
export function taskReminderReply(
  db: Store,
  task: TaskView,
  reminder: PlannedReminder,
  options: TaskReminderOptions,
): Reply {
  const blocks: Block[] = [];
  if (options.late) blocks.push({ kind: 'context', text: lateNote(options.late.dueAt) });
  blocks.push(
    { kind: 'text', text: headline(task, reminder, options.late !== undefined) },
    {
      kind: 'fields',
      fields: [
        { label: 'Tarea', value: truncate(task.title, 150) },
        {
          label: 'Responsable',
          value: responsibleWithMentions(new ResponsibleResolver(db), task.responsible),
        },
        { label: 'Fechas', value: dateRange(task.startDate, task.endDate) },
        {
          label: 'Evidencia esperada',
          value: truncate(task.evidenceExpected || 'El plan no la especifica.', 150),
        },
      ],
    },
  );
  if (options.orphan) blocks.push({ kind: 'context', text: orphanNote(task) });
  blocks.push(
    {
      kind: 'context',
      text: 'Responda en este hilo con el enlace de la evidencia (y una nota, si quiere) para marcarla cumplida.',
    },
    { kind: 'actions', buttons: reminderButtons(task, options.canPostpone) },
  );
  return {
    title: `Recordatorio · Tarea ${task.label}`,
    tone: reminder.reason.type === 'overdue' ? 'warning' : 'info',
    blocks,
    visibility: 'private',
  };
}

/**
 * The coordinator's weekly list of overdue tasks with neither evidence nor a postponement since their
 * reminders. A task someone asked help for stays on it, marked «pidió ayuda» with the note: it waits
 * for the coordinator.
 */
export function escalationReply(
  db: Store,
  tasks: TaskView[],
  date: string,
  help: ReadonlyMap<number, HelpRequest> = new Map(),
  late?: Lateness,
): Reply {
  const blocks: Block[] = [];
  const who = ResponsibleResolver.forLists(db);
  if (late) blocks.push({ kind: 'context', text: lateNote(late.dueAt) });
  const which =
    tasks.length === 1 ? 'Esta tarea está vencida' : `Estas ${tasks.length} tareas están vencidas`;
  const waiting =
    tasks.length === 1 ? '; pidió ayuda y espera su apoyo' : '; las que dicen «pidió ayuda» esperan su apoyo';
  const asked = tasks.some((t) => help.has(t.id)) ? waiting : '';
  blocks.push(
    {
      kind: 'text',
      text: `${which} y su equipo no ha entregado la evidencia ni pedido aplazamiento tras los recordatorios${asked}:`,
    },
    listBlockOf(
      undefined,
      tasks,
      (t) => {
        const request = help.get(t.id);
        const line = `*${t.label}* ${truncate(t.title, 60)} · ${responsibleWithMentions(who, t.responsible)} · venció el ${shortDate(t.endDate)} (hace ${workingDays(workingDaysBetween(t.endDate, date))})`;
        return request ? `${line} · ${helpRequestText(request)}` : line;
      },
      15,
    ),
    { kind: 'context', text: 'Lista completa: /tareas vencidas · Detalle: /tarea <código>' },
  );
  return {
    title: `Tareas vencidas sin evidencia · ${longDate(date)}`,
    tone: 'warning',
    blocks,
    visibility: 'private',
  };
}
