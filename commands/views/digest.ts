import type { Store } from '../../db/client.ts';
import { type Block, listBlock, mention, type Reply } from '../../src/chat/reply.ts';
import type { Digest } from '../../src/domain/digest/build.ts';
import type { PlanProgress } from '../../src/domain/digest/sections/progress.ts';
import { peopleResponsibleFor, teamsNamedIn } from '../../src/domain/directory/people.ts';
import type { TaskView } from '../../src/domain/tasks/store.ts';
import { truncate } from '../../src/domain/text.ts';
import { bogotaDateTime, dateRange, longDate } from './dates.ts';

/** Beyond this many people a team is named, not called out one by one (a message is not a roll call). */
const MAX_MENTIONS = 3;

/**
 * "Equipo MIPG (@Ana, @Luis y 2 más)": the teams of the directory the responsible text names (else
 * the text itself, shortened), and their people where known.
 */
export function responsibleWithMentions(db: Store, responsible: string): string {
  const people = peopleResponsibleFor(db, responsible).sort((a, b) => a.name.localeCompare(b.name, 'es'));
  const teams = teamsNamedIn(db, responsible);
  const name = teams.length > 0 ? teams.join(' y ') : truncate(responsible, 45);
  if (people.length === 0) return name;
  const shown = people
    .slice(0, MAX_MENTIONS)
    .map((p) => mention(p.id))
    .join(', ');
  const more = people.length > MAX_MENTIONS ? ` y ${people.length - MAX_MENTIONS} más` : '';
  return `${name} (${shown}${more})`;
}

/** "*2.3* Actualizar la DOFA… · Equipo MIPG (@Ana) · 1 oct – 30 nov 2026" */
export function taskDigestLine(db: Store, task: TaskView): string {
  return `*${task.code}* ${truncate(task.title, 60)} · ${responsibleWithMentions(db, task.responsible)} · ${dateRange(task.startDate, task.endDate)}`;
}

/**
 * A list of tasks under its heading, grouped by activity, showing the first `max` tasks and
 * "y N más" for the rest. Empty lists show nothing.
 */
export function groupedTaskBlocks(
  heading: string,
  tasks: TaskView[],
  max: number,
  line: (task: TaskView) => string,
): Block[] {
  if (tasks.length === 0) return [];
  const groups = new Map<number, { name: string; items: string[] }>();
  for (const task of tasks.slice(0, max)) {
    const group = groups.get(task.activityNumber) ?? { name: task.activityName, items: [] };
    group.items.push(line(task));
    groups.set(task.activityNumber, group);
  }
  const blocks: Block[] = [{ kind: 'text', text: heading }];
  for (const [number, group] of groups) {
    blocks.push(listBlock(`${number}. ${truncate(group.name, 70)}`, group.items, max));
  }
  if (tasks.length > max) {
    blocks.push({ kind: 'context', text: `… y ${tasks.length - max} más. Lista completa: /tareas` });
  }
  return blocks;
}

/** Counts in progress and done, and a table of % done per activity. */
export function progressBlocks(progress: PlanProgress): Block[] {
  return [
    {
      kind: 'fields',
      fields: [
        { label: 'En curso', value: String(progress.inProgress) },
        {
          label: 'Cumplidas',
          value: `${progress.done} de ${progress.total} (${progress.percentDone} %)`,
        },
      ],
    },
    {
      kind: 'table',
      title: 'Avance del plan por actividad',
      columns: ['Actividad', 'Cumplidas', 'Avance'],
      rows: progress.activities.map((a) => [
        `${a.number}. ${truncate(a.name, 40)}`,
        `${a.done} de ${a.total}`,
        `${a.percentDone} %`,
      ]),
    },
  ];
}

/** Said at the top of a message that goes out after its time because the bot was not running. */
export function lateNote(dueAt: Date): string {
  return `⏱️ Enviado con retraso: debía salir el ${bogotaDateTime(dueAt.toISOString())} (hora de Bogotá) y el bot no estaba en funcionamiento.`;
}

/** The weekly digest as posted to the team channel. */
export function digestReply(digest: Digest, late?: { dueAt: Date }): Reply {
  const blocks: Block[] = [
    {
      kind: 'context',
      text: `Semana del ${dateRange(digest.date, digest.weekEnd)} · corte: ${longDate(digest.date)} (hora de Bogotá).`,
    },
  ];
  if (late) blocks.push({ kind: 'context', text: lateNote(late.dueAt) });
  if (!digest.due) {
    blocks.push({
      kind: 'text',
      text: '✅ *Todo al día*: no hay tareas vencidas ni tareas que venzan esta semana.',
    });
  }
  for (const part of digest.parts.filter((p) => p.blocks.length > 0)) {
    blocks.push({ kind: 'divider' }, ...part.blocks);
  }
  blocks.push({
    kind: 'context',
    text: 'Detalle de una tarea: /tarea <código> · Sus pendientes: /pendientes · Estado: /estado tareas',
  });
  return {
    title: `Resumen semanal · Plan ${digest.year}`,
    tone: digest.due ? 'warning' : 'success',
    blocks,
    visibility: 'channel',
  };
}
