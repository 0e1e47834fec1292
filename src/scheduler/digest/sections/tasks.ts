import { clockAtBogotaDate } from '../../../domain/clock.ts';
import { ResponsibleResolver } from '../../../domain/directory/people.ts';
import { exportedTasks } from '../../../domain/tasks/plan-export.ts';
import type { PlanFilter } from '../../../domain/tasks/plan-select.ts';
import type { TaskView } from '../../../domain/tasks/store.ts';
import { groupedTaskBlocks, responsiblesToCall, taskDigestLine } from '../../../views/digest.ts';
import type { DigestInput, DigestSection } from '../section.ts';

/** Not done and ended before D. */
export function overdueOn(tasks: TaskView[], date: string): TaskView[] {
  return tasks.filter((t) => !t.doneAt && t.endDate < date);
}

/** Not done and ending from D to D + 6. */
export function dueWithin(tasks: TaskView[], date: string, weekEnd: string): TaskView[] {
  return tasks.filter((t) => !t.doneAt && t.endDate >= date && t.endDate <= weekEnd);
}

/** Starting from D to D + 6 (whatever their state). */
export function startingWithin(tasks: TaskView[], date: string, weekEnd: string): TaskView[] {
  return tasks.filter((t) => t.startDate >= date && t.startDate <= weekEnd);
}

/** Items per list before "y N más": three lists of eight keep the digest within every platform's limits. */
const MAX_PER_LIST = 8;

function lists(input: DigestInput) {
  const { tasks, date, weekEnd } = input;
  return {
    overdue: overdueOn(tasks, date),
    dueThisWeek: dueWithin(tasks, date, weekEnd),
    startingThisWeek: startingWithin(tasks, date, weekEnd),
  };
}

/** The plans whose tasks the digest's JSON shapes: the vigencia's, or the one plan of a plan's digest. */
function filterOf(input: DigestInput): PlanFilter {
  const only = input.plans.length === 1 ? input.plans[0] : undefined;
  return { year: input.plan.year, ...(only ? { plan: only.code } : {}) };
}

/** The three task lists: overdue, due this week and starting this week, grouped by plan and activity. */
export const taskListsSection: DigestSection = {
  id: 'tareas',
  build(input) {
    const { overdue, dueThisWeek, startingThisWeek } = lists(input);
    // The JSON carries every task, shaped as `exportar tareas --formato json` writes them.
    const byRef = new Map(
      exportedTasks(input.db, clockAtBogotaDate(input.date), filterOf(input)).tasks.map((t) => [
        `${t.plan} ${t.code}`,
        t,
      ]),
    );
    const shaped = (list: TaskView[]) => list.map((t) => byRef.get(`${t.planCode} ${t.code}`));
    const who = ResponsibleResolver.forLists(input.db);
    const line = (task: TaskView) => taskDigestLine(who, task);
    const plans = input.plans;
    return {
      json: {
        overdue: shaped(overdue),
        dueThisWeek: shaped(dueThisWeek),
        startingThisWeek: shaped(startingThisWeek),
      },
      blocks: [
        ...groupedTaskBlocks(`🔴 *Vencidas* (${overdue.length})`, overdue, MAX_PER_LIST, line, plans),
        ...groupedTaskBlocks(
          `🟠 *Vencen esta semana* (${dueThisWeek.length})`,
          dueThisWeek,
          MAX_PER_LIST,
          line,
          plans,
        ),
        ...groupedTaskBlocks(
          `🟢 *Empiezan esta semana* (${startingThisWeek.length})`,
          startingThisWeek,
          MAX_PER_LIST,
          line,
          plans,
        ),
        // Only those who must act are called, once each; tasks that merely start this week ping nobody.
        ...(overdue.length + dueThisWeek.length > 0
          ? [
              {
                kind: 'text' as const,
                text: `📣 *Deben actuar*: ${responsiblesToCall(who, [...overdue, ...dueThisWeek])}`,
              },
            ]
          : []),
      ],
      due: overdue.length + dueThisWeek.length > 0,
    };
  },
};
