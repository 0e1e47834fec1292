import { listBlock } from '../../../chat/reply.ts';
import { addCalendarDays, bogotaDate, bogotaInstant } from '../../../domain/clock.ts';
import { helpRequestsFor } from '../../reminders/answers.ts';
import { helpRequestLine } from '../../reminders/messages.ts';
import type { DigestSection } from '../section.ts';

/**
 * «Solicitudes de ayuda»: every request on a task still open on D (the coordination has to act),
 * and those of the last seven days whose task was done since (so the week's requests are all seen).
 */
export const helpRequestsSection: DigestSection = {
  id: 'ayuda',
  build({ db, date, tasks }) {
    const byId = new Map(tasks.map((t) => [t.id, t]));
    const weekAgo = bogotaInstant(addCalendarDays(date, -7)).toISOString();
    const endOfD = bogotaInstant(addCalendarDays(date, 1)).toISOString();
    const shown = helpRequestsFor(db, [...byId.keys()], endOfD).flatMap((request) => {
      const task = byId.get(request.taskId);
      return task && (task.status !== 'cumplida' || request.createdAt >= weekAgo) ? [{ task, request }] : [];
    });
    const open = shown.filter(({ task }) => task.status !== 'cumplida');
    return {
      json: {
        helpRequests: shown.map(({ task, request }) => ({
          task: task.code,
          title: task.title,
          person: request.personName,
          note: request.note,
          date: bogotaDate(new Date(request.createdAt)),
          open: task.status !== 'cumplida',
        })),
      },
      blocks:
        shown.length === 0
          ? []
          : [
              listBlock(
                'Solicitudes de ayuda',
                shown.map(({ task, request }) => helpRequestLine(task, request)),
                8,
              ),
            ],
      due: open.length > 0,
    };
  },
};
