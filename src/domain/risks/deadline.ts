import type { Store } from '../../../db/client.ts';
import { planForDate, taskRowByCode } from '../tasks/store.ts';

/** The plan task in which each process updates its risk matrix (4.3 in the 2026 plan). */
export const MATRIX_UPDATE_TASK = '4.3';

/**
 * The date by which the matrices must be updated: the end of task 4.3 of the plan in force,
 * or undefined when no plan (or no such task) is loaded.
 */
export function matrixDeadline(store: Store, today: string): string | undefined {
  const plan = planForDate(store, today);
  if (!plan) return undefined;
  return taskRowByCode(store, plan.id, MATRIX_UPDATE_TASK)?.endDate;
}
