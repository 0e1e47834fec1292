import type { Ctx } from '../src/chat/context.ts';
import { bogotaToday } from '../src/domain/clock.ts';
import { DomainError } from '../src/domain/errors.ts';
import { type PlanRow, plansOfYear, vigenciasWithPlans } from '../src/domain/tasks/store.ts';
import { closedVigencia, closingDay } from '../src/domain/tasks/vigencia-guard.ts';
import { currentPlans } from './tareas.ts';

/** Takes a vigencia off typed arguments: `2026`, `vigencia 2026` or `--vigencia 2026`. */
export function takeVigencia(args: string): { rest: string; year?: number } {
  const match = /(?:^|\s)(?:(?:--|—|–)?vigencia\s+)?(\d{4})(?=\s|$)/i.exec(args);
  if (!match) return { rest: args.trim() };
  const rest = `${args.slice(0, match.index)} ${args.slice(match.index + match[0].length)}`;
  return { rest: rest.replace(/\s+/g, ' ').trim(), year: Number(match[1]) };
}

/**
 * The plans of a vigencia (the one in force when none is asked) and today's Bogotá date: a past one stays
 * whole and readable, closed or not. `closed` says when it was closed.
 */
export function vigenciaPlans(
  ctx: Pick<Ctx, 'db' | 'clock'>,
  year?: number,
): { year: number; today: string; plans: PlanRow[]; closed?: string } {
  if (year === undefined) return currentPlans(ctx);
  const plans = plansOfYear(ctx.db, year);
  if (plans.length === 0) {
    const known = vigenciasWithPlans(ctx.db);
    throw new DomainError(
      `No hay planes de la vigencia ${year}.`,
      known.length > 0 ? `Vigencias con planes: ${known.join(', ')}.` : 'Todavía no hay un plan cargado.',
    );
  }
  const row = closedVigencia(ctx.db, year);
  return { year, today: bogotaToday(ctx.clock), plans, ...(row ? { closed: closingDay(row) } : {}) };
}
