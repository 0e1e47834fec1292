import { asc, desc } from 'drizzle-orm';
import type { Store } from '../../../db/client.ts';
import { processes, risks } from '../../../db/schema/index.ts';
import { bogotaToday, type Clock } from '../clock.ts';
import { isCoordinator, type Person } from '../directory/people.ts';
import { seesEverything } from '../directory/roles.ts';
import { DomainError } from '../errors.ts';
import { planForDate } from '../tasks/store.ts';
import { normalize } from '../text.ts';

export type ProcessRow = typeof processes.$inferSelect;

/**
 * The vigencia the risks belong to today, by the same rule as the tasks: the plan of today's year,
 * else the latest plan (in January, before next year's plan is loaded, the matrices stay with the
 * plan in force); without any plan, the latest register's year; without either, the calendar year.
 */
export function riskYear(store: Store, clock: Clock): number {
  const today = bogotaToday(clock);
  const plan = planForDate(store, today);
  if (plan) return plan.year;
  const latest = store.select({ year: risks.year }).from(risks).orderBy(desc(risks.year)).limit(1).get();
  return latest?.year ?? Number(today.slice(0, 4));
}

/**
 * The second line of defence sees and verifies every process's matrix: the coordinator and
 * the people of the MIPG team (any directory team whose name says "Equipo MIPG"); the third,
 * Control Interno, sees them all too (and changes none).
 */
export function seesAllProcesses(person: Pick<Person, 'role' | 'teams'>): boolean {
  return seesEverything(person) || person.teams.some((t) => normalize(t).includes('equipo mipg'));
}

/**
 * The people who answer for a process and may act on its risks (report its matrix or a
 * materialised risk, change a treatment): its leader and delegates, and the coordinator on
 * their behalf. Seeing every process (the MIPG team) does not make someone answer for it.
 */
export function answersForProcess(person: Pick<Person, 'role' | 'processId'>, processId: number): boolean {
  if (isCoordinator(person)) return true;
  return person.processId === processId && (person.role === 'lider' || person.role === 'delegado');
}

export function allProcesses(store: Store): ProcessRow[] {
  return store.select().from(processes).orderBy(asc(processes.code)).all();
}

/** A process by code or name as someone types it; a unique part of the name is enough. */
export function findProcess(store: Store, text: string): ProcessRow {
  const wanted = normalize(text);
  const all = allProcesses(store);
  if (wanted === '') {
    throw new DomainError('Falta el proceso.', `Procesos: ${all.map((p) => p.code).join(', ')}.`);
  }
  const exact = all.find((p) => normalize(p.code) === wanted || normalize(p.name) === wanted);
  if (exact) return exact;
  const partial = all.filter((p) => normalize(p.name).includes(wanted));
  if (partial.length === 1 && partial[0]) return partial[0];
  if (partial.length > 1) {
    throw new DomainError(
      `«${text}» coincide con varios procesos: ${partial.map((p) => `${p.code} (${p.name})`).join(', ')}.`,
      'Escriba el código del proceso.',
    );
  }
  throw new DomainError(
    `No conozco el proceso «${text}».`,
    `Procesos: ${all.map((p) => p.code).join(', ')}.`,
  );
}

/** The process whose matrix the person answers for, if they lead or are delegated in one. */
export function ownProcess(store: Store, person: Person): ProcessRow | undefined {
  if (person.processId === null) return undefined;
  return allProcesses(store).find((p) => p.id === person.processId);
}
