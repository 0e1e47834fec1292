import type { Ctx } from '../src/chat/context.ts';
import { Pager, pagedCommand } from '../src/chat/paging.ts';
import type { CommandDef, Feature } from '../src/chat/registry.ts';
import type { Reply } from '../src/chat/reply.ts';
import { ResponsibleResolver } from '../src/domain/directory/people.ts';
import type { TaskView } from '../src/domain/tasks/store.ts';
import { taskLine } from '../src/views/tasks.ts';
import { splitPage } from './args.ts';
import { attendancePending } from './asistencia.ts';
import type { PendingSection } from './pending-section.ts';
import { helpPending } from './recordatorios.ts';
import { indicatorPending } from './reportar/pendientes.ts';
import { matrixPendingSection } from './riesgos.ts';
import { currentTasks } from './tareas.ts';

export type { PendingSection } from './pending-section.ts';

const openTasks: PendingSection = {
  id: 'tareas',
  build(ctx, pager) {
    const { tasks } = currentTasks(ctx);
    const ownPart = (t: TaskView) =>
      t.parts?.source === 'manual' &&
      t.parts.items.find(
        (p) => p.doneAt === null && p.processId !== null && p.processId === ctx.actor.processId,
      );
    const leads = ['lider', 'delegado'].includes(ctx.actor.role);
    const resolver = new ResponsibleResolver(ctx.db);
    const mine = tasks.filter(
      (t) =>
        t.status !== 'cumplida' && (resolver.includes(ctx.actor, t.responsible) || (leads && ownPart(t))),
    );
    mine.sort((a, b) => a.endDate.localeCompare(b.endDate));
    const line = (t: TaskView) => {
      const part = leads ? ownPart(t) : undefined;
      return part ? `${taskLine(t)} · le falta la parte de ${part.processCode}` : taskLine(t);
    };
    return [pager.list('Tareas abiertas de sus equipos', mine.map(line), 10, 'No tiene tareas abiertas.')];
  },
};

/** Each feature adds its section here. */
export const pendingSections: PendingSection[] = [
  openTasks,
  helpPending,
  indicatorPending,
  matrixPendingSection,
  attendancePending,
];

const usage = '/pendientes [pagina <n>]';

/** The person's open work: what the Slack App Home and `/pendientes` show (`page` of its lists). */
export function pendingFor(ctx: Ctx, page = 1): Reply {
  const pager = new Pager(page, pagedCommand('/pendientes'));
  const blocks = pendingSections.flatMap((s) => s.build(ctx, pager));
  return pager.reply({
    title: `Mis pendientes · ${ctx.actor.name}`,
    blocks: [
      ...blocks,
      {
        kind: 'context',
        text: 'Detalle de una tarea: /tarea <código> · Ayuda: /ayuda',
      },
    ],
    visibility: 'private',
  });
}

const pendientes: CommandDef = {
  name: 'pendientes',
  aliases: ['mis-pendientes'],
  summary: 'Sus pendientes: tareas abiertas de sus equipos y lo que le toca reportar.',
  usage: [usage],
  writes: false,
  run: (args, ctx) => pendingFor(ctx, splitPage(args, usage, '/pendientes pagina 2').page),
};

export const pendingFeature: Feature = { commands: [pendientes] };
