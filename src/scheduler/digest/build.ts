import type { Store } from '../../../db/client.ts';
import { addCalendarDays } from '../../domain/clock.ts';
import { DomainError } from '../../domain/errors.ts';
import { plansForDate, tasksOfPlans } from '../../domain/tasks/store.ts';
import type { DigestPart, DigestSection } from './section.ts';
import { digestSections, planDigestSections } from './sections/index.ts';

/** The weekly digest of a Bogotá date: each section's part, in order, and the merged JSON. */
export interface Digest {
  date: string;
  weekEnd: string;
  year: number;
  /** The plans it covers (every plan in force, or the one of a plan's own digest), by code and name. */
  plans: { code: string; title: string }[];
  /** Set when it is the digest of one plan only, for its leader's channel. */
  plan?: string;
  parts: (DigestPart & { id: string })[];
  /** Whether any section has something overdue or due; otherwise it is a "todo al día" digest. */
  due: boolean;
  json: Record<string, unknown> & { date: string };
}

/**
 * Builds the digest for date D from the plans in force on D, or, with `plan`, the digest of that plan only
 * (its tasks and progress) for its leader's channel.
 */
export function buildDigest(
  db: Store,
  date: string,
  sections: DigestSection[] = digestSections,
  options: { plan?: string } = {},
): Digest {
  const inForce = plansForDate(db, date);
  const main = inForce[0];
  if (!main) {
    throw new DomainError(
      'Todavía no hay un plan cargado: no hay resumen que mostrar.',
      'Cárguelo con: npx mipg importar plan <archivo>',
    );
  }
  const only = options.plan === undefined ? undefined : inForce.find((p) => p.code === options.plan);
  if (options.plan !== undefined && !only) {
    throw new DomainError(
      `No hay un plan ${options.plan} en la vigencia ${main.year}.`,
      `Planes de ${main.year}: ${inForce.map((p) => p.code).join(', ')}.`,
    );
  }
  const plans = only ? [only] : inForce;
  const chosen = only ? planDigestSections(sections) : sections;
  const input = {
    db,
    date,
    weekEnd: addCalendarDays(date, 6),
    plan: only ?? main,
    plans,
    tasks: tasksOfPlans(db, plans, date),
  };
  const parts = chosen.map((section) => ({ id: section.id, ...section.build(input) }));
  const json = Object.assign({ date }, ...parts.map((p) => p.json)) as Digest['json'];
  return {
    date,
    weekEnd: input.weekEnd,
    year: main.year,
    plans: plans.map((p) => ({ code: p.code, title: p.title })),
    ...(only ? { plan: only.code } : {}),
    parts,
    due: parts.some((p) => p.due),
    json,
  };
}
