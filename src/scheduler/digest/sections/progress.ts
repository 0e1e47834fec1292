import { planProgress } from '../../../domain/tasks/progress.ts';
import { progressBlocks } from '../../../views/digest.ts';
import type { DigestSection } from '../section.ts';

export type { ActivityProgress, PlanProgress } from '../../../domain/tasks/progress.ts';

/** Counts of tasks in progress and done, and the plan's % done per activity. */
export const progressSection: DigestSection = {
  id: 'avance',
  build({ tasks }) {
    const progress = planProgress(tasks);
    return { json: { ...progress }, blocks: progressBlocks(progress), due: false };
  },
};
