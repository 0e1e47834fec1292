import type { Store } from '../../../db/client.ts';
import { cachedView } from '../view-cache.ts';
import type { TaskStatus } from './status.ts';
import { type PlanRow, type TaskView, tasksOfPlans } from './store.ts';

/** Tasks counted by state. */
export interface StatusCounts {
  vencida: number;
  en_curso: number;
  pendiente: number;
  cumplida: number;
  total: number;
}

/** A group of tasks (a plan, or an activity of one plan) and its counts, in document order. */
export interface SummaryGroup {
  /** The plan's code, or the activity's number. */
  key: string;
  /** What the group is called: the plan's title, or the activity's name. */
  name: string;
  counts: StatusCounts;
}

/** Where the tasks of some plans stand on a date: counts overall and per group, the overdue and the shared in progress. */
export interface TaskSummary {
  overall: StatusCounts;
  groups: SummaryGroup[];
  overdue: TaskView[];
  /** Shared tasks (with parts) in progress. */
  shared: TaskView[];
}

const emptyCounts = (): StatusCounts => ({ vencida: 0, en_curso: 0, pendiente: 0, cumplida: 0, total: 0 });

/**
 * The summary of the plans' tasks as of the end of `today`, grouped by plan (every plan, even one with no
 * tasks) or by activity. Worked out in one pass and kept until the data changes (see view-cache.ts).
 */
export function taskSummary(
  store: Store,
  plans: readonly PlanRow[],
  today: string,
  by: 'plan' | 'activity',
): TaskSummary {
  const key = `taskSummary:${plans.map((p) => p.id).join(',')}:${today}:${by}`;
  return cachedView(store, key, () => {
    const groups = new Map<string, SummaryGroup>();
    if (by === 'plan') {
      for (const p of plans) groups.set(p.code, { key: p.code, name: p.title, counts: emptyCounts() });
    }
    const overall = emptyCounts();
    const overdue: TaskView[] = [];
    const shared: TaskView[] = [];
    for (const t of tasksOfPlans(store, plans, today)) {
      const groupKey = by === 'plan' ? t.planCode : String(t.activityNumber);
      let group = groups.get(groupKey);
      if (!group) {
        group = { key: groupKey, name: t.activityName, counts: emptyCounts() };
        groups.set(groupKey, group);
      }
      count(group.counts, t.status);
      count(overall, t.status);
      if (t.status === 'vencida') overdue.push(t);
      if (t.parts && t.status === 'en_curso') shared.push(t);
    }
    return { overall, groups: [...groups.values()], overdue, shared };
  });
}

function count(counts: StatusCounts, status: TaskStatus): void {
  counts[status] += 1;
  counts.total += 1;
}
