import { z } from 'zod/v4';
import type { Ctx } from '../src/chat/context.ts';
import { Pager, pagedCommand } from '../src/chat/paging.ts';
import type { CommandDef, Feature } from '../src/chat/registry.ts';
import { type Reply, textReply } from '../src/chat/reply.ts';
import { addCalendarDays, bogotaToday } from '../src/domain/clock.ts';
import { activePeople, ResponsibleResolver, teamsNamedIn } from '../src/domain/directory/people.ts';
import { DomainError } from '../src/domain/errors.ts';
import { closeTask, requireTask } from '../src/domain/tasks/actions.ts';
import { describeParts, type PartsSpec, setParts } from '../src/domain/tasks/parts-setup.ts';
import { isTaskRef } from '../src/domain/tasks/refs.ts';
import {
  evidenceOf,
  type PlanRow,
  plansForDate,
  type TaskView,
  tasksOfPlans,
} from '../src/domain/tasks/store.ts';
import { normalize, truncate } from '../src/domain/text.ts';
import { statusText, taskDetail, taskLine } from '../src/views/tasks.ts';
import { joinTaskRef, parseArgs, splitHead, splitPage } from './args.ts';

/** The plans of the vigencia in force on the Bogotá date of the clock, and that date. */
export function currentPlans(ctx: Pick<Ctx, 'db' | 'clock'>): {
  year: number;
  today: string;
  plans: PlanRow[];
} {
  const today = bogotaToday(ctx.clock);
  const plans = plansForDate(ctx.db, today);
  const first = plans[0];
  if (!first) {
    throw new DomainError(
      'Todavía no hay un plan cargado.',
      'Cárguelo con: npx mipg importar plan <archivo>',
    );
  }
  return { year: first.year, today, plans };
}

/** The tasks of every plan of the vigencia in force on the Bogotá date of the clock, plan after plan. */
export function currentTasks(ctx: Pick<Ctx, 'db' | 'clock'>): {
  year: number;
  today: string;
  tasks: TaskView[];
  plans: PlanRow[];
} {
  const found = currentPlans(ctx);
  return { ...found, tasks: tasksOfPlans(ctx.db, found.plans, found.today) };
}

const filterUsage = '/tareas [plan] [mias|vencidas|proximas|<actividad 1-6>] [pagina <n>]';

/**
 * A leading plan code (`/tareas PTH vencidas`) narrows the list to that plan of the vigencia in force;
 * without one every plan is listed. Any other word is read as a filter.
 */
function splitPlan(rest: string, plans: PlanRow[]): { plan?: PlanRow; rest: string } {
  const { head, rest: after } = splitHead(rest, 1);
  const word = head[0] ?? '';
  const plan = plans.find((p) => p.code === word.toUpperCase());
  return plan ? { plan, rest: after } : { rest };
}

const filterSchema = z.union(
  [
    z.literal(''),
    z.enum(['mias', 'vencidas', 'proximas']),
    z.string().regex(/^[1-9]$/, { message: 'la actividad es un número de 1 a 6' }),
  ],
  { error: 'Filtro desconocido.' },
);

function filterTasks(ctx: Ctx, all: TaskView[], today: string, filter: string) {
  switch (filter) {
    case '':
      return { label: 'Todas las tareas', tasks: all };
    case 'mias':
      return {
        label: 'Tareas de sus equipos',
        tasks: ((resolver) => all.filter((t) => resolver.includes(ctx.actor, t.responsible)))(
          new ResponsibleResolver(ctx.db),
        ),
      };
    case 'vencidas':
      return {
        label: 'Tareas vencidas',
        tasks: all.filter((t) => t.status === 'vencida'),
      };
    case 'proximas': {
      const limit = addCalendarDays(today, 30);
      return {
        label: 'Tareas que vencen en los próximos 30 días',
        tasks: all.filter((t) => t.status !== 'cumplida' && t.endDate >= today && t.endDate <= limit),
      };
    }
    default: {
      const number = Number(filter);
      const tasks = all.filter((t) => t.activityNumber === number);
      if (tasks.length === 0) {
        throw new DomainError(`El plan no tiene la actividad ${filter}.`, 'Las actividades van de 1 a 6.');
      }
      return {
        label: `Actividad ${number}. ${truncate(tasks[0]?.activityName ?? '', 100)}`,
        tasks,
      };
    }
  }
}

const tareas: CommandDef = {
  name: 'tareas',
  summary: 'Lista las tareas del plan (todas, las suyas, vencidas, próximas o de una actividad).',
  usage: [filterUsage],
  writes: false,
  run(args, ctx): Reply {
    const { rest: typed, page } = splitPage(args, filterUsage, '/tareas 3 pagina 2');
    const { year, today, tasks: all, plans } = currentTasks(ctx);
    const { plan, rest } = splitPlan(typed, plans);
    const filter = parseArgs(filterSchema, normalize(rest), filterUsage, '/tareas vencidas');
    const tasks = plan ? all.filter((t) => t.planCode === plan.code) : all;
    const { label, tasks: shown } = filterTasks(ctx, tasks, today, filter);
    // With several plans, each list is one activity of one plan (`PTH · 2. …`).
    const several = !plan && plans.length > 1;
    const prefix = plan ? `${plan.code} ` : '';
    const byActivity = new Map<string, TaskView[]>();
    for (const task of shown) {
      const key = `${task.planCode}|${task.activityNumber}`;
      byActivity.set(key, [...(byActivity.get(key) ?? []), task]);
    }
    // Page N of a filter is page N of each of its activities; the whole plan sends each activity
    // to its own list (`/tareas 3 pagina 2`), the narrower answer.
    const pager = new Pager(page, pagedCommand(`/tareas ${prefix}${filter}`.trim()));
    const blocks = [...byActivity.values()].map((list) => {
      const first = list[0] as TaskView;
      const heading = `${first.activityNumber}. ${truncate(first.activityName, 90)}`;
      const own = several ? `${first.planCode} ` : prefix;
      return pager.list(
        several ? `${first.planCode} · ${heading}` : heading,
        list.map((t) => taskLine(t)),
        15,
        undefined,
        filter ? undefined : pagedCommand(`/tareas ${own}${first.activityNumber}`),
      );
    });
    if (blocks.length === 0) {
      const empty =
        filter === 'mias' ? 'No hay tareas a cargo de sus equipos.' : 'No hay tareas en esta lista.';
      blocks.push(pager.list(undefined, [], 1, empty));
    }
    return pager.reply({
      title: `${label} · ${plan ? `${plan.code} · ${plan.title}` : several ? `Plan de Acción ${year}` : `Plan ${year}`} (${shown.length})`,
      blocks: [
        ...blocks,
        {
          kind: 'context',
          text: 'Detalle de una tarea: /tarea <código>, por ejemplo /tarea 2.3',
        },
      ],
      visibility: 'private',
    });
  },
};

const codeUsage = '/tarea <código> [pagina <n>]';
const setupUsage = [
  '/tarea <código> partes procesos|indicadores|riesgos|ninguna',
  '/tarea <código> meta <número>',
  '/tarea <código> cerrar <motivo>',
];

export const taskCodeSchema = z
  .string({ error: 'Falta el código de la tarea.' })
  .min(1, { message: 'Falta el código de la tarea.' })
  .refine(isTaskRef, {
    message:
      'El código de una tarea es <actividad>.<tarea>, por ejemplo 2.3 (en otro plan, con su código: PTH 2.3).',
  });

const partsWords: Record<string, PartsSpec> = {
  procesos: { kind: 'procesos', source: 'manual' },
  indicadores: { kind: 'procesos', source: 'indicadores' },
  riesgos: { kind: 'procesos', source: 'riesgos' },
  ninguna: { kind: null },
};

/** `partes …`, `meta N`: what the coordinator asks a task to be split into. */
function partsSpec(word: string, value: string, code: string): PartsSpec {
  if (word === 'meta') {
    const target = Number(value);
    if (!/^\d+$/.test(value)) {
      throw new DomainError(
        `«${value || '(vacío)'}» no es una meta válida.`,
        `Ejemplo: /tarea ${code} meta 8`,
      );
    }
    return { kind: 'numeradas', target };
  }
  const spec = partsWords[normalize(value)];
  if (!spec) {
    throw new DomainError(
      `«${value || '(vacío)'}» no es una forma de partes conocida.`,
      `Use: /tarea ${code} partes procesos|indicadores|riesgos|ninguna, o /tarea ${code} meta <número>.`,
    );
  }
  return spec;
}

/** The coordinator's changes to a task: its parts, its target, or closing it with a reason. */
function setupTask(ctx: Ctx, code: string, word: string, rest: string): Reply {
  if (word === 'cerrar') {
    const change = closeTask(ctx.db, ctx.clock, ctx.actor, code, rest);
    return textReply(
      `La tarea *${change.task.label}* quedó cerrada (${statusText(change.task)}). Motivo: ${rest}`,
      {
        tone: 'success',
      },
    );
  }
  const task = requireTask(ctx.db, ctx.clock, code);
  const spec = partsSpec(word, rest.trim(), code);
  const count = setParts(ctx.db, ctx.clock, ctx.actor, task, spec);
  const what = describeParts(spec);
  return textReply(
    count > 0
      ? `La tarea *${task.label}* quedó con ${what}: ${count} en total. Vea el avance con /tarea ${task.label}.`
      : `La tarea *${task.label}* quedó ${what}.`,
    { tone: 'success' },
  );
}

const tarea: CommandDef = {
  name: 'tarea',
  summary: 'Muestra una tarea: qué, quién, fechas, estado, partes y evidencias.',
  usage: [codeUsage, ...setupUsage],
  writes: (args) => /^\S+\s+(partes|meta|cerrar)\b/i.test(joinTaskRef(args)),
  run(typed, ctx): Reply {
    const args = joinTaskRef(typed);
    const { head, rest: after } = splitHead(args, 2);
    const word = normalize(head[1] ?? '');
    if (['partes', 'meta', 'cerrar'].includes(word)) {
      const code = parseArgs(taskCodeSchema, head[0] ?? '', setupUsage.join(' · '), '/tarea 2.1 meta 8');
      return setupTask(ctx, code, word, after);
    }
    const { rest, page } = splitPage(args, codeUsage, '/tarea 2.3 pagina 2');
    const code = parseArgs(taskCodeSchema, rest, codeUsage, '/tarea 2.3');
    const task = requireTask(ctx.db, ctx.clock, code);
    const names = new Map(activePeople(ctx.db).map((p) => [p.id, p.name]));
    const pager = new Pager(page, pagedCommand(`/tarea ${task.label}`));
    const teams = teamsNamedIn(ctx.db, task.responsible);
    return pager.reply(taskDetail(task, evidenceOf(ctx.db, task.id), names, teams, pager));
  },
};

export const tasksFeature: Feature = { commands: [tareas, tarea] };
