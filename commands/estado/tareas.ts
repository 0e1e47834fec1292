import { Pager, pagedCommand } from '../../src/chat/paging.ts';
import type { Reply } from '../../src/chat/reply.ts';
import type { TaskStatus } from '../../src/domain/tasks/status.ts';
import { truncate } from '../../src/domain/text.ts';
import { longDate } from '../../src/views/dates.ts';
import { owingText, taskLine } from '../../src/views/tasks.ts';
import { splitPage } from '../args.ts';
import { takeVigencia, vigenciaTasks } from '../vigencia-arg.ts';
import type { StatusTopic } from './topic.ts';

const usage = '/estado tareas [año] [pagina <n>]';

const order: TaskStatus[] = ['vencida', 'en_curso', 'pendiente', 'cumplida'];

/** /estado tareas: counts by state per activity and the overdue list. */
export const tasksStatus: StatusTopic = {
  name: 'tareas',
  summary: 'Tareas por estado en cada actividad y lista de vencidas.',
  usage,
  run(args, ctx): Reply {
    const asked = takeVigencia(args);
    const { page } = splitPage(asked.rest, usage, '/estado tareas pagina 2');
    const pager = new Pager(page, pagedCommand(`/estado tareas${asked.year ? ` ${asked.year}` : ''}`));
    const { year, today, tasks, closed } = vigenciaTasks(ctx, asked.year);
    const activities = [...new Map(tasks.map((t) => [t.activityNumber, t.activityName])).entries()];
    const rows = activities.map(([number, name]) => {
      const mine = tasks.filter((t) => t.activityNumber === number);
      const count = (s: TaskStatus) => String(mine.filter((t) => t.status === s).length);
      const done = mine.filter((t) => t.status === 'cumplida').length;
      return [
        `${number}. ${truncate(name, 40)}`,
        ...order.map(count),
        String(mine.length),
        `${Math.round((done / mine.length) * 100)} %`,
      ];
    });
    const total = (s: TaskStatus) => tasks.filter((t) => t.status === s).length;
    const overdue = tasks.filter((t) => t.status === 'vencida');
    const shared = tasks.filter((t) => t.parts && t.status === 'en_curso');
    const done = total('cumplida');
    return pager.reply({
      title: `Estado de las tareas · Plan ${year}`,
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
              value: `${done} de ${tasks.length} (${Math.round((done / Math.max(1, tasks.length)) * 100)} %)`,
            },
          ],
        },
        {
          kind: 'table',
          title: 'Por actividad',
          columns: ['Actividad', 'Vencidas', 'En curso', 'Pendientes', 'Cumplidas', 'Total', 'Avance'],
          rows,
        },
        pager.list(
          'Tareas vencidas',
          overdue.map((t) => `${taskLine(t)} · ${t.responsible}`),
          15,
          'No hay tareas vencidas. 🎉',
        ),
        ...(shared.length > 0
          ? [
              pager.list(
                'Tareas compartidas en curso (avance por partes)',
                shared.map((t) => `${taskLine(t)} · faltan: ${owingText(t, 10)}`),
                10,
              ),
            ]
          : []),
      ],
      visibility: 'private',
    });
  },
};
