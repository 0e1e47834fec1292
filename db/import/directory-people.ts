import { eq } from 'drizzle-orm';
import { z } from 'zod/v4';
import { type Author, audit } from '../../src/domain/audit/log.ts';
import type { Clock } from '../../src/domain/clock.ts';
import {
  ImportError,
  type ImportProblem,
  readTable,
  requireColumns,
  type Table,
} from '../../src/domain/tabular.ts';
import { normalize } from '../../src/domain/text.ts';
import type { Db, Tx } from '../client.ts';
import { people, processes, type Role, roles, teamMembers, teams } from '../schema/index.ts';
import {
  type DirectoryOptions,
  type DirectoryReport,
  differences,
  duplicateChecker,
  pickFields,
  value,
} from './directory.ts';

interface PersonInput {
  name: string;
  email: string;
  role: Role;
  processId: number | null;
  processCode: string | null;
  teams: string[];
  slackId: string | null;
  teamsId: string | null;
}

const COLUMNS = ['nombre', 'correo', 'rol'];
const ROLE_LABELS = 'coordinador, lider, delegado o integrante';
const HELP = [
  'Columnas: nombre, correo, rol y, opcionales, proceso (código), equipos (separados por ;), slack_id, teams_id.',
  'Ejemplo: Ana Pérez, ana.perez@pasto.gov.co, lider, GTH, Líderes de proceso',
];

const email = z.email();

type Problem = (column: string, message: string) => void;

/** The people already stored that hold a Slack or Teams id, to refuse giving it to someone else. */
function storedIds(db: Db, column: 'slackId' | 'teamsId'): Map<string, string> {
  const rows = db.select({ id: people[column], email: people.email }).from(people).all();
  return new Map(rows.filter((r) => r.id !== null).map((r) => [r.id as string, r.email]));
}

class PeopleRows {
  readonly problems: ImportProblem[] = [];
  private readonly processIds: Map<string, number>;
  private readonly slackIds: Map<string, string>;
  private readonly teamsIds: Map<string, string>;
  private readonly repeatedEmail = duplicateChecker(this.problems, 'correo', 'el correo');
  private readonly repeatedSlack = duplicateChecker(this.problems, 'slack_id', 'el slack_id');
  private readonly repeatedTeams = duplicateChecker(this.problems, 'teams_id', 'el teams_id');

  constructor(db: Db) {
    this.processIds = new Map(
      db
        .select()
        .from(processes)
        .all()
        .map((p) => [p.code, p.id]),
    );
    this.slackIds = storedIds(db, 'slackId');
    this.teamsIds = storedIds(db, 'teamsId');
  }

  read(line: number, values: Record<string, string>): PersonInput | null {
    const before = this.problems.length;
    const problem: Problem = (column, message) => this.problems.push({ line, column, message });
    const name = value(values, 'nombre');
    if (name === '') problem('nombre', 'falta el nombre.');
    const mail = this.email(value(values, 'correo', 'email'), line, problem);
    const role = this.role(value(values, 'rol'), problem);
    const processCode = value(values, 'proceso').toUpperCase() || null;
    const processId = processCode === null ? null : (this.processIds.get(processCode) ?? null);
    if (processCode !== null && processId === null) {
      problem(
        'proceso',
        `el proceso «${processCode}» no existe; impórtelo antes con npx mipg importar procesos.`,
      );
    }
    const slackId = this.platformId(value(values, 'slack_id', 'slack id', 'slack'), mail, line, 'slack');
    const teamsId = this.platformId(value(values, 'teams_id', 'teams id', 'teams'), mail, line, 'teams');
    const input = { name, email: mail, role: role as Role, processId, processCode, slackId, teamsId };
    const teamNames = teamList(value(values, 'equipos', 'equipo'));
    return this.problems.length === before ? { ...input, teams: teamNames } : null;
  }

  private email(text: string, line: number, problem: Problem): string {
    const mail = text.toLowerCase();
    if (mail === '') problem('correo', 'falta el correo.');
    else if (!email.safeParse(mail).success) problem('correo', `«${text}» no es un correo válido.`);
    else this.repeatedEmail(mail, line);
    return mail;
  }

  private role(text: string, problem: Problem): Role | null {
    const role = roles.find((r) => r === normalize(text));
    if (!role) {
      problem(
        'rol',
        text === '' ? `falta el rol (${ROLE_LABELS}).` : `«${text}» no es un rol: use ${ROLE_LABELS}.`,
      );
    }
    return role ?? null;
  }

  private platformId(id: string, mail: string, line: number, platform: 'slack' | 'teams'): string | null {
    if (id === '') return null;
    const column = `${platform}_id`;
    const owner = (platform === 'slack' ? this.slackIds : this.teamsIds).get(id);
    if (owner !== undefined && owner !== mail) {
      this.problems.push({ line, column, message: `el ${column} ${id} ya es de ${owner}.` });
    }
    (platform === 'slack' ? this.repeatedSlack : this.repeatedTeams)(id, line);
    return id;
  }
}

/** Team names separated by `;`, without blanks or repeats (accents and case ignored). */
function teamList(text: string): string[] {
  const names = text
    .split(';')
    .map((name) => name.replace(/\s+/g, ' ').trim())
    .filter((name) => name !== '');
  return names.filter((name, i) => names.findIndex((other) => normalize(other) === normalize(name)) === i);
}

function readPeople(db: Db, table: Table): PersonInput[] {
  requireColumns(table, COLUMNS);
  const reader = new PeopleRows(db);
  const inputs = table.rows.map(({ line, values }) => reader.read(line, values));
  if (reader.problems.length > 0) throw new ImportError(reader.problems, ...HELP);
  return inputs.filter((input): input is PersonInput => input !== null);
}

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

function applyPerson(
  tx: Tx,
  clock: Clock,
  author: Author,
  input: PersonInput,
  example: boolean,
  report: DirectoryReport,
): void {
  const ids = teamIds(tx, clock, author, input.teams, report.teamsCreated);
  const teamNames = tx
    .select()
    .from(teams)
    .all()
    .filter((t) => ids.includes(t.id))
    .map((t) => t.name)
    .sort();
  const { name, role, slackId, teamsId } = input;
  const after = { name, role, process: input.processCode, teams: teamNames, slackId, teamsId, example };
  const columns = { name, role, processId: input.processId, slackId, teamsId, example };
  const entry = { action: 'persona.importar', entity: 'persona', entityId: input.email };
  const stored = storedPerson(tx, input.email);
  if (!stored) {
    const row = tx
      .insert(people)
      .values({ email: input.email, ...columns })
      .returning()
      .get();
    setMemberships(tx, row.id, ids);
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
  setMemberships(tx, stored.row.id, ids);
  audit(tx, clock, author, { ...entry, before: pickFields(before, keys), after: pickFields(after, keys) });
  report.changed.push({ key: input.email, fields: keys });
}

/**
 * Imports a table of people (nombre, correo, rol, proceso, equipos, slack_id, teams_id). Every row is
 * checked first; then, in one transaction, people are added or updated by e-mail (people missing from
 * the file are left alone) and teams are created as needed.
 */
export function importPeople(
  db: Db,
  clock: Clock,
  author: Author,
  table: Table,
  options: DirectoryOptions = {},
): DirectoryReport {
  const inputs = readPeople(db, table);
  return db.transaction((tx) => {
    const report: DirectoryReport = {
      kind: 'personas',
      added: [],
      changed: [],
      unchanged: [],
      teamsCreated: [],
      examplesLeft: 0,
    };
    for (const input of inputs) applyPerson(tx, clock, author, input, options.example ?? false, report);
    report.examplesLeft = tx
      .select({ id: people.id })
      .from(people)
      .where(eq(people.example, true))
      .all().length;
    return report;
  });
}

/** `importar personas <csv|xlsx>`. */
export async function importPeopleFile(
  db: Db,
  clock: Clock,
  author: Author,
  path: string,
  options: DirectoryOptions = {},
): Promise<DirectoryReport> {
  return importPeople(db, clock, author, await readTable(path), options);
}
