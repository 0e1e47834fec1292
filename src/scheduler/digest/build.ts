import type { Store } from '../../../db/client.ts';
import { addCalendarDays } from '../../domain/clock.ts';
import { DomainError } from '../../domain/errors.ts';
import { planForDate, tasksOf } from '../../domain/tasks/store.ts';
import type { DigestPart, DigestSection } from './section.ts';
import { digestSections } from './sections/index.ts';

/** The weekly digest of a Bogotá date: each section's part, in order, and the merged JSON. */
export interface Digest {
  date: string;
  weekEnd: string;
  year: number;
  parts: (DigestPart & { id: string })[];
  /** Whether any section has something overdue or due; otherwise it is a "todo al día" digest. */
  due: boolean;
  json: Record<string, unknown> & { date: string };
}

/** Builds the digest for date D from the plan in force on D. */
export function buildDigest(db: Store, date: string, sections: DigestSection[] = digestSections): Digest {
  const plan = planForDate(db, date);
  if (!plan) {
    throw new DomainError(
      'Todavía no hay un plan cargado: no hay resumen que mostrar.',
      'Cárguelo con: npx mipg importar plan <archivo>',
    );
  }
  const input = { db, date, weekEnd: addCalendarDays(date, 6), plan, tasks: tasksOf(db, plan.id, date) };
  const parts = sections.map((section) => ({ id: section.id, ...section.build(input) }));
  const json = Object.assign({ date }, ...parts.map((p) => p.json)) as Digest['json'];
  return {
    date,
    weekEnd: input.weekEnd,
    year: plan.year,
    parts,
    due: parts.some((p) => p.due),
    json,
  };
}
