import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '../../../db/client.ts';
import { people, processes, teamMembers, teams } from '../../../db/schema/index.ts';
import { type Author, audit } from '../audit/log.ts';
import type { Clock } from '../clock.ts';
import { DomainError } from '../errors.ts';
import { readTable, type Table } from '../tabular.ts';
import { normalize } from '../text.ts';
import { type PersonInput, readPeople } from './people-rows.ts';
import { type DirectoryOptions, type DirectoryReport, differences, pickFields } from './processes-import.ts';

/** The id of each named team, creating (and auditing) the ones the directory lacks. */
function teamIds(tx: Tx, clock: Clock, author: Author, names: string[], created: string[]): number[] {
  const existing = tx.select().from(teams).all();
  return names.map((name) => {
    const found = existing.find((team) => normalize(team.name) === normalize(name));
    if (found) return found.id;
    const row = tx.insert(teams).values({ name }).returning().get();
    existing.push(row);
    created.push(name);
    audit(tx, clock, author, { action: 'equipo.crear', entity: 'equipo', entityId: name, after: { name } });
    return row.id;
  });
}

function storedPerson(tx: Tx, mail: string) {
  const row = tx.select().from(people).where(eq(people.email, mail)).get();
  if (!row) return undefined;
  const memberships = tx
    .select({ name: teams.name })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(eq(teamMembers.personId, row.id))
    .all();
  const process =
    row.processId === null
      ? undefined
      : tx.select().from(processes).where(eq(processes.id, row.processId)).get();
  return { row, teams: memberships.map((m) => m.name).sort(), processCode: process?.code ?? null };
}

type Stored = NonNullable<ReturnType<typeof storedPerson>>;

function storedFields(stored: Stored) {
  const { row } = stored;
  return {
    name: row.name,
    role: row.role,
    process: stored.processCode,
    teams: stored.teams,
    slackId: row.slackId,
    teamsId: row.teamsId,
    example: row.example,
  };
}

/** The file is the truth for the teams of the people it lists. */
function setMemberships(tx: Tx, personId: number, ids: number[]): void {
  tx.delete(teamMembers).where(eq(teamMembers.personId, personId)).run();
  for (const teamId of ids) tx.insert(teamMembers).values({ teamId, personId }).run();
}

function teamNamesOf(tx: Tx, ids: number[]): string[] {
  return tx
    .select()
    .from(teams)
    .all()
    .filter((t) => ids.includes(t.id))
    .map((t) => t.name)
    .sort();
}

/** What the person will be: the file's values, and the stored ones where the file lacks the column. */
function resolvedPerson(input: PersonInput, stored: Stored | undefined, teamNames: string[] | undefined) {
  const keep = <T>(given: T | undefined, current: T): T => (given === undefined ? current : given);
  const storedProcess = stored?.row.processId
    ? { id: stored.row.processId, code: stored.processCode ?? '' }
    : null;
  const process = keep(input.process, storedProcess);
  return {
    after: {
      name: input.name,
      role: input.role,
      process: process?.code ?? null,
      teams: keep(teamNames, stored?.teams ?? []),
      slackId: keep(input.slackId, stored?.row.slackId ?? null),
      teamsId: keep(input.teamsId, stored?.row.teamsId ?? null),
    },
    processId: process?.id ?? null,
  };
}

function applyPerson(
  tx: Tx,
  clock: Clock,
  author: Author,
  input: PersonInput,
  example: boolean,
  report: DirectoryReport,
): void {
  const ids = input.teams && teamIds(tx, clock, author, input.teams, report.teamsCreated);
  const stored = storedPerson(tx, input.email);
  const resolved = resolvedPerson(input, stored, ids && teamNamesOf(tx, ids));
  const after = { ...resolved.after, example };
  const processId = resolved.processId;
  const { name, role, slackId, teamsId } = after;
  const columns = { name, role, processId, slackId, teamsId, example };
  const entry = { action: 'persona.importar', entity: 'persona', entityId: input.email };
  if (!stored) {
    const row = tx
      .insert(people)
      .values({ email: input.email, ...columns })
      .returning()
      .get();
    if (ids) setMemberships(tx, row.id, ids);
    audit(tx, clock, author, { ...entry, before: null, after });
    report.added.push(input.email);
    return;
  }
  const before = storedFields(stored);
  const keys = differences(before, after);
  if (keys.length === 0) {
    report.unchanged.push(input.email);
    return;
  }
  tx.update(people).set(columns).where(eq(people.id, stored.row.id)).run();
  if (ids) setMemberships(tx, stored.row.id, ids);
  audit(tx, clock, author, { ...entry, before: pickFields(before, keys), after: pickFields(after, keys) });
  report.changed.push({ key: input.email, fields: keys });
}

/**
 * Real people replace the example directory: the example people still active are deactivated (they
 * get no more reminders or notices; their history stays), each change audited.
 */
function deactivateExamples(tx: Tx, clock: Clock, author: Author): string[] {
  const examples = tx
    .select()
    .from(people)
    .where(and(eq(people.example, true), eq(people.active, true)))
    .all();
  for (const person of examples) {
    tx.update(people).set({ active: false }).where(eq(people.id, person.id)).run();
    audit(tx, clock, author, {
      action: 'persona.desactivar',
      entity: 'persona',
      entityId: person.email,
      before: { active: true },
      after: { active: false, motivo: 'directorio real importado' },
    });
  }
  return examples.map((p) => p.email);
}

export interface PeopleImportOptions extends DirectoryOptions {
  /**
   * `--reemplazar-todo`: accept an import that deactivates more than half of the active people or
   * leaves no active coordinator (see `assertKeepsDirectory`).
   */
  replaceAll?: boolean;
}

interface DirectoryCounts {
  active: number;
  coordinators: number;
}

function directoryCounts(tx: Tx): DirectoryCounts {
  const active = tx.select({ role: people.role }).from(people).where(eq(people.active, true)).all();
  return { active: active.length, coordinators: active.filter((p) => p.role === 'coordinador').length };
}

/**
 * A file that is only a header (or a handful of rows) must not lock the office out: an import that
 * deactivates more than half of the people who would be active (those active before plus the new ones)
 * or leaves no active coordinator where there was one is refused, unless `--reemplazar-todo`.
 */
function assertKeepsDirectory(
  before: DirectoryCounts,
  after: DirectoryCounts,
  report: DirectoryReport,
  rows: number,
): void {
  const deactivated = report.examplesDeactivated?.length ?? 0;
  const total = before.active + report.added.length;
  const reasons: string[] = [];
  if (deactivated * 2 > total) {
    reasons.push(`desactivaría ${deactivated} de las ${total} personas activas (más de la mitad)`);
  }
  if (before.coordinators > 0 && after.coordinators === 0) {
    reasons.push('dejaría el directorio sin ninguna persona coordinadora activa');
  }
  if (reasons.length === 0) return;
  const help =
    rows === 0 ? ['El archivo no trae ninguna persona (¿solo tiene la fila de encabezados?).'] : [];
  throw new DomainError(
    `La importación ${reasons.join(' y ')}; no se importó nada.`,
    ...help,
    'Si de verdad quiere reemplazar todo el directorio, repita con --reemplazar-todo: ' +
      'npx mipg importar personas <archivo> --reemplazar-todo',
  );
}

/**
 * Imports a table of people (nombre, correo, rol, proceso, equipos, slack_id, teams_id). Every row is
 * checked first; then, in one transaction, people are added or updated by e-mail (people missing from
 * the file are left alone) and teams are created as needed. A real (non-example) import deactivates
 * the example people. An import that would empty the directory is refused and stores nothing.
 */
export function importPeople(
  db: Db,
  clock: Clock,
  author: Author,
  table: Table,
  options: PeopleImportOptions = {},
): DirectoryReport {
  const inputs = readPeople(db, table);
  return db.transaction((tx) => {
    const before = directoryCounts(tx);
    const report: DirectoryReport = {
      kind: 'personas',
      added: [],
      changed: [],
      unchanged: [],
      teamsCreated: [],
      examplesLeft: 0,
      examplesDeactivated: [],
    };
    for (const input of inputs) applyPerson(tx, clock, author, input, options.example ?? false, report);
    if (!options.example) report.examplesDeactivated = deactivateExamples(tx, clock, author);
    report.examplesLeft = tx
      .select({ id: people.id })
      .from(people)
      .where(eq(people.example, true))
      .all().length;
    if (!options.replaceAll) assertKeepsDirectory(before, directoryCounts(tx), report, inputs.length);
    return report;
  });
}

/** `importar personas <csv|xlsx>`. */
export async function importPeopleFile(
  db: Db,
  clock: Clock,
  author: Author,
  path: string,
  options: PeopleImportOptions = {},
): Promise<DirectoryReport> {
  return importPeople(db, clock, author, await readTable(path), options);
}
