import type { Store } from '../../../db/client.ts';
import { people } from '../../../db/schema/index.ts';
import type { PlanRow } from '../tasks/store.ts';
import { summed, tasksSnapshot } from './snapshot.ts';
import type { PlanSection, TasksSnapshot } from './snapshot-types.ts';

/**
 * Several plans of a vigencia at a date, consolidated as the Plan de Acción Institucional: every task (each
 * naming its plan), every activity (each naming its plan), the counts summed, and the % as the mean of all
 * the activities, as for one plan; and each plan on its own in `plans`. With one plan, the consolidated
 * part is that plan's snapshot.
 */
export interface PlansSnapshot extends TasksSnapshot {
  plans: PlanSection[];
}

export function plansSnapshot(store: Store, rows: readonly PlanRow[], date: string): PlansSnapshot {
  const names = new Map(
    store
      .select({ id: people.id, name: people.name })
      .from(people)
      .all()
      .map((p) => [p.id, p.name]),
  );
  const each = rows.map((plan) => ({ plan, part: tasksSnapshot(store, plan.id, date, names) }));
  const consolidated = summed(
    each.flatMap(({ plan, part }) => part.activities.map((a) => ({ plan: plan.code, ...a }))),
    each.flatMap(({ plan, part }) => part.tasks.map((t) => ({ ...t, plan: plan.code }))),
  );
  return {
    ...consolidated,
    plans: each.map(({ plan, part }) => ({
      code: plan.code,
      name: plan.title,
      ownerTeam: plan.ownerTeam,
      leader: plan.leaderId === null ? null : (names.get(plan.leaderId) ?? null),
      scheduled: part.scheduled,
      executed: part.executed,
      counts: part.counts,
      activities: part.activities,
    })),
  };
}
