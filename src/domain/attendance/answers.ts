import type { Db, Tx } from '../../../db/client.ts';
import { type AttendanceAnswer, attendanceInvitees } from '../../../db/schema/index.ts';
import { audit, personAuthor } from '../audit/log.ts';
import type { Clock } from '../clock.ts';
import { isCoordinator, type Person, personByEmail } from '../directory/people.ts';
import { DomainError } from '../errors.ts';
import { boundedText, TEXT_LIMITS } from '../text.ts';
import { longDateTime, shortTime } from './format.ts';
import { answerState, type InviteeRow, inviteeOf, requireSession, type SessionView } from './store.ts';
import {
  bogotaWallClock,
  CHECK_IN_OPENS_MINUTES,
  checkInOpensAt,
  checkInPosition,
  hasStarted,
} from './time.ts';

/** What an answer or a check-in did: `changed` is false when it was already so (a second press). */
export interface AttendanceChange {
  session: SessionView;
  invitee: InviteeRow;
  changed: boolean;
}

function notInvited(session: SessionView): DomainError {
  return new DomainError(
    `No está en la lista de invitados de la sesión ${session.id} «${session.title}»; no se registró nada.`,
    'Si debe asistir, pida a la coordinación MIPG que lo invite.',
  );
}

/** A row of someone who has not answered yet. */
function newInvitee(sessionId: number, personId: number, nowIso: string): InviteeRow {
  return {
    sessionId,
    personId,
    invitedAt: nowIso,
    notifiedAt: null,
    answer: null,
    reason: null,
    answeredAt: null,
    checkedInAt: null,
    checkedInBy: null,
  };
}

/** The person's row, or (in a channel session, open to everyone) a fresh one to insert. */
function invitation(db: Db, session: SessionView, person: Person, nowIso: string): InviteeRow {
  const row = inviteeOf(db, session.id, person.id);
  if (row) return row;
  if (session.audience !== 'canal') throw notInvited(session);
  return newInvitee(session.id, person.id, nowIso);
}

function save(tx: Tx, row: InviteeRow): void {
  tx.insert(attendanceInvitees)
    .values(row)
    .onConflictDoUpdate({ target: [attendanceInvitees.sessionId, attendanceInvitees.personId], set: row })
    .run();
}

function reload(db: Db, row: InviteeRow): InviteeRow {
  return inviteeOf(db, row.sessionId, row.personId) ?? row;
}

/**
 * The session, when the person may still answer it (invited, not started, not already present);
 * else a Spanish error. Someone present counts as attending: «no podré asistir» cannot undo that.
 */
export function assertMayAnswer(db: Db, clock: Clock, person: Person, sessionId: number): SessionView {
  const session = requireSession(db, sessionId);
  const now = clock.now();
  const row = invitation(db, session, person, now.toISOString());
  if (row.checkedInAt) {
    throw new DomainError(
      `Ya registró su presencia en la sesión ${session.id} «${session.title}» a las ${shortTime(row.checkedInAt)}: su asistencia cuenta y la respuesta a la invitación ya no se puede cambiar.`,
      'Si no pudo quedarse, pida a la coordinación MIPG que retire su presencia.',
    );
  }
  if (hasStarted(session, now)) {
    throw new DomainError(
      `La sesión ${session.id} «${session.title}» ya comenzó (${shortTime(session.startsAt)}); la respuesta ya no se puede cambiar.`,
      `Si está en la sesión, registre su presencia: /asistencia presente ${session.id}`,
    );
  }
  return session;
}

/** Confirms or declines (with an optional reason). Allowed until the session starts; a repeat stores nothing. */
export function answerInvitation(
  db: Db,
  clock: Clock,
  person: Person,
  sessionId: number,
  answer: AttendanceAnswer,
  reason?: string,
): AttendanceChange {
  const session = assertMayAnswer(db, clock, person, sessionId);
  const note =
    answer === 'declinado' && reason !== undefined
      ? boundedText(reason, { subject: 'El motivo', max: TEXT_LIMITS.long }) || null
      : null;
  const now = clock.now();
  const row = invitation(db, session, person, now.toISOString());
  if (row.answer === answer && row.reason === note) return { session, invitee: row, changed: false };
  const updated: InviteeRow = { ...row, answer, reason: note, answeredAt: now.toISOString() };
  db.transaction((tx) => {
    save(tx, updated);
    audit(tx, clock, personAuthor(person), {
      action: answer === 'confirmado' ? 'asistencia.confirmar' : 'asistencia.declinar',
      entity: 'sesion',
      entityId: session.id,
      before: { persona: person.email, respuesta: answerState(row), motivo: row.reason },
      after: { persona: person.email, respuesta: answer, motivo: note },
    });
  });
  return { session, invitee: reload(db, updated), changed: true };
}

/** Why a check-in at `now` does not count, or undefined when the window is open. */
export function checkInRefusal(session: SessionView, now: Date): string | undefined {
  const position = checkInPosition(session, now);
  if (position === 'before') {
    const opens = checkInOpensAt(session.startsAt);
    return `Aún no cuenta: el registro de presencia de la sesión ${session.id} abre el ${longDateTime(opens)} (${CHECK_IN_OPENS_MINUTES} minutos antes del inicio).`;
  }
  if (position === 'after') {
    return `Ya no cuenta: la sesión ${session.id} «${session.title}» terminó el ${longDateTime(session.endsAt)}.`;
  }
  return undefined;
}

/**
 * Present wins over «no podré asistir»: someone who came is present, so a declined answer becomes a
 * confirmed one (its reason no longer applies). Other answers stay as they were.
 */
function presentWins(row: InviteeRow, now: Date): InviteeRow {
  if (row.answer !== 'declinado') return row;
  return { ...row, answer: 'confirmado', reason: null, answeredAt: now.toISOString() };
}

/** "Estoy presente": counts from 15 minutes before the start until the end; a repeat stores nothing. */
export function checkIn(db: Db, clock: Clock, person: Person, sessionId: number): AttendanceChange {
  const session = requireSession(db, sessionId);
  const now = clock.now();
  const row = invitation(db, session, person, now.toISOString());
  const refusal = checkInRefusal(session, now);
  if (refusal) {
    throw new DomainError(
      refusal,
      'Si asistió y no alcanzó a registrarse, pida a la coordinación MIPG que lo marque.',
    );
  }
  if (row.checkedInAt) return { session, invitee: row, changed: false };
  const updated: InviteeRow = {
    ...presentWins(row, now),
    checkedInAt: now.toISOString(),
    checkedInBy: person.id,
  };
  db.transaction((tx) => {
    save(tx, updated);
    audit(tx, clock, personAuthor(person), {
      action: 'asistencia.presente',
      entity: 'sesion',
      entityId: session.id,
      before: { persona: person.email, presente: false, respuesta: answerState(row) },
      after: {
        persona: person.email,
        presente: true,
        hora: bogotaWallClock(now),
        respuesta: answerState(updated),
      },
    });
  });
  return { session, invitee: reload(db, updated), changed: true };
}

/** The directory person with that e-mail, or a Spanish error. */
function requirePerson(db: Db, email: string): Person {
  const person = personByEmail(db, email);
  if (!person) throw new DomainError(`No hay nadie con el correo ${email} en el directorio.`);
  return person;
}

/**
 * The coordinator records (or withdraws) someone's presence by hand, from the moment check-in opens,
 * also after the end. Someone present who was not invited is added to the list. Audited.
 */
export function markPresence(
  db: Db,
  clock: Clock,
  coordinator: Person,
  sessionId: number,
  email: string,
  isPresent = true,
): AttendanceChange {
  if (!isCoordinator(coordinator)) {
    throw new DomainError(
      'Solo la coordinación MIPG puede registrar la presencia de otra persona.',
      `Para registrar la suya: /asistencia presente ${sessionId}`,
    );
  }
  const session = requireSession(db, sessionId);
  const target = requirePerson(db, email);
  const now = clock.now();
  if (checkInPosition(session, now) === 'before') {
    throw new DomainError(
      `La sesión ${session.id} aún no empieza; la presencia se registra desde el ${longDateTime(checkInOpensAt(session.startsAt))}.`,
    );
  }
  const existing = inviteeOf(db, session.id, target.id);
  if (!existing && !isPresent)
    throw new DomainError(`${target.name} no está en la lista de la sesión ${session.id}.`);
  const row = existing ?? newInvitee(session.id, target.id, now.toISOString());
  if (Boolean(row.checkedInAt) === isPresent) return { session, invitee: row, changed: false };
  const updated: InviteeRow = isPresent
    ? { ...presentWins(row, now), checkedInAt: now.toISOString(), checkedInBy: coordinator.id }
    : { ...row, checkedInAt: null, checkedInBy: null };
  db.transaction((tx) => {
    save(tx, updated);
    audit(tx, clock, personAuthor(coordinator), {
      action: isPresent ? 'asistencia.presente_manual' : 'asistencia.ausente_manual',
      entity: 'sesion',
      entityId: session.id,
      before: {
        persona: target.email,
        presente: Boolean(row.checkedInAt),
        enLista: Boolean(existing),
        respuesta: answerState(row),
      },
      after: { persona: target.email, presente: isPresent, respuesta: answerState(updated) },
    });
  });
  return { session, invitee: reload(db, updated), changed: true };
}
