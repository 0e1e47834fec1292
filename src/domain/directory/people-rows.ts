import { z } from 'zod/v4';
import type { Db } from '../../../db/client.ts';
import { people, processes, type Role, roles } from '../../../db/schema/index.ts';
import { ImportError, type ImportProblem, requireColumns, type Table } from '../tabular.ts';
import { normalize, TEXT_LIMITS, textLimitProblem } from '../text.ts';
import { duplicateChecker, value } from './processes-import.ts';
import { roleWords } from './roles.ts';

/** A row of the file. An optional column the file lacks is `undefined`: the stored value is kept. */
export interface PersonInput {
  name: string;
  email: string;
  role: Role;
  process?: { id: number; code: string } | null;
  teams?: string[];
  slackId?: string | null;
  teamsId?: string | null;
}

const SLACK = ['slack_id', 'slack id', 'slack'];
const TEAMS_ID = ['teams_id', 'teams id', 'teams'];
const TEAM_NAMES = ['equipos', 'equipo'];

const COLUMNS = ['nombre', 'correo', 'rol'];
const ROLE_LABELS = roleWords;
const HELP = [
  'Columnas: nombre, correo, rol y, opcionales, proceso (código), equipos (separados por ;), slack_id, teams_id.',
  'Ejemplo: Ana Pérez, ana.perez@pasto.gov.co, lider, GTH, Líderes de proceso',
];

const email = z.email();
const NAME = { subject: 'el nombre', max: TEXT_LIMITS.short };
const TEAM = { subject: 'el nombre de un equipo', max: TEXT_LIMITS.short };

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

  constructor(
    db: Db,
    private readonly headers: string[],
  ) {
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
    const longName = textLimitProblem(name, NAME);
    if (longName) problem('nombre', longName);
    const mail = this.email(value(values, 'correo', 'email'), line, problem);
    const role = this.role(value(values, 'rol'), problem);
    const input: PersonInput = { name, email: mail, role: role as Role };
    if (this.has('proceso')) input.process = this.process(value(values, 'proceso'), problem);
    if (this.has(...TEAM_NAMES)) {
      input.teams = teamList(value(values, ...TEAM_NAMES));
      const longTeam = input.teams.map((team) => textLimitProblem(team, TEAM)).find(Boolean);
      if (longTeam) problem('equipos', longTeam);
    }
    if (this.has(...SLACK)) input.slackId = this.platformId(value(values, ...SLACK), mail, line, 'slack');
    if (this.has(...TEAMS_ID))
      input.teamsId = this.platformId(value(values, ...TEAMS_ID), mail, line, 'teams');
    return this.problems.length === before ? input : null;
  }

  private has(...aliases: string[]): boolean {
    return aliases.some((alias) => this.headers.includes(normalize(alias)));
  }

  private process(text: string, problem: Problem): { id: number; code: string } | null {
    const code = text.toUpperCase();
    if (code === '') return null;
    const id = this.processIds.get(code);
    if (id === undefined) {
      problem('proceso', `el proceso «${code}» no existe; impórtelo antes con npx mipg importar procesos.`);
      return null;
    }
    return { id, code };
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

/** Checks every row of a people table against the file and the directory; throws them all at once. */
export function readPeople(db: Db, table: Table): PersonInput[] {
  requireColumns(table, COLUMNS);
  const reader = new PeopleRows(db, table.headers);
  const inputs = table.rows.map(({ line, values }) => reader.read(line, values));
  if (reader.problems.length > 0) throw new ImportError(reader.problems, ...HELP);
  return inputs.filter((input): input is PersonInput => input !== null);
}
