import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { attendanceInvitees, auditLog } from '../../../db/schema/index.ts';
import { answerInvitation, checkIn, markPresence } from '../../../src/domain/attendance/answers.ts';
import { inviteeOf } from '../../../src/domain/attendance/store.ts';
import { bogotaInstant } from '../../../src/domain/clock.ts';
import { DomainError } from '../../../src/domain/errors.ts';
import { COORDINATOR, snapshot } from '../../helpers/app.ts';
import { ANDRES, attendanceApp, LAURA, OUTSIDER } from './helpers.ts';

function answers(t: ReturnType<typeof attendanceApp>) {
  return t.app.db.select().from(auditLog).where(eq(auditLog.entity, 'sesion')).all();
}

describe('confirming and declining an invitation', () => {
  it('records the answer with the person and the Bogotá instant, audited', () => {
    const t = attendanceApp();
    const session = t.create();
    t.clock.set('2026-09-08', '16:20');
    const change = answerInvitation(t.app.db, t.clock, t.person(LAURA), session.id, 'confirmado');
    expect(change.changed).toBe(true);
    const row = inviteeOf(t.app.db, session.id, t.person(LAURA).id);
    expect(row).toMatchObject({ answer: 'confirmado', reason: null, answeredAt: '2026-09-08T21:20:00.000Z' });
    expect(answers(t).at(-1)).toMatchObject({
      action: 'asistencia.confirmar',
      actor: LAURA,
      entityId: String(session.id),
      after: { persona: LAURA, respuesta: 'confirmado', motivo: null },
    });
  });

  it('keeps the reason of a decline', () => {
    const t = attendanceApp();
    const session = t.create();
    answerInvitation(t.app.db, t.clock, t.person(ANDRES), session.id, 'declinado', '  Comisión en Ipiales ');
    expect(inviteeOf(t.app.db, session.id, t.person(ANDRES).id)).toMatchObject({
      answer: 'declinado',
      reason: 'Comisión en Ipiales',
    });
  });

  it('lets a person change their answer before the start, and refuses after it', () => {
    const t = attendanceApp();
    const session = t.create();
    const laura = t.person(LAURA);
    answerInvitation(t.app.db, t.clock, laura, session.id, 'declinado', 'Cita médica');
    t.clock.set('2026-09-10', '08:59');
    answerInvitation(t.app.db, t.clock, laura, session.id, 'confirmado');
    expect(inviteeOf(t.app.db, session.id, laura.id)).toMatchObject({ answer: 'confirmado', reason: null });

    t.clock.set('2026-09-10', '09:00');
    const before = snapshot(t.app);
    expect(() => answerInvitation(t.app.db, t.clock, laura, session.id, 'declinado')).toThrow(
      `La sesión ${session.id} «Capacitación en indicadores de gestión» ya comenzó (09:00); la respuesta ya no se puede cambiar.`,
    );
    expect(snapshot(t.app)).toEqual(before);
  });

  it('stores a second press of the same button once', () => {
    const t = attendanceApp();
    const session = t.create();
    const laura = t.person(LAURA);
    answerInvitation(t.app.db, t.clock, laura, session.id, 'confirmado');
    t.clock.set('2026-09-07', '10:05');
    const again = answerInvitation(t.app.db, t.clock, laura, session.id, 'confirmado');
    expect(again.changed).toBe(false);
    expect(again.invitee.answeredAt).toBe(bogotaInstant('2026-09-07', '10:00').toISOString());
    expect(answers(t).filter((a) => a.action === 'asistencia.confirmar')).toHaveLength(1);
  });

  it('tells someone who is not invited so in Spanish and stores nothing', () => {
    const t = attendanceApp();
    const session = t.create();
    const before = snapshot(t.app);
    for (const act of [
      () => answerInvitation(t.app.db, t.clock, t.person(OUTSIDER), session.id, 'confirmado'),
      () => checkIn(t.app.db, t.clock, t.person(OUTSIDER), session.id),
    ]) {
      expect(act).toThrow(DomainError);
      expect(act).toThrow(`No está en la lista de invitados de la sesión ${session.id}`);
    }
    expect(snapshot(t.app)).toEqual(before);
  });

  it('explains an unknown session', () => {
    const t = attendanceApp();
    expect(() => answerInvitation(t.app.db, t.clock, t.person(LAURA), 99, 'confirmado')).toThrow(
      'No existe la sesión 99.',
    );
  });

  it('lets anyone in the directory answer a session sent to the team channel', () => {
    const t = attendanceApp();
    const session = t.create({ invitees: '', channel: true });
    answerInvitation(t.app.db, t.clock, t.person(OUTSIDER), session.id, 'confirmado');
    const rows = t.app.db.select().from(attendanceInvitees).all();
    expect(rows).toMatchObject([{ personId: t.person(OUTSIDER).id, answer: 'confirmado' }]);
  });
});

describe('check-in window (Bogotá time)', () => {
  const cases: [string, string, boolean][] = [
    ['2026-09-10', '08:44', false],
    ['2026-09-10', '08:45', true],
    ['2026-09-10', '10:59', true],
    ['2026-09-10', '11:00', false],
  ];
  for (const [date, time, counts] of cases) {
    it(`${counts ? 'counts' : 'does not count'} «Estoy presente» at ${time} for a 09:00–11:00 session`, () => {
      const t = attendanceApp();
      const session = t.create();
      t.clock.set(date, time);
      const act = () => checkIn(t.app.db, t.clock, t.person(LAURA), session.id);
      if (counts) {
        expect(act().invitee.checkedInAt).toBe(bogotaInstant(date, time).toISOString());
      } else {
        expect(act).toThrow(time === '08:44' ? /^Aún no cuenta: el registro de presencia/ : /^Ya no cuenta:/);
        expect(inviteeOf(t.app.db, session.id, t.person(LAURA).id)?.checkedInAt).toBeNull();
      }
    });
  }

  it('says in Bogotá time when check-in opens and when the session ended', () => {
    const t = attendanceApp();
    const session = t.create();
    t.clock.set('2026-09-10', '07:00');
    expect(() => checkIn(t.app.db, t.clock, t.person(LAURA), session.id)).toThrow(
      `Aún no cuenta: el registro de presencia de la sesión ${session.id} abre el jueves 10 de septiembre de 2026 a las 08:45 (15 minutos antes del inicio).`,
    );
    t.clock.set('2026-09-10', '11:30');
    expect(() => checkIn(t.app.db, t.clock, t.person(LAURA), session.id)).toThrow(
      `Ya no cuenta: la sesión ${session.id} «Capacitación en indicadores de gestión» terminó el jueves 10 de septiembre de 2026 a las 11:00.`,
    );
  });

  it('records a check-in once even if pressed twice', () => {
    const t = attendanceApp();
    const session = t.create();
    t.clock.set('2026-09-10', '09:02');
    checkIn(t.app.db, t.clock, t.person(LAURA), session.id);
    t.clock.set('2026-09-10', '09:10');
    const again = checkIn(t.app.db, t.clock, t.person(LAURA), session.id);
    expect(again.changed).toBe(false);
    expect(again.invitee.checkedInAt).toBe(bogotaInstant('2026-09-10', '09:02').toISOString());
    expect(answers(t).filter((a) => a.action === 'asistencia.presente')).toHaveLength(1);
  });
});

describe('presence marked by hand', () => {
  it('lets the coordinator mark and withdraw presence, audited with who did it', () => {
    const t = attendanceApp();
    const session = t.create();
    t.clock.set('2026-09-10', '11:40');
    const marked = markPresence(t.app.db, t.clock, t.coordinator, session.id, ANDRES);
    expect(marked.invitee).toMatchObject({
      checkedInAt: bogotaInstant('2026-09-10', '11:40').toISOString(),
      checkedInBy: t.coordinator.id,
    });
    markPresence(t.app.db, t.clock, t.coordinator, session.id, ANDRES, false);
    expect(inviteeOf(t.app.db, session.id, t.person(ANDRES).id)?.checkedInAt).toBeNull();
    expect(answers(t).slice(-2)).toMatchObject([
      {
        action: 'asistencia.presente_manual',
        actor: COORDINATOR,
        after: { persona: ANDRES, presente: true },
      },
      {
        action: 'asistencia.ausente_manual',
        actor: COORDINATOR,
        after: { persona: ANDRES, presente: false },
      },
    ]);
  });

  it('turns «no podrá asistir» into confirmed when the coordinator marks the person present', () => {
    const t = attendanceApp();
    const session = t.create();
    answerInvitation(t.app.db, t.clock, t.person(ANDRES), session.id, 'declinado', 'Comisión');
    t.clock.set('2026-09-10', '09:30');
    markPresence(t.app.db, t.clock, t.coordinator, session.id, ANDRES);
    expect(inviteeOf(t.app.db, session.id, t.person(ANDRES).id)).toMatchObject({
      answer: 'confirmado',
      reason: null,
      checkedInAt: bogotaInstant('2026-09-10', '09:30').toISOString(),
    });
    expect(answers(t).at(-1)).toMatchObject({
      action: 'asistencia.presente_manual',
      before: { persona: ANDRES, presente: false, respuesta: 'declinado' },
      after: { persona: ANDRES, presente: true, respuesta: 'confirmado' },
    });
  });

  it('adds to the list someone present who was not invited', () => {
    const t = attendanceApp();
    const session = t.create();
    t.clock.set('2026-09-10', '09:30');
    markPresence(t.app.db, t.clock, t.coordinator, session.id, OUTSIDER);
    expect(inviteeOf(t.app.db, session.id, t.person(OUTSIDER).id)).toMatchObject({ answer: null });
  });

  it('refuses people who are not the coordinator, and marks before check-in opens', () => {
    const t = attendanceApp();
    const session = t.create();
    t.clock.set('2026-09-10', '09:30');
    expect(() => markPresence(t.app.db, t.clock, t.person(LAURA), session.id, ANDRES)).toThrow(
      'Solo la coordinación MIPG puede registrar la presencia de otra persona.',
    );
    t.clock.set('2026-09-09', '09:30');
    expect(() => markPresence(t.app.db, t.clock, t.coordinator, session.id, ANDRES)).toThrow(
      /aún no empieza; la presencia se registra desde el jueves 10 de septiembre de 2026 a las 08:45/,
    );
    expect(() => markPresence(t.app.db, t.clock, t.coordinator, session.id, 'nadie@pasto.gov.co')).toThrow(
      'No hay nadie con el correo nadie@pasto.gov.co en el directorio.',
    );
  });
});
