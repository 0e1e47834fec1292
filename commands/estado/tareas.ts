import { Pager, pagedCommand } from '../../src/chat/paging.ts';
import type { Reply } from '../../src/chat/reply.ts';
import { DomainError } from '../../src/domain/errors.ts';
import type { TaskStatus } from '../../src/domain/tasks/status.ts';
import { type StatusCounts, taskSummary } from '../../src/domain/tasks/summary.ts';
import { truncate } from '../../src/domain/text.ts';
import { longDate } from '../../src/views/dates.ts';
import { owingText, taskLine } from '../../src/views/tasks.ts';
import { splitPage } from '../args.ts';
import { takeVigencia, vigenciaPlans } from '../vigencia-arg.ts';
import type { StatusTopic } from './topic.ts';

const usage = '/estado tareas [año] [plan] [pagina <n>]';

/** One table row of counts by state for a group of tasks (an activity or a whole plan). */
function countsRow(label: string, counts: StatusCounts): string[] {
  return [
    label,
    ...order.map((s) => String(counts[s])),
    String(counts.total),
    `${Math.round((counts.cumplida / Math.max(1, counts.total)) * 100)} %`,
  ];
}

const order: TaskStatus[] = ['vencida', 'en_curso', 'pendiente', 'cumplida'];

/** /estado tareas: counts by state per activity and the overdue list. */
export const tasksStatus: StatusTopic = {
  name: 'tareas',
  summary: 'Tareas por estado en cada actividad y lista de vencidas.',
  usage,
  run(args, ctx): Reply {
    const asked = takeVigencia(args);
    const { rest, page } = splitPage(asked.rest, usage, '/estado tareas pagina 2');
    const { year, today, plans, closed } = vigenciaPlans(ctx, asked.year);
    const wanted = rest.trim().toUpperCase();
    const plan = wanted ? plans.find((p) => p.code === wanted) : undefined;
    if (wanted && !plan) {
      throw new DomainError(
        `No hay un plan «${rest.trim()}» en la vigencia ${year}.`,
        `Planes: ${plans.map((p) => `${p.code} (${p.title})`).join(', ')}.`,
      );
    }
    const pager = new Pager(
      page,
      pagedCommand(`/estado tareas${asked.year ? ` ${asked.year}` : ''}${plan ? ` ${plan.code}` : ''}`),
    );
    // Several plans: one line per plan (each plan's activities with /estado tareas <plan>); one plan: per activity.
    const byPlan = !plan && plans.length > 1;
    const summary = taskSummary(ctx.db, plan ? [plan] : plans, today, byPlan ? 'plan' : 'activity');
    const rows = summary.groups.map((g) =>
      countsRow(
        byPlan ? `${g.key} · ${truncate(g.name, 36)}` : `${g.key}. ${truncate(g.name, 40)}`,
        g.counts,
      ),
    );
    const { overdue, shared } = summary;
    const total = (s: TaskStatus) => summary.overall[s];
    const done = total('cumplida');
    const count = summary.overall.total;
    return pager.reply({
      title: `Estado de las tareas · ${plan ? `${plan.code} · ${plan.title}` : byPlan ? `Plan de Acción ${year}` : `Plan ${year}`}`,
      blocks: [
        {
          kind: 'context',
          text: `Corte: ${longDate(today)} (hora de Bogotá).${closed ? ` Vigencia cerrada el ${closed}: se consulta, ya no cambia.` : ''}`,
        },
        {
          kind: 'fields',
          fields: [
            { label: 'Vencidas', value: String(total('vencida')) },
            { label: 'En curso', value: String(total('en_curso')) },
            { label: 'Pendientes', value: String(total('pendiente')) },
            {
              label: 'Cumplidas',
              value: `${done} de ${count} (${Math.round((done / Math.max(1, count)) * 100)} %)`,
            },
          ],
        },
        {
          kind: 'table',
          title: byPlan ? 'Por plan (detalle: /estado tareas <plan>)' : 'Por actividad',
          columns: [
            byPlan ? 'Plan' : 'Actividad',
            'Vencidas',
            'En curso',
            'Pendientes',
            'Cumplidas',
            'Total',
            'Avance',
          ],
          rows,
        },
        pager.listOf(
          'Tareas vencidas',
          overdue,
          (t) => `${taskLine(t)} · ${t.responsible}`,
          15,
          'No hay tareas vencidas. 🎉',
        ),
        ...(shared.length > 0
          ? [
              pager.listOf(
                'Tareas compartidas en curso (avance por partes)',
                shared,
                (t) => `${taskLine(t)} · faltan: ${owingText(t, 10)}`,
                10,
              ),
            ]
          : []),
      ],
      visibility: 'private',
    });
  },
};
