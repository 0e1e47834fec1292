import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, evidence, tasks } from '../../../db/schema/index.ts';
import { loadConfig } from '../../../src/config.ts';
import { answerInvitation, checkIn, markPresence } from '../../../src/domain/attendance/answers.ts';
import {
  closeEndedSessions,
  closeEndedSessionsAndLog,
  PENDING_PUBLISHING,
} from '../../../src/domain/attendance/close.ts';
import { attendanceList, listJson, listSheet } from '../../../src/domain/attendance/list.ts';
import { listPublishing } from '../../../src/domain/attendance/publish.ts';
import { requireSession } from '../../../src/domain/attendance/store.ts';
import { readTable, writeTable } from '../../../src/domain/tabular.ts';
import { loggerInto } from '../../helpers/logs.ts';
import { ANDRES, attendanceApp, DIANA, LAURA, tempPublishing } from './helpers.ts';

/** Laura confirms and checks in, Andrés declines, Diana does not answer but the coordinator marks her. */
function heldTraining() {
  const t = attendanceApp();
  const session = t.create();
  t.clock.set('2026-09-08', '15:30');
  answerInvitation(t.app.db, t.clock, t.person(LAURA), session.id, 'confirmado');
  answerInvitation(t.app.db, t.clock, t.person(ANDRES), session.id, 'declinado', 'Comisión en Ipiales');
  t.clock.set('2026-09-10', '08:52');
  checkIn(t.app.db, t.clock, t.person(LAURA), session.id);
  t.clock.set('2026-09-10', '09:20');
  markPresence(t.app.db, t.clock, t.coordinator, session.id, DIANA);
  return { ...t, session };
}

describe('the attendance list', () => {
  it('has the session data above one row per invitee, in Bogotá time', async () => {
    const { app, session } = heldTraining();
    const sheet = listSheet(attendanceList(app.db, session.id));
    const csv = (await writeTable('csv', sheet)) as string;
    const lines = csv.trim().split('\n');
    expect(lines.slice(0, 8)).toEqual([
      `Lista de asistencia,Sesión ${session.id}`,
      'Título,Capacitación en indicadores de gestión',
      'Inicio (hora de Bogotá),2026-09-10 09:00',
      'Fin (hora de Bogotá),2026-09-10 11:00',
      'Lugar o enlace,"Sala de juntas, Alcaldía de Pasto"',
      expect.stringMatching(/^Tarea del plan,"?3\.3 /),
      'Convocatoria,Personas invitadas',
      'Totales,Invitados 3 · Confirmaron 1 · No asistirán 1 · Sin respuesta 1 · Presentes 2',
    ]);
    expect(lines.slice(9)).toEqual([
      'Nombre,Correo,Proceso,Respuesta,Motivo,Hora de respuesta,Presente,Hora de llegada,Presencia registrada por',
      'Andrés Muñoz (ejemplo),andres.munoz@ejemplo.pasto.gov.co,Planeación Institucional (ejemplo),No asistirá,Comisión en Ipiales,2026-09-08 15:30,No,,',
      'Diana Rosero (ejemplo),diana.rosero@ejemplo.pasto.gov.co,Planeación Institucional (ejemplo),Sin respuesta,,,Sí,2026-09-10 09:20,Coordinación MIPG (ejemplo)',
      'Laura Benavides (ejemplo),laura.benavides@ejemplo.pasto.gov.co,Planeación Institucional (ejemplo),Confirmó,,2026-09-08 15:30,Sí,2026-09-10 08:52,',
    ]);
  });

  it('exports JSON with the documented keys, instants in UTC', () => {
    const { app, session } = heldTraining();
    const json = listJson(attendanceList(app.db, session.id));
    expect(json.session).toMatchObject({
      id: session.id,
      start: '2026-09-10 09:00',
      startsAt: '2026-09-10T14:00:00.000Z',
      task: { code: '3.3' },
      counts: { invited: 3, confirmed: 1, declined: 1, unanswered: 1, present: 2 },
    });
    expect(json.attendees[0]).toEqual({
      name: 'Andrés Muñoz (ejemplo)',
      email: ANDRES,
      process: 'Planeación Institucional (ejemplo)',
      answer: 'declinado',
      reason: 'Comisión en Ipiales',
      answeredAt: '2026-09-08T20:30:00.000Z',
      present: false,
      checkedInAt: null,
    });
    expect(json.attendees.map((a) => a.answer)).toEqual(['declinado', 'sin_respuesta', 'confirmado']);
  });
});

describe('closing an ended session', () => {
  it('publishes the list and registers it as the linked task evidence, once', async () => {
    const t = heldTraining();
    const publishing = tempPublishing();
    t.clock.set('2026-09-10', '10:59');
    expect(await closeEndedSessions(t.app.db, t.clock, publishing)).toEqual([]);

    t.clock.set('2026-09-10', '11:05');
    const [outcome] = await closeEndedSessions(t.app.db, t.clock, publishing);
    const url = `https://intranet.pasto.gov.co/mipg/asistencia/asistencia-sesion-${t.session.id}.xlsx`;
    expect(outcome?.url).toBe(url);
    const task = t.app.db.select().from(tasks).where(eq(tasks.code, '3.3')).get();
    const links = t.app.db
      .select()
      .from(evidence)
      .where(eq(evidence.taskId, task?.id ?? -1))
      .all();
    expect(links).toMatchObject([
      {
        url,
        personId: null,
        note: `Lista de asistencia de la sesión ${t.session.id} «Capacitación en indicadores de gestión»: 2 presentes de 3 en la lista.`,
      },
    ]);
    expect(task?.doneAt).toBeNull();
    const xlsx = await readTable(join(publishing.dir, `asistencia-sesion-${t.session.id}.xlsx`), {
      headerWith: ['correo'],
    });
    expect(xlsx.rows.map((r) => [r.values.correo, r.values.presente])).toEqual([
      [ANDRES, 'No'],
      [DIANA, 'Sí'],
      [LAURA, 'Sí'],
    ]);
    expect(existsSync(join(publishing.dir, `asistencia-sesion-${t.session.id}.csv`))).toBe(true);
    expect(readFileSync(join(publishing.dir, `asistencia-sesion-${t.session.id}.csv`), 'utf8')).toMatch(
      /^\uFEFF/,
    );

    expect(await closeEndedSessions(t.app.db, t.clock, publishing)).toEqual([]);
    expect(t.app.db.select().from(evidence).all()).toHaveLength(1);
    const entries = t.app.db.select().from(auditLog).where(eq(auditLog.actor, 'sistema')).all();
    expect(entries.map((e) => [e.action, e.entityId]).slice(-2)).toEqual([
      ['evidencia.agregar', '3.3'],
      ['sesion.cerrar', String(t.session.id)],
    ]);
  });

  it('keeps a linked session open, and says why, while there is nowhere to publish', async () => {
    const t = heldTraining();
    t.clock.set('2026-09-10', '12:00');
    const [outcome] = await closeEndedSessions(t.app.db, t.clock, undefined);
    expect(outcome?.pending).toBe(PENDING_PUBLISHING);
    expect(requireSession(t.app.db, t.session.id).closedAt).toBeNull();
    expect(t.app.db.select().from(evidence).all()).toEqual([]);
  });

  it('logs, for the scheduler, the sessions it closed and not those still waiting', async () => {
    const t = heldTraining();
    const other = t.create({
      title: 'Reunión sin tarea',
      taskCode: '',
      start: '2026-09-11 09:00',
      end: '2026-09-11 10:00',
    });
    t.clock.set('2026-09-11', '12:00');
    const log: string[] = [];
    const config = { ...t.app.services.config };
    await closeEndedSessionsAndLog({ db: t.app.db, clock: t.clock, config, log: loggerInto(log) });
    expect(log).toEqual([`Sesión ${other.id} «Reunión sin tarea»: cerrada.`]);
  });

  it('closes a session with no task without registering evidence', async () => {
    const t = attendanceApp();
    const session = t.create({ taskCode: '' });
    t.clock.set('2026-09-11', '08:00');
    await closeEndedSessions(t.app.db, t.clock, undefined);
    expect(requireSession(t.app.db, session.id).closedAt).toBe(t.clock.now().toISOString());
    expect(t.app.db.select().from(evidence).all()).toEqual([]);
  });

  it('reads the publishing settings, refusing an address that is not http(s)', () => {
    const base = { MIPG_DB: 'data/mipg.db', MIPG_ASISTENCIA_URL: undefined, MIPG_ASISTENCIA_DIR: undefined };
    expect(listPublishing(base)).toBeUndefined();
    expect(listPublishing({ ...base, MIPG_ASISTENCIA_URL: 'intranet/asistencia' })).toBeUndefined();
    expect(listPublishing({ ...base, MIPG_ASISTENCIA_URL: 'https://intranet.pasto.gov.co/a/' })).toEqual({
      baseUrl: 'https://intranet.pasto.gov.co/a/',
      dir: 'data/asistencia',
    });
    expect(() => loadConfig({ MIPG_ASISTENCIA_URL: 'ftp://intranet/a' })).toThrow(
      /MIPG_ASISTENCIA_URL: debe ser una dirección http\(s\)/,
    );
    expect(loadConfig({ MIPG_ASISTENCIA_URL: 'https://intranet.pasto.gov.co/a/' }).MIPG_ASISTENCIA_URL).toBe(
      'https://intranet.pasto.gov.co/a/',
    );
  });
});
