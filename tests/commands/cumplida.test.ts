import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, evidence, tasks } from '../../db/schema/index.ts';
import { peopleResponsibleFor, peopleWithRole } from '../../src/domain/directory/people.ts';
import { COORDINATOR, snapshot, testApp } from '../helpers/app.ts';

const DOFA = 'https://intranet.pasto.gov.co/dofa-2026.pdf';

function setup(date = '2026-10-15') {
  const t = testApp(date);
  const leader = peopleWithRole(t.app.db, 'lider').find((p) => p.teams.includes('Líderes de proceso'));
  const mipg = peopleResponsibleFor(t.app.db, 'Equipo MIPG').find((p) => p.role !== 'coordinador');
  if (!leader || !mipg) throw new Error('the example directory lacks a leader or an Equipo MIPG member');
  return { ...t, leader, mipg };
}

describe('/cumplida', () => {
  it('marks a task done with its evidence link and records who and when in the audit log', async () => {
    const { app, sayText, clock } = setup();
    const text = await sayText(COORDINATOR, `/cumplida 2.3 ${DOFA} Versión aprobada por el comité`);
    expect(text).toContain(`La tarea *2.3* quedó cumplida. Evidencia: ${DOFA}`);

    const task = app.db.select().from(tasks).where(eq(tasks.code, '2.3')).get();
    expect(task?.doneAt).toBe(clock.now().toISOString());
    const links = app.db
      .select()
      .from(evidence)
      .where(eq(evidence.taskId, task?.id ?? -1))
      .all();
    expect(links).toMatchObject([{ url: DOFA, note: 'Versión aprobada por el comité' }]);

    const entries = app.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, '2.3'))
      .all()
      .filter((e) => e.action !== 'tarea.importar');
    expect(entries.map((e) => [e.action, e.actor, e.at])).toEqual([
      ['evidencia.agregar', COORDINATOR, clock.now().toISOString()],
      ['tarea.cumplida', COORDINATOR, clock.now().toISOString()],
    ]);
    expect(await sayText(COORDINATOR, '/tarea 2.3')).toContain('Estado: ✅ Cumplida');
  });

  it('adds evidence to a task already done without marking it again', async () => {
    const { app, sayText } = setup();
    await sayText(COORDINATOR, `/cumplida 2.3 ${DOFA}`);
    const again = await sayText(COORDINATOR, '/cumplida 2.3 https://intranet.pasto.gov.co/dofa-v2.pdf');
    expect(again).toContain('ya estaba cumplida; se agregó la nueva evidencia');
    expect(app.db.select().from(evidence).all()).toHaveLength(2);
    const done = app.db.select().from(auditLog).where(eq(auditLog.action, 'tarea.cumplida')).all();
    expect(done).toHaveLength(1);
  });

  it('refuses bad input in Spanish and stores nothing', async () => {
    const { app, sayText } = setup();
    const before = snapshot(app);
    const cases: [string, string][] = [
      ['/cumplida', 'Falta el código de la tarea.'],
      ['/cumplida 2.3', 'Falta el enlace de la evidencia.'],
      ['/cumplida 2.3 intranet/dofa.pdf', 'La evidencia debe ser un enlace http(s).'],
      ['/cumplida 2.3 ftp://intranet.pasto.gov.co/dofa.pdf', 'La evidencia debe ser un enlace http(s).'],
      [`/cumplida 9.1 ${DOFA}`, 'No existe la tarea 9.1 en el plan 2026.'],
      [`/evidencia x ${DOFA}`, 'El código de una tarea es <actividad>.<tarea>'],
    ];
    for (const [input, message] of cases) {
      const text = await sayText(COORDINATOR, input);
      expect(text, input).toContain(message);
      if (!input.includes('9.1')) expect(text, input).toContain('Ejemplo: /');
    }
    expect(snapshot(app)).toEqual(before);
  });
});

describe('who may change a task', () => {
  it('lets only the responsible team or the coordinator mark it done', async () => {
    const { app, sayText, leader, mipg } = setup();
    const before = snapshot(app);
    const refused = await sayText(leader.email, `/cumplida 2.3 ${DOFA}`);
    expect(refused).toContain('No puede modificar la tarea 2.3');
    expect(refused).toContain('Equipo MIPG');
    expect(snapshot(app)).toEqual(before);

    expect(
      await sayText(leader.email, '/cumplida 3.7 https://intranet.pasto.gov.co/acciones.xlsx'),
    ).toContain('quedó cumplida');
    // 3.4 is measured by each process's indicator reports: no double entry.
    expect(
      await sayText(leader.email, '/cumplida 3.4 https://intranet.pasto.gov.co/reportes.xlsx'),
    ).toContain('El avance de la tarea 3.4 se toma de los reportes de indicadores de cada proceso');
    expect(await sayText(mipg.email, `/evidencia 2.3 ${DOFA}`)).toContain(
      'Se registró la evidencia de la tarea *2.3*',
    );
  });

  it('lets only the coordinator verify and reopen', async () => {
    const { app, sayText, mipg } = setup();
    await sayText(mipg.email, `/cumplida 2.3 ${DOFA}`);
    expect(await sayText(mipg.email, '/verificar tarea 2.3')).toContain(
      'Solo la coordinación MIPG puede verificar tareas.',
    );
    expect(await sayText(COORDINATOR, '/verificar tarea 2.3')).toContain('quedó verificada');
    expect(await sayText(COORDINATOR, '/reabrir 2.3 Falta el acta firmada')).toContain(
      'quedó abierta de nuevo',
    );
    const task = app.db.select().from(tasks).where(eq(tasks.code, '2.3')).get();
    expect(task).toMatchObject({ doneAt: null, verifiedAt: null });
    const reopen = app.db.select().from(auditLog).where(eq(auditLog.action, 'tarea.reabrir')).get();
    expect(reopen?.after).toMatchObject({ reason: 'Falta el acta firmada' });
    expect(await sayText(COORDINATOR, '/verificar tarea 2.3')).toContain('aún no está cumplida');
  });
});

describe('the audit log', () => {
  it('cannot be changed or deleted', async () => {
    const { app, sayText } = setup();
    await sayText(COORDINATOR, `/cumplida 2.3 ${DOFA}`);
    const sqlite = app.db.$client;
    expect(() => sqlite.prepare("UPDATE audit_log SET actor = 'otro'").run()).toThrow(/solo adición/);
    expect(() => sqlite.prepare('DELETE FROM audit_log').run()).toThrow(/solo adición/);
  });
});
