import type { TaskView } from './store.ts';

export interface ActivityProgress {
  number: number;
  name: string;
  total: number;
  done: number;
  percentDone: number;
}

export interface PlanProgress {
  inProgress: number;
  done: number;
  total: number;
  percentDone: number;
  activities: ActivityProgress[];
}

function percent(done: number, total: number): number {
  return total === 0 ? 0 : Math.round((done / total) * 100);
}

/** Counts of tasks in progress and done, and the plan's % done per activity. */
export function planProgress(tasks: TaskView[]): PlanProgress {
  const activities = new Map<number, ActivityProgress>();
  for (const task of tasks) {
    const entry = activities.get(task.activityNumber) ?? {
      number: task.activityNumber,
      name: task.activityName,
      total: 0,
      done: 0,
      percentDone: 0,
    };
    entry.total += 1;
    if (task.doneAt) entry.done += 1;
    entry.percentDone = percent(entry.done, entry.total);
    activities.set(task.activityNumber, entry);
  }
  const done = tasks.filter((t) => t.doneAt).length;
  return {
    inProgress: tasks.filter((t) => t.status === 'en_curso').length,
    done,
    total: tasks.length,
    percentDone: percent(done, tasks.length),
    activities: [...activities.values()],
  };
}
