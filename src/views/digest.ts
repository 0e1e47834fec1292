import { type Block, listBlock, mention } from '../chat/reply.ts';
import type { ResponsibleResolver } from '../domain/directory/people.ts';
import { partsCount } from '../domain/tasks/part-actions.ts';
import type { PlanProgress } from '../domain/tasks/progress.ts';
import type { TaskView } from '../domain/tasks/store.ts';
import { truncate } from '../domain/text.ts';
import { bogotaDateTime, dateRange } from './dates.ts';
import { owingText } from './tasks.ts';

/** Beyond this many people a team is named, not called out one by one (a message is not a roll call). */
const MAX_MENTIONS = 3;

/**
 * "Equipo MIPG (@Ana, @Luis y 2 más)": the teams of the directory the responsible text names (else
 * the text itself, shortened), and their people where known.
 */
export function responsibleWithMentions(
  who: ResponsibleResolver,
  responsible: string,
  name = responsibleName(who, responsible),
): string {
  const people = [...who.peopleOf(responsible)].sort((a, b) => a.name.localeCompare(b.name, 'es'));
  if (people.length === 0) return name;
  const shown = people
    .slice(0, MAX_MENTIONS)
    .map((p) => mention(p.id))
    .join(', ');
  const more = people.length > MAX_MENTIONS ? ` y ${people.length - MAX_MENTIONS} más` : '';
  return `${name} (${shown}${more})`;
}

/** The teams of the directory a responsible text names, else the text itself, shortened. */
export function responsibleName(who: ResponsibleResolver, responsible: string): string {
  const teams = who.teamsOf(responsible);
  return teams.length > 0 ? teams.join(' y ') : truncate(responsible, 45);
}

/** "*2.3* Actualizar la DOFA… · Equipo MIPG · 1 oct – 30 nov 2026": a list line names the team, pings nobody. */
export function taskDigestLine(who: ResponsibleResolver, task: TaskView): string {
  const line = `*${task.label}* ${truncate(task.title, 60)} · ${responsibleName(who, task.responsible)} · ${dateRange(task.startDate, task.endDate)}`;
  if (!task.parts || task.doneAt) return line;
  return `${line} · ${partsCount(task.parts)} (faltan: ${owingText(task, 8)})`;
}

/**
 * "Equipo MIPG (@Ana, @Luis y 2 más) · Líderes de proceso (…)": each responsible of the given tasks once,
 * with its people called out, so a channel post pings each person at most once.
 */
export function responsiblesToCall(who: ResponsibleResolver, tasks: TaskView[]): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const task of tasks) {
    const name = responsibleName(who, task.responsible);
    if (seen.has(name)) continue;
    seen.add(name);
    parts.push(responsibleWithMentions(who, task.responsible, name));
  }
  return parts.join(' · ');
}

/** A plan as a digest heading names it. */
export interface PlanName {
  code: string;
  title: string;
}

/** Beyond this many plan headings and activity lists in one list, a list's activities name their plan instead. */
const MAX_GROUP_BLOCKS = 10;

function activityGroups(tasks: TaskView[], line: (task: TaskView) => string) {
  const groups = new Map<string, { plan: string; title: string; items: string[] }>();
  for (const task of tasks) {
    const key = `${task.planCode} ${task.activityNumber}`;
    const group = groups.get(key) ?? {
      plan: task.planCode,
      title: `${task.activityNumber}. ${truncate(task.activityName, 70)}`,
      items: [],
    };
    group.items.push(line(task));
    groups.set(key, group);
  }
  return [...groups.values()];
}

/**
 * A list of tasks under its heading, grouped by activity, showing the first `max` tasks and "y N más" for
 * the rest. With several plans, grouped by plan first: the plan's heading, then its activities. Empty lists
 * show nothing.
 */
export function groupedTaskBlocks(
  heading: string,
  tasks: TaskView[],
  max: number,
  line: (task: TaskView) => string,
  plans: PlanName[] = [],
): Block[] {
  if (tasks.length === 0) return [];
  const shown = tasks.slice(0, max);
  const groups = activityGroups(shown, line);
  const byPlan = plans.length > 1;
  const headings = byPlan ? new Set(groups.map((g) => g.plan)).size : 0;
  // A long digest must stay within a platform's block limit: then each activity names its plan.
  const fold = byPlan && headings + groups.length > MAX_GROUP_BLOCKS;
  const blocks: Block[] = [{ kind: 'text', text: heading }];
  let plan: string | undefined;
  for (const group of groups) {
    if (byPlan && !fold && group.plan !== plan) {
      plan = group.plan;
      const name = plans.find((p) => p.code === group.plan)?.title ?? '';
      blocks.push({ kind: 'text', text: `📁 *${group.plan}* · ${truncate(name, 70)}` });
    }
    blocks.push(listBlock(fold ? `${group.plan} · ${group.title}` : group.title, group.items, max));
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

/** With several plans: counts of all of them, and a table of % done per plan. */
export function plansProgressBlocks(
  all: Omit<PlanProgress, 'activities'>,
  plans: (PlanName & Omit<PlanProgress, 'activities'>)[],
): Block[] {
  return [
    {
      kind: 'fields',
      fields: [
        { label: 'En curso', value: String(all.inProgress) },
        { label: 'Cumplidas', value: `${all.done} de ${all.total} (${all.percentDone} %)` },
      ],
    },
    {
      kind: 'table',
      title: 'Avance por plan',
      columns: ['Plan', 'Cumplidas', 'Avance'],
      rows: plans.map((p) => [
        `${p.code} · ${truncate(p.title, 40)}`,
        `${p.done} de ${p.total}`,
        `${p.percentDone} %`,
      ]),
    },
  ];
}

/** Said at the top of a message that goes out after its time because the bot was not running. */
export function lateNote(dueAt: Date): string {
  return `⏱️ Enviado con retraso: debía salir el ${bogotaDateTime(dueAt.toISOString())} (hora de Bogotá) y el bot no estaba en funcionamiento.`;
}
