import { and, eq, inArray } from 'drizzle-orm';
import type { Store } from '../../../db/client.ts';
import type { Role } from '../../../db/schema/index.ts';
import { people, processes, teamMembers, teams } from '../../../db/schema/index.ts';
import { normalize } from '../text.ts';
import { cachedView } from '../view-cache.ts';
import { namedTeams } from './responsible.ts';

export type PersonRow = typeof people.$inferSelect;

/** A person of the directory with the names of the teams they belong to and their process code. */
export interface Person extends PersonRow {
  teams: string[];
  processCode: string | null;
}

function withTeams(store: Store, rows: PersonRow[]): Person[] {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const memberships = store
    .select({ personId: teamMembers.personId, name: teams.name })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(inArray(teamMembers.personId, ids))
    .all();
  const processCodes = new Map(
    store
      .select({ id: processes.id, code: processes.code })
      .from(processes)
      .all()
      .map((p) => [p.id, p.code]),
  );
  const teamsOf = new Map<number, string[]>();
  for (const m of memberships) {
    const list = teamsOf.get(m.personId);
    if (list) list.push(m.name);
    else teamsOf.set(m.personId, [m.name]);
  }
  return rows.map((row) => ({
    ...row,
    teams: teamsOf.get(row.id) ?? [],
    processCode: row.processId === null ? null : (processCodes.get(row.processId) ?? null),
  }));
}

export function personById(store: Store, id: number): Person | undefined {
  return withTeams(store, store.select().from(people).where(eq(people.id, id)).all())[0];
}

export function personByEmail(store: Store, email: string): Person | undefined {
  const rows = store.select().from(people).where(eq(people.email, email.trim().toLowerCase())).all();
  return withTeams(store, rows)[0];
}

/** Who a Slack user is: asked on every request, so kept until the directory changes (see view-cache.ts). */
export function personBySlackId(store: Store, slackId: string): Person | undefined {
  return cachedView(
    store,
    `personBySlackId:${slackId}`,
    () => withTeams(store, store.select().from(people).where(eq(people.slackId, slackId)).all())[0],
  );
}

/** Who a Teams user is (see `personBySlackId`). */
export function personByTeamsId(store: Store, teamsId: string): Person | undefined {
  return cachedView(
    store,
    `personByTeamsId:${teamsId}`,
    () => withTeams(store, store.select().from(people).where(eq(people.teamsId, teamsId)).all())[0],
  );
}

/** Every active person with their teams: kept until the directory (or any data) changes (see view-cache.ts). */
export function activePeople(store: Store): Person[] {
  return cachedView(store, 'activePeople', () =>
    withTeams(store, store.select().from(people).where(eq(people.active, true)).all()),
  ).slice();
}

export function peopleWithRole(store: Store, role: Role): Person[] {
  return withTeams(
    store,
    store
      .select()
      .from(people)
      .where(and(eq(people.role, role), eq(people.active, true)))
      .all(),
  );
}

export function coordinators(store: Store): Person[] {
  return peopleWithRole(store, 'coordinador');
}

const REPORTER_ROLES: Role[] = ['lider', 'delegado'];

/** Leaders and delegates of a process: the people who report for it. */
export function processReporters(store: Store, processId: number): Person[] {
  return withTeams(
    store,
    store
      .select()
      .from(people)
      .where(
        and(eq(people.processId, processId), inArray(people.role, REPORTER_ROLES), eq(people.active, true)),
      )
      .all(),
  );
}

/** Names of the directory's teams that a task's responsible text names whole (see `namedTeams`). */
export function teamsNamedIn(store: Store, responsible: string): string[] {
  return new ResponsibleResolver(store).teamsOf(responsible);
}

/** The active people of the teams a responsible text names. */
export function peopleResponsibleFor(store: Store, responsible: string): Person[] {
  return peopleOfTeams(store, teamsNamedIn(store, responsible));
}

/** The active people of the named teams. */
function peopleOfTeams(store: Store, names: string[]): Person[] {
  if (names.length === 0) return [];
  const ids = store
    .selectDistinct({ id: teamMembers.personId })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(inArray(teams.name, names))
    .all()
    .map((r) => r.id);
  if (ids.length === 0) return [];
  return withTeams(
    store,
    store
      .select()
      .from(people)
      .where(and(inArray(people.id, ids), eq(people.active, true)))
      .all(),
  );
}

/** Every person's name by id, inactive people included: a history names whoever acted then. */
export function personNames(store: Store): Map<number, string> {
  return new Map(
    store
      .select({ id: people.id, name: people.name })
      .from(people)
      .all()
      .map((p) => [p.id, p.name]),
  );
}

export function isCoordinator(person: Pick<Person, 'role'>): boolean {
  return person.role === 'coordinador';
}

/** Whether the person belongs to one of the teams a responsible text names. */
export function belongsToResponsible(store: Store, person: Person, responsible: string): boolean {
  return new ResponsibleResolver(store).includes(person, responsible);
}

/**
 * Reads the directory's team names once and remembers what each responsible text resolves to: for lists
 * that ask about thousands of tasks whose QUIÉN repeats (`/pendientes`, `/tareas mias`, reminders), one
 * query for the teams and one per distinct text for their people, instead of several per task.
 */
export class ResponsibleResolver {
  private readonly names: string[];
  /** Every active person with their teams, when read whole for a list (see `forLists`). */
  private directory: Person[] | undefined;
  private readonly named = new Map<string, string[]>();
  private readonly namedNormal = new Map<string, Set<string>>();
  private readonly personTeams = new WeakMap<Person, string[]>();
  private readonly members = new Map<string, Person[]>();
  private readonly reporters = new Map<number, Person[]>();
  private reportersByProcess: Map<number | null, Person[]> | undefined;
  private membersByTeam: Map<string, Person[]> | undefined;

  constructor(private readonly store: Store) {
    this.names = store
      .select({ name: teams.name })
      .from(teams)
      .all()
      .map((t) => t.name);
  }

  /**
   * For lists over a whole plan (reminders, the digest, the escalation): the active directory is read once,
   * in three queries, and every QUIÉN and process is answered from it.
   */
  static forLists(store: Store): ResponsibleResolver {
    const resolver = new ResponsibleResolver(store);
    resolver.directory = activePeople(store);
    return resolver;
  }

  /** See `teamsNamedIn`. */
  teamsOf(responsible: string): string[] {
    let found = this.named.get(responsible);
    if (!found) {
      found = namedTeams(responsible, this.names);
      this.named.set(responsible, found);
    }
    return found;
  }

  /** See `belongsToResponsible`. */
  includes(person: Person, responsible: string): boolean {
    let named = this.namedNormal.get(responsible);
    if (!named) {
      named = new Set(this.teamsOf(responsible).map(normalize));
      this.namedNormal.set(responsible, named);
    }
    let own = this.personTeams.get(person);
    if (!own) {
      own = person.teams.map(normalize);
      this.personTeams.set(person, own);
    }
    return own.some((t) => named.has(t));
  }

  /** See `processReporters`. */
  reportersOf(processId: number): Person[] {
    let found = this.reporters.get(processId);
    if (!found) {
      found = this.directory
        ? (this.byProcess().get(processId) ?? [])
        : processReporters(this.store, processId);
      this.reporters.set(processId, found);
    }
    return found;
  }

  /** See `peopleResponsibleFor`. */
  peopleOf(responsible: string): Person[] {
    let found = this.members.get(responsible);
    if (!found) {
      const names = this.teamsOf(responsible);
      found = this.directory ? this.inTeams(names) : peopleOfTeams(this.store, names);
      this.members.set(responsible, found);
    }
    return found;
  }

  /** The directory's reporters (leaders and delegates) by process, in one pass over it. */
  private byProcess(): Map<number | null, Person[]> {
    this.reportersByProcess ??= groupBy(
      (this.directory ?? []).filter((p) => REPORTER_ROLES.includes(p.role)),
      (p) => [p.processId],
    );
    return this.reportersByProcess;
  }

  /** The directory's people in any of the teams, in directory order, each once. */
  private inTeams(names: string[]): Person[] {
    this.membersByTeam ??= groupBy(this.directory ?? [], (p) => p.teams);
    if (names.length === 1) return this.membersByTeam.get(names[0] ?? '') ?? [];
    const found = new Set(names.flatMap((name) => this.membersByTeam?.get(name) ?? []));
    return (this.directory ?? []).filter((p) => found.has(p));
  }
}

/** Items grouped by each of their keys, in their order. */
function groupBy<K, T>(items: readonly T[], keys: (item: T) => readonly K[]): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    for (const key of keys(item)) {
      const group = groups.get(key);
      if (group) group.push(item);
      else groups.set(key, [item]);
    }
  }
  return groups;
}
