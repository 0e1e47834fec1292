import { and, eq, inArray } from 'drizzle-orm';
import type { Db, Store } from '../../../db/client.ts';
import { cuts, people, vigencias } from '../../../db/schema/index.ts';
import { audit, personAuthor } from '../audit/log.ts';
import { bogotaToday, type Clock } from '../clock.ts';
import { isCoordinator, type Person } from '../directory/people.ts';
import { DomainError } from '../errors.ts';
import { plansOfYear, tasksOfPlans, vigenciaFor, vigenciasWithPlans } from '../tasks/store.ts';
import { closedVigencia, closedVigencias, closingDay } from '../tasks/vigencia-guard.ts';
import { boundedText, TEXT_LIMITS } from '../text.ts';
import { createCut } from './cuts.ts';

/** One plan of a vigencia, counted: its tasks and how many are done. */
export interface PlanTally {
  code: string;
  title: string;
  total: number;
  done: number;
  /** The codes people see of the tasks still open. */
  open: string[];
}

export interface VigenciaSummary {
  year: number;
  plans: PlanTally[];
  /** Whether it is the vigencia in force today (see `vigenciaFor`). */
  inForce: boolean;
  /** When closed: the Bogotá day («5 de enero de 2027») and who closed it. */
  closed: { day: string; by: string | null } | null;
}

function tallies(store: Store, year: number, today: string): PlanTally[] {
  return plansOfYear(store, year).map((plan) => {
    const tasks = tasksOfPlans(store, [plan], today);
    return {
      code: plan.code,
      title: plan.title,
      total: tasks.length,
      done: tasks.filter((t) => t.doneAt !== null).length,
      open: tasks.filter((t) => t.doneAt === null).map((t) => t.label),
    };
  });
}

/** Every vigencia with plans, newest first: its plans counted as of today, whether in force and closed. */
export function vigenciaSummaries(store: Store, clock: Clock): VigenciaSummary[] {
  const today = bogotaToday(clock);
  const inForce = vigenciaFor(store, today);
  const closed = closedVigencias(store);
  const names = new Map(
    store
      .select({ id: people.id, name: people.name })
      .from(people)
      .all()
      .map((p) => [p.id, p.name]),
  );
  return vigenciasWithPlans(store).map((year) => {
    const row = closed.get(year);
    return {
      year,
      plans: tallies(store, year, today),
      inForce: year === inForce,
      closed: row
        ? { day: closingDay(row), by: row.closedBy === null ? null : (names.get(row.closedBy) ?? null) }
        : null,
    };
  });
}

export interface VigenciaClosing {
  year: number;
  closedAt: string;
  /** The final cut (`2026-T4`), and whether this closing took it (false: it existed already). */
  cut: string;
  cutTaken: boolean;
  plans: PlanTally[];
}

/**
 * The coordinator closes a vigencia once its year has ended in Bogotá: takes the final quarterly cut when it
 * does not exist yet, records the closing and audits it. Afterwards its tasks change only by the coordinator
 * with a reason (see `assertVigenciaOpen`). It is not done before 1 January: the final cut is the 31 December.
 */
export function closeVigencia(
  db: Db,
  clock: Clock,
  person: Person,
  year: number,
  note?: string,
): VigenciaClosing {
  if (!isCoordinator(person)) throw new DomainError('Solo la coordinación MIPG puede cerrar una vigencia.');
  const plans = plansOfYear(db, year);
  if (plans.length === 0) {
    throw new DomainError(
      `No hay planes de la vigencia ${year}.`,
      'Vea las vigencias con: npx mipg vigencia lista',
    );
  }
  const already = closedVigencia(db, year);
  if (already) {
    throw new DomainError(`La vigencia ${year} ya está cerrada (se cerró el ${closingDay(already)}).`);
  }
  const today = bogotaToday(clock);
  if (today <= `${year}-12-31`) {
    throw new DomainError(
      `La vigencia ${year} aún no ha terminado: se cierra desde el 1 de enero de ${year + 1} (hora de Bogotá).`,
      `El cierre toma el corte final ${year}-T4, al 31 de diciembre, que solo existe cuando ese día terminó.`,
    );
  }
  const why = note === undefined ? '' : boundedText(note, { subject: 'El motivo', max: TEXT_LIMITS.long });
  const cut = `${year}-T4`;
  const existing = db
    .select({ id: cuts.id })
    .from(cuts)
    .where(
      and(
        eq(cuts.code, cut),
        inArray(
          cuts.planId,
          plans.map((p) => p.id),
        ),
      ),
    )
    .get();
  if (!existing) createCut(db, clock, person, cut);
  const counted = tallies(db, year, today);
  const closedAt = clock.now().toISOString();
  db.transaction((tx) => {
    tx.insert(vigencias).values({ year, closedAt, closedBy: person.id }).run();
    audit(tx, clock, personAuthor(person), {
      action: 'vigencia.cerrar',
      entity: 'vigencia',
      entityId: year,
      after: {
        corte: cut,
        cumplidas: counted.reduce((n, p) => n + p.done, 0),
        abiertas: counted.reduce((n, p) => n + p.open.length, 0),
        reason: why || null,
      },
    });
  });
  return { year, closedAt, cut, cutTaken: !existing, plans: counted };
}
