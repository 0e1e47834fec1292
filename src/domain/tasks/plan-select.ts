import type { Store } from '../../../db/client.ts';
import { DomainError } from '../errors.ts';
import { type PlanRow, plansOfYear, vigenciaFor } from './store.ts';

/** Which plans a command or an export looks at: a plan's code and/or a vigencia (both optional). */
export interface PlanFilter {
  plan?: string;
  year?: number;
}

/**
 * The plans a filter names: every plan of the vigencia (given, else the one in force on `today`), or only the
 * plan with the given code. Throws a Spanish explanation when there is none.
 */
export function plansChosen(
  store: Store,
  today: string,
  filter: PlanFilter = {},
): { year: number; plans: PlanRow[] } {
  const year = filter.year ?? vigenciaFor(store, today);
  const all = year === undefined ? [] : plansOfYear(store, year);
  if (year === undefined || all.length === 0) {
    throw new DomainError(
      filter.year === undefined ? 'Todavía no hay un plan cargado.' : `No hay planes de la vigencia ${year}.`,
      'Cárguelo con: npx mipg importar plan <archivo>',
    );
  }
  if (filter.plan === undefined) return { year, plans: all };
  const code = filter.plan.trim().toUpperCase();
  const plan = all.find((p) => p.code === code);
  if (!plan) {
    throw new DomainError(
      `No hay un plan ${code} en la vigencia ${year}.`,
      `Planes de ${year}: ${all.map((p) => p.code).join(', ')}.`,
    );
  }
  return { year, plans: [plan] };
}
