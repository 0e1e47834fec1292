import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../../db/client.ts';
import { people, processes, teamMembers, teams } from '../../../db/schema/index.ts';
import { type AuditEntry, type Author, auditAll } from '../audit/log.ts';
import type { Clock } from '../clock.ts';
import { DomainError } from '../errors.ts';
import { readTable, type Table } from '../tabular.ts';
import { normalize } from '../text.ts';
import { type PersonInput, readPeople } from './people-rows.ts';
import { type DirectoryOptions, type DirectoryReport, differences, pickFields } from './processes-import.ts';

/** Rows per multi-row INSERT (people have 8 columns). */
const ROWS_PER_INSERT = 200;

type PersonRow = typeof people.$inferSelect;

/**
 * The directory as it stands when the write begins, read in four queries: imports of thousands of
 * people look each one up here, not in the database, so the write lock is held briefly.
 */
class Directory {
  readonly teams: { id: number; name: string }[];
  private readonly byEmail: Map<string, PersonRow>;
  private readonly teamNamesOf = new Map<number, string[]>();
  private readonly processCodes: Map<number, string>;

  constructor(tx: Tx) {
    this.teams = tx.select().from(teams).all();
    this.byEmail = new Map(
      tx
        .select()
        .from(people)
        .all()
        .map((row) => [row.email, row]),
    );
    const memberships = tx
      .select({ personId: teamMembers.personId, name: teams.name })
      .from(teamMembers)
      .innerJoin(teams, eq(teams.id, teamMembers.teamId))
      .all();
    for (const { personId, name } of memberships) {
      const names = this.teamNamesOf.get(personId) ?? [];
      names.push(name);
      this.teamNamesOf.set(personId, names);
    }
    this.processCodes = new Map(
      tx
        .select({ id: processes.id, code: processes.code })
        .from(processes)
        .all()
        .map((p) => [p.id, p.code]),
    );
  }

  person(mail: string) {
    const row = this.byEmail.get(mail);
    if (!row) return undefined;
    const processCode = row.processId === null ? null : (this.processCodes.get(row.processId) ?? null);
    return { row, teams: [...(this.teamNamesOf.get(row.id) ?? [])].sort(), processCode };
  }

  /** The names of the teams with these ids, sorted. */
  teamNames(ids: number[]): string[] {
    return this.teams
      .filter((t) => ids.includes(t.id))
      .map((t) => t.name)
      .sort();
  }
}

type Stored = NonNullable<ReturnType<Directory['person']>>;

/** The id of each named team, creating the ones the directory lacks (their audit entries go to `entries`). */
function teamIds(
  tx: Tx,
  directory: Directory,
  names: string[],
  created: string[],
  entries: AuditEntry[],
): number[] {
  return names.map((name) => {
    const found = directory.teams.find((team) => normalize(team.name) === normalize(name));
    if (found) return found.id;
    const row = tx.insert(teams).values({ name }).returning().get();
    directory.teams.push(row);
    created.push(name);
    entries.push({ action: 'equipo.crear', entity: 'equipo', entityId: name, after: { name } });
    return row.id;
  });
}

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

type PersonColumns = Pick<PersonRow, 'name' | 'role' | 'processId' | 'slackId' | 'teamsId' | 'example'>;

/** The writes an import decided on, done together at the end: a few statements for thousands of rows. */
interface Writes {
  added: (PersonColumns & { email: string; teamIds?: number[] })[];
  updated: { id: number; columns: PersonColumns; teamIds?: number[] }[];
  entries: AuditEntry[];
}

/** Decides what one row of the file changes; writes nothing but the teams it needs. */
function planPerson(
  tx: Tx,
  directory: Directory,
  input: PersonInput,
  example: boolean,
  report: DirectoryReport,
  writes: Writes,
): void {
  const ids = input.teams && teamIds(tx, directory, input.teams, report.teamsCreated, writes.entries);
  const stored = directory.person(input.email);
  const resolved = resolvedPerson(input, stored, ids && directory.teamNames(ids));
  const after = { ...resolved.after, example };
  const processId = resolved.processId;
  const { name, role, slackId, teamsId } = after;
  const columns = { name, role, processId, slackId, teamsId, example };
  const entry = { action: 'persona.importar', entity: 'persona', entityId: input.email };
  if (!stored) {
    writes.added.push({ email: input.email, ...columns, teamIds: ids });
    writes.entries.push({ ...entry, before: null, after });
    report.added.push(input.email);
    return;
  }
  const before = storedFields(stored);
  const keys = differences(before, after);
  if (keys.length === 0) {
    report.unchanged.push(input.email);
    return;
  }
  writes.updated.push({ id: stored.row.id, columns, teamIds: ids });
  writes.entries.push({ ...entry, before: pickFields(before, keys), after: pickFields(after, keys) });
  report.changed.push({ key: input.email, fields: keys });
}

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += ROWS_PER_INSERT) out.push(items.slice(i, i + ROWS_PER_INSERT));
  return out;
}

/** The file is the truth for the teams of the people it lists (those given an `equipos` column). */
function setMemberships(tx: Tx, teamsOf: Map<number, number[]>): void {
  for (const ids of chunks([...teamsOf.keys()])) {
    tx.delete(teamMembers).where(inArray(teamMembers.personId, ids)).run();
  }
  const rows = [...teamsOf].flatMap(([personId, ids]) => ids.map((teamId) => ({ teamId, personId })));
  for (const chunk of chunks(rows)) tx.insert(teamMembers).values(chunk).run();
}

/** Adds and updates people with a handful of statements (multi-row inserts, one prepared update). */
function writePeople(tx: Tx, writes: Writes): void {
  const teamsOf = new Map<number, number[]>();
  for (const chunk of chunks(writes.added)) {
    const rows = chunk.map(({ teamIds: _, ...person }) => person);
    const ids = new Map(
      tx
        .insert(people)
        .values(rows)
        .returning({ id: people.id, email: people.email })
        .all()
        .map((r) => [r.email, r.id]),
    );
    for (const person of chunk) {
      const id = ids.get(person.email);
      if (person.teamIds && id !== undefined) teamsOf.set(id, person.teamIds);
    }
  }
  if (writes.updated.length > 0) {
    const placeholder = (name: keyof PersonColumns | 'id') => sql`${sql.placeholder(name)}`;
    const update = tx
      .update(people)
      .set({
        name: placeholder('name'),
        role: placeholder('role'),
        processId: placeholder('processId'),
        slackId: placeholder('slackId'),
        teamsId: placeholder('teamsId'),
        example: placeholder('example'),
      })
      .where(eq(people.id, placeholder('id')))
      .prepare();
    for (const { id, columns, teamIds } of writes.updated) {
      // Placeholders reach SQLite as they are: the boolean column takes 0 or 1.
      update.run({ ...columns, example: columns.example ? 1 : 0, id });
      if (teamIds) teamsOf.set(id, teamIds);
    }
  }
  setMemberships(tx, teamsOf);
}

/**
 * Real people replace the example directory: the example people still active are deactivated (they
 * get no more reminders or notices; their history stays), each change audited.
 */
function deactivateExamples(tx: Tx, entries: AuditEntry[]): string[] {
  const stillExamples = and(eq(people.example, true), eq(people.active, true));
  const examples = tx.select().from(people).where(stillExamples).all();
  if (examples.length === 0) return [];
  tx.update(people).set({ active: false }).where(stillExamples).run();
  for (const person of examples) {
    entries.push({
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
    const directory = new Directory(tx);
    const writes: Writes = { added: [], updated: [], entries: [] };
    for (const input of inputs) planPerson(tx, directory, input, options.example ?? false, report, writes);
    writePeople(tx, writes);
    if (!options.example) report.examplesDeactivated = deactivateExamples(tx, writes.entries);
    auditAll(tx, clock, author, writes.entries);
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
