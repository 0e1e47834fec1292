import type { Store } from '../../../db/client.ts';
import { addWorkingDays, isWorkingDay } from '../../domain/calendar/working-days.ts';
import { bogotaInstant, bogotaToday } from '../../domain/clock.ts';
import {
  coordinators,
  type Person,
  peopleResponsibleFor,
  processReporters,
} from '../../domain/directory/people.ts';
import { currentPlan, planForDate, type TaskView, taskRowByCode, tasksOf } from '../../domain/tasks/store.ts';
import type { Delivery } from '../send.ts';
import { answeredSince, type HelpRequest, helpRequestsFor, holdsOf, MAX_POSTPONEMENTS } from './answers.ts';
import { escalationReply, TASK_REMINDER_KIND, taskReminderItem, taskReminderReply } from './messages.ts';
import { isoWeek, reminderPeriod, remindersDue } from './plan.ts';
import type { ReminderProvider, ReminderRun } from './provider.ts';

function openTasks(run: Pick<ReminderRun, 'db' | 'date'>): { year: number; tasks: TaskView[] } {
  const plan = planForDate(run.db, run.date);
  if (!plan) return { year: 0, tasks: [] };
  return { year: plan.year, tasks: tasksOf(run.db, plan.id, run.date).filter((t) => !t.doneAt) };
}

/**
 * Who a task's reminder goes to: the leaders and delegates of the processes that still owe their part of
 * a per-process task (a process stops being reminded once its part is done), else the people of its team;
 * the coordinators when nobody is found.
 */
function recipientsOf(db: Store, task: TaskView): { people: Person[]; orphan: boolean } {
  const parts = task.parts;
  const people =
    parts?.kind === 'procesos'
      ? [
          ...new Map(
            parts.items
              .filter((p) => p.doneAt === null && p.processId !== null)
              .flatMap((p) => processReporters(db, p.processId ?? 0))
              .map((person) => [person.id, person]),
          ).values(),
        ]
      : peopleResponsibleFor(db, task.responsible);
  return people.length === 0 ? { people: coordinators(db), orphan: true } : { people, orphan: false };
}

/**
 * Parts read from indicator reports or risk matrices are reminded by those features, not twice here.
 */
function remindedHere(task: TaskView): boolean {
  return !task.parts || task.parts.source === 'manual';
}

/** Each not-done task reminds the people of its team before, on and (weekly) after its end date. */
export const taskReminders: ReminderProvider = {
  id: 'tareas',
  kinds: [TASK_REMINDER_KIND],
  plan(run) {
    const { year, tasks } = openTasks(run);
    const deliveries: Delivery[] = [];
    for (const task of tasks.filter(remindedHere)) {
      const holds = holdsOf(run.db, task.id);
      const due = remindersDue(task, run.config.MIPG_REMINDER_DAYS, holds, run.since, run.date);
      if (due.length === 0) continue;
      const { people: recipients, orphan } = recipientsOf(run.db, task);
      for (const reminder of due) {
        for (const person of recipients) {
          deliveries.push({
            kind: TASK_REMINDER_KIND,
            period: reminderPeriod(year, task.code, reminder),
            to: person,
            about: { kind: TASK_REMINDER_KIND, subject: task.code },
            build: (late) =>
              taskReminderReply(run.db, task, reminder, {
                canPostpone: holds.length < MAX_POSTPONEMENTS,
                orphan,
                late,
              }),
            item: (late) =>
              taskReminderItem(task, reminder, {
                canPostpone: holds.length < MAX_POSTPONEMENTS,
                orphan,
                late: late !== undefined,
              }),
          });
        }
      }
    }
    return deliveries;
  },
  stillWanted(row, run) {
    // The period starts with the plan's year: `2026:2.3:2026-09-23`.
    const plan = currentPlan(run.db, Number(row.period.split(':')[0]));
    const task = plan && row.subject ? taskRowByCode(run.db, plan.id, row.subject) : undefined;
    return task?.doneAt ? `La tarea ${task.code} ya está cumplida.` : undefined;
  },
};

/** The first day its reminders went out: since then, an answer counts. */
function remindedSince(task: TaskView, days: readonly number[]): string {
  const first = addWorkingDays(task.endDate, -Math.max(0, ...days));
  return bogotaInstant(first).toISOString();
}

/** The latest help request of each task since its reminders began (newest first, so the first kept). */
function latestHelp(db: Store, tasks: TaskView[], since: (t: TaskView) => string): Map<number, HelpRequest> {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const latest = new Map<number, HelpRequest>();
  for (const request of helpRequestsFor(db, [...byId.keys()])) {
    const task = byId.get(request.taskId);
    if (task && !latest.has(task.id) && request.createdAt >= since(task)) latest.set(task.id, request);
  }
  return latest;
}

/** Weekly, the coordinators get the overdue tasks with no evidence nor postponement; help requests shown. */
export const overdueEscalation: ReminderProvider = {
  id: 'escalamiento',
  kinds: ['escalamiento.vencidas'],
  plan(run) {
    if (!isWorkingDay(run.date)) return [];
    const { tasks } = openTasks(run);
    const since = (t: TaskView) => remindedSince(t, run.config.MIPG_REMINDER_DAYS);
    const silent = tasks.filter((t) => t.endDate < run.date && !answeredSince(run.db, t.id, since(t)));
    if (silent.length === 0) return [];
    const help = latestHelp(run.db, silent, since);
    return coordinators(run.db).map((person) => ({
      kind: 'escalamiento.vencidas',
      period: isoWeek(run.date),
      to: person,
      subject: silent.map((t) => t.code).join(','),
      build: (late) => escalationReply(run.db, silent, run.date, help, late),
    }));
  },
  stillWanted(row, run) {
    const { tasks } = openTasks({ db: run.db, date: bogotaToday(run.clock) });
    const open = new Set(tasks.map((t) => t.code));
    const listed = (row.subject ?? '').split(',');
    return listed.some((code) => open.has(code)) ? undefined : 'Las tareas de la lista ya están cumplidas.';
  },
};
