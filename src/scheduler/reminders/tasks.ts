import type { Store } from '../../../db/client.ts';
import { DEFAULT_PLAN_CODE } from '../../../db/schema/index.ts';
import { addWorkingDays, isWorkingDay } from '../../domain/calendar/working-days.ts';
import { bogotaInstant, bogotaToday } from '../../domain/clock.ts';
import { coordinators, type Person, ResponsibleResolver } from '../../domain/directory/people.ts';
import { openTasksOwed, parseTaskRef, plansOwed, refValue } from '../../domain/tasks/refs.ts';
import { plansOfYear, type TaskView, taskRowByCode, tasksOf, vigenciaFor } from '../../domain/tasks/store.ts';
import type { Delivery, Lateness } from '../send.ts';
import { allHolds, type HelpRequest, helpRequestsFor, lastAnswers, MAX_POSTPONEMENTS } from './answers.ts';
import { escalationReply, TASK_REMINDER_KIND, taskReminderItem, taskReminderReply } from './messages.ts';
import { isoWeek, reminderPeriod, remindersDue } from './plan.ts';
import type { ReminderProvider, ReminderRun } from './provider.ts';

/**
 * What a reminder's thread and buttons act on: the code people see in the vigencia in force, the full
 * reference (`PPI-2026-4.5`) for a task of an earlier one, which a code alone would confuse with this year's.
 */
function subjectOf(task: TaskView, inForce: number | undefined): string {
  return task.planYear === inForce ? task.label : refValue(task);
}

/**
 * The open tasks of every plan in force, and those of earlier vigencias not closed yet: plan after plan,
 * letting the event loop run between plans.
 */
async function openTasks(run: Pick<ReminderRun, 'db' | 'date' | 'pause'>): Promise<TaskView[]> {
  const open: TaskView[] = [];
  for (const plan of plansOwed(run.db, run.date)) {
    await run.pause();
    for (const task of tasksOf(run.db, plan.id, run.date)) if (!task.doneAt) open.push(task);
  }
  return open;
}

/**
 * Who a task's reminder goes to: the leaders and delegates of the processes that still owe their part of
 * a per-process task (a process stops being reminded once its part is done), else the people of its team;
 * the coordinators when nobody is found.
 */
function recipientsOf(
  db: Store,
  task: TaskView,
  resolver: ResponsibleResolver,
): { people: Person[]; orphan: boolean } {
  const parts = task.parts;
  const people =
    parts?.kind === 'procesos'
      ? [
          ...new Map(
            parts.items
              .filter((p) => p.doneAt === null && p.processId !== null)
              .flatMap((p) => resolver.reportersOf(p.processId ?? 0))
              .map((person) => [person.id, person]),
          ).values(),
        ]
      : resolver.peopleOf(task.responsible);
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
  async plan(run) {
    const tasks = await openTasks(run);
    const inForce = vigenciaFor(run.db, run.date);
    const resolver = ResponsibleResolver.forLists(run.db);
    const held = allHolds(run.db);
    const deliveries: Delivery[] = [];
    for (const task of tasks.filter(remindedHere)) {
      await run.pause();
      const holds = held.get(task.id) ?? [];
      const due = remindersDue(task, run.config.MIPG_REMINDER_DAYS, holds, run.since, run.date);
      if (due.length === 0) continue;
      const { people: recipients, orphan } = recipientsOf(run.db, task, resolver);
      const about = { kind: TASK_REMINDER_KIND, subject: subjectOf(task, inForce) };
      const canPostpone = holds.length < MAX_POSTPONEMENTS;
      for (const reminder of due) {
        // One message for everyone the reminder goes to: built by the same functions, per person only the ledger row.
        const period = reminderPeriod(task.planYear, task.label, reminder);
        const build = (late: Lateness | undefined) =>
          taskReminderReply(run.db, task, reminder, { canPostpone, orphan, late });
        const item = (late: Lateness | undefined) =>
          taskReminderItem(task, reminder, { canPostpone, orphan, late: late !== undefined });
        for (const person of recipients) {
          deliveries.push({ kind: TASK_REMINDER_KIND, period, to: person, about, build, item });
        }
      }
    }
    return deliveries;
  },
  stillWanted(row, run) {
    // The period starts with the plan's year: `2026:2.3:2026-09-23` (`2027:PTH 2.3:…` in another plan).
    const year = row.period.split(':')[0];
    const ref = row.subject ? parseTaskRef(row.subject) : null;
    if (!ref) return undefined;
    const plan = plansOfYear(run.db, Number(year)).find((p) => p.code === (ref.plan ?? DEFAULT_PLAN_CODE));
    const task = plan ? taskRowByCode(run.db, plan.id, ref.code) : undefined;
    return task?.doneAt ? `La tarea ${row.subject} ya está cumplida.` : undefined;
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
  async plan(run) {
    if (!isWorkingDay(run.date)) return [];
    const tasks = await openTasks(run);
    const since = (t: TaskView) => remindedSince(t, run.config.MIPG_REMINDER_DAYS);
    const answered = lastAnswers(run.db);
    const silent = tasks.filter((t) => t.endDate < run.date && (answered.get(t.id) ?? '') < since(t));
    if (silent.length === 0) return [];
    const help = latestHelp(run.db, silent, since);
    return coordinators(run.db).map((person) => ({
      kind: 'escalamiento.vencidas',
      period: isoWeek(run.date),
      to: person,
      subject: silent.map((t) => t.label).join(','),
      build: (late) => escalationReply(run.db, silent, run.date, help, late),
    }));
  },
  stillWanted(row, run) {
    const tasks = openTasksOwed(run.db, bogotaToday(run.clock));
    const open = new Set(tasks.map((t) => t.label));
    const listed = (row.subject ?? '').split(',');
    return listed.some((code) => open.has(code)) ? undefined : 'Las tareas de la lista ya están cumplidas.';
  },
};
