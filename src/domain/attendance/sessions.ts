import { eq } from 'drizzle-orm';
import type { Db, Store } from '../../../db/client.ts';
import {
  attendanceInvitees,
  attendanceSessions,
  type SessionAudience,
  teamMembers,
  teams,
} from '../../../db/schema/index.ts';
import { type Author, audit } from '../audit/log.ts';
import type { Clock } from '../clock.ts';
import { type Person, personByEmail, personById } from '../directory/people.ts';
import { DomainError } from '../errors.ts';
import { requireTask } from '../tasks/actions.ts';
import { isTaskCode } from '../tasks/status.ts';
import { normalize, TEXT_LIMITS, textLimitProblem, withoutControls } from '../text.ts';
import { requireSession, type SessionView } from './store.ts';
import { bogotaWallClock, parseBogotaDateTime } from './time.ts';

/** What the coordinator types or fills in to create a session. Times are Bogotá wall-clock. */
export interface NewSession {
  title: string;
  start: string;
  end: string;
  place: string;
  taskCode?: string;
  /** E-mails separated by `;`, `,` or spaces. */
  invitees?: string;
  /** A team of the directory, by name (accents and case ignored). */
  team?: string;
  /** Invite the team channel instead of people. */
  channel?: boolean;
}

export type SessionField = 'title' | 'start' | 'end' | 'place' | 'task' | 'invitees';

/** Every problem of a new session at once, keyed by field, so a form can show each where it belongs. */
export class SessionInputError extends DomainError {
  override name = 'SessionInputError';
  constructor(readonly fields: Partial<Record<SessionField, string>>) {
    super(
      ['La sesión no se creó:', ...Object.values(fields).map((m) => `• ${m}`)].join('\n'),
      'Ejemplo: npx mipg sesion crear --titulo "Capacitación en indicadores" --inicio "2026-09-15 09:00" --fin "2026-09-15 11:00" --lugar "Salón del Concejo" --tarea 3.3 --equipo "Líderes de proceso"',
    );
  }
}

interface Resolved {
  title: string;
  startsAt: string;
  endsAt: string;
  place: string;
  taskId: number | null;
  audience: SessionAudience;
  team: string | null;
  people: Person[];
}

function splitEmails(text: string): string[] {
  return [...new Set(text.split(/[;,\s]+/).map((e) => e.trim().toLowerCase()))].filter((e) => e !== '');
}

/** The directory team whose name matches, ignoring accents and case. */
function findTeam(store: Store, name: string): { id: number; name: string } | undefined {
  const wanted = normalize(name);
  return store
    .select()
    .from(teams)
    .all()
    .find((t) => normalize(t.name) === wanted);
}

function teamPeople(store: Store, teamId: number): Person[] {
  return store
    .select({ personId: teamMembers.personId })
    .from(teamMembers)
    .where(eq(teamMembers.teamId, teamId))
    .all()
    .map((m) => personById(store, m.personId))
    .filter((p): p is Person => p?.active === true);
}

function resolveInvitees(
  db: Db,
  input: NewSession,
  errors: Partial<Record<SessionField, string>>,
): Pick<Resolved, 'audience' | 'team' | 'people'> {
  const emails = splitEmails(input.invitees ?? '');
  const teamName = input.team?.trim() ?? '';
  if (input.channel) {
    if (emails.length > 0 || teamName) {
      errors.invitees = 'Invite al canal del equipo o a personas, no a ambos.';
    }
    return { audience: 'canal', team: null, people: [] };
  }
  const found = new Map<number, Person>();
  let team: string | null = null;
  if (teamName) {
    const match = findTeam(db, teamName);
    const known = db
      .select({ name: teams.name })
      .from(teams)
      .all()
      .map((t) => t.name);
    if (!match)
      errors.invitees = `No hay un equipo «${teamName}» en el directorio. Equipos: ${known.join(', ')}.`;
    else {
      team = match.name;
      const members = teamPeople(db, match.id);
      if (members.length === 0) errors.invitees = `El equipo «${match.name}» no tiene personas activas.`;
      for (const p of members) found.set(p.id, p);
    }
  }
  const unknown: string[] = [];
  for (const email of emails) {
    const person = personByEmail(db, email);
    if (person?.active) found.set(person.id, person);
    else unknown.push(email);
  }
  if (unknown.length > 0) {
    errors.invitees = `No están en el directorio (o están inactivos): ${unknown.join(', ')}.`;
  }
  if (!teamName && emails.length === 0) {
    errors.invitees = 'Falta a quién invitar: correos separados por «;», un equipo o el canal.';
  }
  const audience: SessionAudience = emails.length === 0 && team ? 'equipo' : 'personas';
  return { audience, team, people: [...found.values()] };
}

function resolveTimes(clock: Clock, input: NewSession, errors: Partial<Record<SessionField, string>>) {
  const start = parseBogotaDateTime(input.start);
  const end = parseBogotaDateTime(input.end);
  const format = 'escriba AAAA-MM-DD HH:mm (hora de Bogotá), por ejemplo 2026-09-15 09:00';
  if (!start) errors.start = `El inicio «${input.start.trim()}» no es válido: ${format}.`;
  if (!end) errors.end = `El fin «${input.end.trim()}» no es válido: ${format}.`;
  if (start && start.getTime() <= clock.now().getTime()) {
    errors.start = `El inicio (${bogotaWallClock(start)}) ya pasó; la sesión debe ser futura.`;
  }
  if (start && end && end.getTime() <= start.getTime()) {
    errors.end = `El fin (${bogotaWallClock(end)}) debe ser posterior al inicio (${bogotaWallClock(start)}).`;
  }
  return { startsAt: start?.toISOString() ?? '', endsAt: end?.toISOString() ?? '' };
}

function resolveTask(db: Db, clock: Clock, code: string, errors: Partial<Record<SessionField, string>>) {
  if (!code) return null;
  if (!isTaskCode(code)) {
    errors.task = `«${code}» no es un código de tarea: use <actividad>.<tarea>, por ejemplo 3.3.`;
    return null;
  }
  try {
    return requireTask(db, clock, code).id;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    errors.task = error.message;
    return null;
  }
}

/** Checks a new session and finds its task and invitees; throws SessionInputError listing every problem. */
export function resolveNewSession(db: Db, clock: Clock, input: NewSession): Resolved {
  const errors: Partial<Record<SessionField, string>> = {};
  const title = withoutControls(input.title, false).trim();
  const place = withoutControls(input.place, false).trim();
  if (!title) errors.title = 'Falta el título de la sesión.';
  else if (title.length > 150) errors.title = 'El título es muy largo: use como máximo 150 caracteres.';
  if (!place) errors.place = 'Falta el lugar o el enlace de la reunión.';
  const longPlace = textLimitProblem(place, { subject: 'El lugar', max: TEXT_LIMITS.long });
  if (longPlace) errors.place = longPlace;
  const times = resolveTimes(clock, input, errors);
  const taskId = resolveTask(db, clock, input.taskCode?.trim() ?? '', errors);
  const invited = resolveInvitees(db, input, errors);
  if (Object.keys(errors).length > 0) throw new SessionInputError(errors);
  return { title, place, ...times, taskId, ...invited };
}

/** Creates a session and its invitee list (audited). Invitations are sent separately (see delivery). */
export function createSession(db: Db, clock: Clock, author: Author, input: NewSession): SessionView {
  const s = resolveNewSession(db, clock, input);
  const now = clock.now().toISOString();
  const id = db.transaction((tx) => {
    const row = tx
      .insert(attendanceSessions)
      .values({
        title: s.title,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        place: s.place,
        taskId: s.taskId,
        audience: s.audience,
        team: s.team,
        createdBy: author.id,
        createdAt: now,
      })
      .returning({ id: attendanceSessions.id })
      .get();
    for (const person of s.people) {
      tx.insert(attendanceInvitees).values({ sessionId: row.id, personId: person.id, invitedAt: now }).run();
    }
    audit(tx, clock, author, {
      action: 'sesion.crear',
      entity: 'sesion',
      entityId: row.id,
      after: {
        title: s.title,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        place: s.place,
        taskCode: input.taskCode?.trim() || null,
        audience: s.audience,
        team: s.team,
        invitees: s.people.map((p) => p.email),
      },
    });
    return row.id;
  });
  return requireSession(db, id);
}
