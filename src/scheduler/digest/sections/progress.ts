import { planProgress } from '../../../domain/tasks/progress.ts';
import { plansProgressBlocks, progressBlocks } from '../../../views/digest.ts';
import type { DigestSection } from '../section.ts';

export type { ActivityProgress, PlanProgress } from '../../../domain/tasks/progress.ts';

/**
 * Counts of tasks in progress and done, and the plan's % done per activity; with several plans, each plan's
 * counts and % (its activities are in `/estado tareas`).
 */
export const progressSection: DigestSection = {
  id: 'avance',
  build({ tasks, plans }) {
    if (plans.length <= 1) {
      const progress = planProgress(tasks);
      return { json: { ...progress }, blocks: progressBlocks(progress), due: false };
    }
    const each = plans.map((plan) => ({
      code: plan.code,
      title: plan.title,
      ...planProgress(tasks.filter((t) => t.planCode === plan.code)),
    }));
    const { activities: _, ...all } = planProgress(tasks);
    const json = { ...all, plans: each.map(({ activities: _a, ...p }) => p) };
    return { json, blocks: plansProgressBlocks(all, each), due: false };
  },
};
