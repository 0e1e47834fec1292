import type { Store } from '../../../db/client.ts';
import { DEFAULT_PLAN_CODE, vigencias } from '../../../db/schema/index.ts';
import { DomainError } from '../errors.ts';
import { truncate } from '../text.ts';
import {
  type PlanRow,
  plansOfYear,
  type TaskView,
  tasksOf,
  tasksOfPlans,
  vigenciaFor,
  vigenciasWithPlans,
} from './store.ts';

/**
 * How a task is named. Within the Política de Planeación Institucional a code alone (`2.3`); in another
 * plan of the vigencia, qualified by its plan (`PTH 2.3`). Buttons carry the full reference (`PTH-2027-2.3`),
 * which finds the task whatever the date.
 */

export interface TaskRef {
  plan?: string;
  year?: number;
  code: string;
}

/** `2.3`, `PTH 2.3`, `pth-2.3`, `PPI-2026-4.5` → its parts; null when it is not a task reference. */
export function parseTaskRef(text: string): TaskRef | null {
  const match = /^(?:([A-Za-z][A-Za-z0-9]{1,7})[\s-]+(?:(\d{4})[\s-]+)?)?(\d{1,2}\.\d{1,2})$/.exec(
    text.trim(),
  );
  if (!match) return null;
  const [, plan, year, code = ''] = match;
  return { code, ...(plan ? { plan: plan.toUpperCase() } : {}), ...(year ? { year: Number(year) } : {}) };
}

/**
 * Whether two references can name the same task: same code, and the same plan and vigencia where both say
 * one (a bare `2.3` is the PPI's). Messages sent before plans had codes carry bare codes.
 */
export function sameTaskRef(a: string, b: string): boolean {
  const x = parseTaskRef(a);
  const y = parseTaskRef(b);
  if (!x || !y || x.code !== y.code) return false;
  if ((x.plan ?? DEFAULT_PLAN_CODE) !== (y.plan ?? DEFAULT_PLAN_CODE)) return false;
  return x.year === undefined || y.year === undefined || x.year === y.year;
}

export function isTaskRef(text: string): boolean {
  return parseTaskRef(text) !== null;
}

/** The reference a button carries: unambiguous in any vigencia. */
export function refValue(task: { code: string; planCode: string; planYear: number }): string {
  return `${task.planCode}-${task.planYear}-${task.code}`;
}

function candidates(store: Store, ref: TaskRef, today: string): TaskView[] {
  const matches = (list: TaskView[]) =>
    list.filter((t) => t.code === ref.code && (ref.plan === undefined || t.planCode === ref.plan));
  if (ref.year !== undefined) return matches(tasksOfPlans(store, plansOfYear(store, ref.year), today));
  const inForce = vigenciaFor(store, today);
  if (inForce === undefined) return [];
  const current = matches(tasksOfPlans(store, plansOfYear(store, inForce), today));
  if (current.length > 0) return current;
  // A task of an earlier vigencia still open (overdue 2026 work in January 2027) is found by its code too.
  const earlier = vigenciasWithPlans(store).filter((y) => y < inForce);
  return earlier.flatMap((y) =>
    matches(tasksOfPlans(store, plansOfYear(store, y), today)).filter((t) => !t.doneAt),
  );
}

/** How a task is told apart when several share its code: `PTH 2.3 (2027) «Formular…»`. */
function described(task: TaskView): string {
  return `${task.planCode} ${task.code} (${task.planYear}) «${truncate(task.title, 60)}»`;
}

/**
 * The task a typed or pressed reference names, or a Spanish explanation: it does not exist, or several plans
 * have that code (listed, with how to name each).
 */
export function resolveTask(store: Store, today: string, text: string): TaskView {
  const ref = parseTaskRef(text);
  if (!ref) {
    throw new DomainError(
      `«${text}» no es un código de tarea.`,
      'El código de una tarea es <actividad>.<tarea>, por ejemplo 2.3; en otro plan, con su código: PTH 2.3.',
    );
  }
  const found = candidates(store, ref, today);
  if (found.length === 1 && found[0]) return found[0];
  if (found.length > 1) {
    throw new DomainError(
      `Hay ${found.length} tareas ${ref.code}: ${found.map(described).join('; ')}.`,
      `Escriba el código del plan antes del de la tarea, por ejemplo /tarea ${found[1]?.planCode ?? 'PTH'} ${ref.code}.`,
    );
  }
  const year = ref.year ?? vigenciaFor(store, today);
  if (year === undefined) {
    throw new DomainError(
      'Todavía no hay un plan cargado.',
      'Cárguelo con: npx mipg importar plan <archivo>',
    );
  }
  const several = plansOfYear(store, year).length > 1;
  const where = ref.plan
    ? `el plan ${ref.plan} ${year}`
    : several
      ? `los planes de ${year}`
      : `el plan ${year}`;
  throw new DomainError(`No existe la tarea ${ref.code} en ${where}.`, 'Vea la lista con /tareas.');
}

/** Every task of the plans of the vigencia in force on a date (see `vigenciaFor`), plan after plan. */
export function tasksInForce(store: Store, today: string): TaskView[] {
  const year = vigenciaFor(store, today);
  return year === undefined ? [] : tasksOfPlans(store, plansOfYear(store, year), today);
}

/**
 * The work still owed on a date: the open tasks of the vigencia in force and those of earlier vigencias not
 * closed (overdue 2026 tasks keep being reminded in January 2027 until done or closed with a reason).
 */
export function openTasksOwed(store: Store, today: string): TaskView[] {
  return plansOwed(store, today)
    .flatMap((plan) => tasksOf(store, plan.id, today))
    .filter((t) => !t.doneAt);
}

/** The plans whose open tasks are owed on a date (see `openTasksOwed`), earlier vigencias first. */
export function plansOwed(store: Store, today: string): PlanRow[] {
  const inForce = vigenciaFor(store, today);
  if (inForce === undefined) return [];
  const closed = new Set(
    store
      .select({ year: vigencias.year })
      .from(vigencias)
      .all()
      .map((v) => v.year),
  );
  const years = vigenciasWithPlans(store).filter((y) => y === inForce || (y < inForce && !closed.has(y)));
  return years.sort((a, b) => a - b).flatMap((y) => plansOfYear(store, y));
}
