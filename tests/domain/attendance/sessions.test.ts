import { describe, expect, it } from 'vitest';
import { attendanceInvitees, auditLog } from '../../../db/schema/index.ts';
import { SessionInputError } from '../../../src/domain/attendance/sessions.ts';
import { parseBogotaDateTime } from '../../../src/domain/attendance/time.ts';
import { COORDINATOR, snapshot } from '../../helpers/app.ts';
import { ANDRES, attendanceApp, DIANA, LAURA } from './helpers.ts';

describe('creating a session', () => {
  it('stores Bogotá wall-clock times as UTC instants, the linked task and the invitees, audited', () => {
    const t = attendanceApp();
    const session = t.create();
    expect(session).toMatchObject({
      title: 'Capacitación en indicadores de gestión',
      startsAt: '2026-09-10T14:00:00.000Z',
      endsAt: '2026-09-10T16:00:00.000Z',
      taskCode: '3.3',
      audience: 'personas',
      createdBy: t.coordinator.id,
    });
    const invited = t.app.db
      .select()
      .from(attendanceInvitees)
      .all()
      .map((r) => r.personId);
    expect(invited.sort()).toEqual([t.person(LAURA).id, t.person(ANDRES).id, t.person(DIANA).id].sort());
    const entry = t.app.db.select().from(auditLog).all().at(-1);
    expect(entry).toMatchObject({ action: 'sesion.crear', actor: COORDINATOR, entity: 'sesion' });
    expect(entry?.after).toMatchObject({ taskCode: '3.3', invitees: [LAURA, ANDRES, DIANA] });
  });

  it('invites the active members of a directory team', () => {
    const t = attendanceApp();
    const session = t.create({ invitees: '', team: 'equipo mipg' });
    expect(session).toMatchObject({ audience: 'equipo', team: 'Equipo MIPG' });
    const invited = t.app.db.select().from(attendanceInvitees).all();
    expect(invited.map((r) => r.personId)).toContain(t.person(DIANA).id);
    expect(invited).toHaveLength(4);
  });

  it('reads the date pickers of the platforms: a T between date and time, or an instant with offset', () => {
    expect(parseBogotaDateTime('2026-09-10T09:00')?.toISOString()).toBe('2026-09-10T14:00:00.000Z');
    expect(parseBogotaDateTime('2026-09-10 9:00')?.toISOString()).toBe('2026-09-10T14:00:00.000Z');
    expect(parseBogotaDateTime('2026-09-10T09:00:00-05:00')?.toISOString()).toBe('2026-09-10T14:00:00.000Z');
    expect(parseBogotaDateTime('2026-02-30 09:00')).toBeUndefined();
    expect(parseBogotaDateTime('2026-09-10 24:00')).toBeUndefined();
    expect(parseBogotaDateTime('10/09/2026 09:00')).toBeUndefined();
  });

  it('lists every problem at once, by field, and stores nothing', () => {
    const t = attendanceApp();
    const before = snapshot(t.app);
    let error: unknown;
    try {
      t.create({
        title: ' ',
        start: '2026-09-10 18:00',
        end: '2026-09-10 17:00',
        place: '',
        taskCode: '9.9',
        invitees: `${LAURA}; nadie@pasto.gov.co`,
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SessionInputError);
    expect((error as SessionInputError).fields).toEqual({
      title: 'Falta el título de la sesión.',
      place: 'Falta el lugar o el enlace de la reunión.',
      end: 'El fin (2026-09-10 17:00) debe ser posterior al inicio (2026-09-10 18:00).',
      task: 'No existe la tarea 9.9 en el plan 2026.',
      invitees: 'No están en el directorio (o están inactivos): nadie@pasto.gov.co.',
    });
    expect((error as Error).message).toMatch(/^La sesión no se creó:\n• /);
    expect(snapshot(t.app)).toEqual(before);
  });

  it('refuses a start already past, a bad time, no invitees, an unknown team and channel plus people', () => {
    const t = attendanceApp();
    const fields = (input: Parameters<typeof t.create>[0]) => {
      try {
        t.create(input);
      } catch (e) {
        return (e as SessionInputError).fields;
      }
      return {};
    };
    expect(fields({ start: '2026-09-07 09:00', end: '2026-09-07 11:00' }).start).toBe(
      'El inicio (2026-09-07 09:00) ya pasó; la sesión debe ser futura.',
    );
    expect(fields({ start: 'mañana' }).start).toBe(
      'El inicio «mañana» no es válido: escriba AAAA-MM-DD HH:mm (hora de Bogotá), por ejemplo 2026-09-15 09:00.',
    );
    expect(fields({ invitees: '' }).invitees).toBe(
      'Falta a quién invitar: correos separados por «;», un equipo o el canal.',
    );
    expect(fields({ invitees: '', team: 'Comité de Gestión' }).invitees).toMatch(
      /^No hay un equipo «Comité de Gestión» en el directorio\. Equipos: .*Equipo MIPG/,
    );
    expect(fields({ channel: true }).invitees).toBe('Invite al canal del equipo o a personas, no a ambos.');
  });
});
