import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { attendanceInvitees, auditLog, evidence, sentMessages } from '../../db/schema/index.ts';
import { renderText } from '../../src/adapters/console/render.ts';
import type { MessageRef } from '../../src/chat/messenger.ts';
import { replyText } from '../../src/chat/reply.ts';
import type { Config } from '../../src/config.ts';
import { inviteeOf } from '../../src/domain/attendance/store.ts';
import { personById } from '../../src/domain/directory/people.ts';
import { ANDRES, attendanceApp, LAURA, OUTSIDER, tempPublishing } from '../domain/attendance/helpers.ts';
import { COORDINATOR, snapshot } from '../helpers/app.ts';

const FORM = {
  titulo: 'Capacitación en indicadores de gestión',
  inicio: '2026-09-10T09:00',
  fin: '2026-09-10 11:00',
  lugar: 'Sala de juntas',
  tarea: '3.3',
  equipo: '',
  invitados: `${LAURA}; ${ANDRES}`,
};

/** The coordinator fills in /asistencia nueva; Laura and Andrés get their invitations. */
async function withSession(date = '2026-09-07', time = '10:00') {
  const t = attendanceApp(date, time);
  const created = await t.app.router.handleSubmit(
    { person: t.coordinator, platform: 'console' },
    'asistencia.nueva',
    FORM,
  );
  if (!created.ok) throw new Error(JSON.stringify(created));
  // The answer does not wait for the invitations; they follow it.
  await vi.waitFor(() => expect(t.printed).toHaveLength(2));
  const nameOf = (id: number) => personById(t.app.db, id)?.name ?? '';
  const as = (email: string) => ({ person: t.person(email), platform: 'console' as const });
  /** Where Laura's (or someone's) invitation landed, as recorded for presses on it. */
  const invitationOf = (email: string): MessageRef => {
    const row = t.app.db
      .select()
      .from(sentMessages)
      .where(eq(sentMessages.personId, t.person(email).id))
      .get();
    if (!row) throw new Error(`no invitation for ${email}`);
    return { platform: 'console', conversation: row.conversation, messageId: row.messageId };
  };
  const press = (email: string, actionId: string, message?: MessageRef) =>
    t.app.router.handleAction(as(email), { actionId, value: '1', ...(message ? { message } : {}) });
  return { ...t, created, nameOf, as, invitationOf, press };
}

describe('creating a session and its invitations', () => {
  it('sends each invitee the invitation with the three buttons and their typed equivalents', async () => {
    const t = await withSession();
    expect(t.created.ok && replyText(t.created.reply)).toBe(
      'Nueva sesión\n✅ Sesión *1* creada: «Capacitación en indicadores de gestión», jueves 10 de septiembre de 2026, 09:00 – 11:00 (hora de Bogotá).\nInvitaciones en camino: 2.',
    );
    expect(t.printed).toHaveLength(2);
    expect(t.printed[0]).toBe(
      [
        '',
        '✉️  Mensaje directo para Laura Benavides (ejemplo) <laura.benavides@ejemplo.pasto.gov.co>:',
        'Invitación: Capacitación en indicadores de gestión',
        '',
        'Le invitamos a Capacitación en indicadores de gestión.',
        '',
        'Cuándo: jueves 10 de septiembre de 2026, 09:00 – 11:00 (hora de Bogotá)',
        'Dónde: Sala de juntas',
        'Tarea del plan: 3.3 Impartir directrices para la articulación de los indicadores en el instrumento actualizado',
        'Convoca: @Coordinación MIPG (ejemplo)',
        '  Puede cambiar su respuesta hasta el inicio. «Estoy presente» cuenta desde 15 minutos antes del inicio hasta el final. Sesión 1.',
        '',
        '  [Confirmo asistencia] → /asistencia confirmar 1',
        '  [No podré asistir] → /asistencia declinar 1 [motivo]',
        '  [Estoy presente] → /asistencia presente 1',
        '',
      ].join('\n'),
    );
    const sent = t.app.db.select().from(sentMessages).all();
    expect(sent.map((s) => [s.kind, s.subject, s.personId])).toEqual([
      ['asistencia', '1', t.person(LAURA).id],
      ['asistencia', '1', t.person(ANDRES).id],
    ]);
    const rows = t.app.db.select().from(attendanceInvitees).all();
    expect(rows.every((r) => r.notifiedAt === t.clock.now().toISOString())).toBe(true);
  });

  it('shows each problem under its field and stores nothing', async () => {
    const t = attendanceApp();
    const before = snapshot(t.app);
    const result = await t.app.router.handleSubmit(
      { person: t.coordinator, platform: 'console' },
      'asistencia.nueva',
      {
        ...FORM,
        inicio: '2026-09-10 25:00',
        tarea: '3',
        invitados: '',
      },
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        inicio:
          'El inicio «2026-09-10 25:00» no es válido: escriba AAAA-MM-DD HH:mm (hora de Bogotá), por ejemplo 2026-09-15 09:00.',
        tarea: '«3» no es un código de tarea: use <actividad>.<tarea>, por ejemplo 3.3.',
        invitados: 'Falta a quién invitar: correos separados por «;», un equipo o el canal.',
      },
    });
    expect(snapshot(t.app)).toEqual(before);
  });

  it('opens the form for the coordinator only', async () => {
    const t = attendanceApp();
    expect((await t.say(COORDINATOR, '/asistencia nueva')).form?.fields.map((f) => f.id)).toEqual([
      'titulo',
      'inicio',
      'fin',
      'lugar',
      'tarea',
      'equipo',
      'invitados',
    ]);
    expect(await t.sayText(LAURA, '/asistencia nueva')).toContain(
      'Solo la coordinación MIPG puede crear sesiones.',
    );
  });

  it('posts one invitation to the team channel when the channel is invited', async () => {
    const t = attendanceApp();
    await t.app.router.handleSubmit({ person: t.coordinator, platform: 'console' }, 'asistencia.nueva', {
      ...FORM,
      equipo: '#canal',
      invitados: '',
    });
    await vi.waitFor(() => expect(t.printed).toHaveLength(1));
    expect(t.printed[0]).toContain('📣 Para el canal del equipo:');
    expect(t.printed[0]).toContain(
      'La coordinación MIPG invita al equipo a Capacitación en indicadores de gestión.',
    );
  });
});

describe('the buttons of the invitation', () => {
  it('«Confirmo asistencia» records once and updates the invitation in place', async () => {
    const t = await withSession();
    const message = t.invitationOf(LAURA);
    const first = await t.press(LAURA, 'asistencia.confirmar', message);
    expect(replyText(first.reply ?? { blocks: [] })).toBe(
      '✅ Quedó confirmada su asistencia a «Capacitación en indicadores de gestión» (jueves 10 de septiembre de 2026, 09:00 – 11:00).',
    );
    expect(renderText(first.update ?? { blocks: [] }, t.nameOf)).toContain(
      'Su respuesta: ✅ Confirmó (7 sep 2026 10:00)',
    );
    t.clock.set('2026-09-07', '10:01');
    const second = await t.press(LAURA, 'asistencia.confirmar', message);
    expect(replyText(second.reply ?? { blocks: [] })).toContain('Ya había confirmado su asistencia');
    const entries = t.app.db.select().from(auditLog).where(eq(auditLog.action, 'asistencia.confirmar')).all();
    expect(entries).toHaveLength(1);
  });

  it('«No podré asistir» opens a small form whose reason is kept', async () => {
    const t = await withSession();
    const opened = await t.press(ANDRES, 'asistencia.declinar', t.invitationOf(ANDRES));
    expect(opened.form).toMatchObject({
      id: 'asistencia.declinar',
      metadata: '1',
      title: 'No podré asistir',
    });
    const sent = await t.app.router.handleSubmit(
      t.as(ANDRES),
      'asistencia.declinar',
      { motivo: 'Comisión en Ipiales' },
      '1',
    );
    expect(sent.ok && replyText(sent.reply)).toContain('Motivo: Comisión en Ipiales.');
    expect(inviteeOf(t.app.db, 1, t.person(ANDRES).id)).toMatchObject({
      answer: 'declinado',
      reason: 'Comisión en Ipiales',
    });
  });

  it('«Estoy presente» says why it does not count outside the window, and counts inside it', async () => {
    const t = await withSession();
    const early = await t.press(LAURA, 'asistencia.presente');
    expect(replyText(early.reply ?? { blocks: [] })).toContain(
      'Aún no cuenta: el registro de presencia de la sesión 1 abre el jueves 10 de septiembre de 2026 a las 08:45',
    );
    t.clock.set('2026-09-10', '08:50');
    const inTime = await t.press(LAURA, 'asistencia.presente', t.invitationOf(LAURA));
    expect(replyText(inTime.reply ?? { blocks: [] })).toContain('Quedó registrada su presencia');
    expect(renderText(inTime.update ?? { blocks: [] })).toContain('🙋 Presente desde las 08:50');
  });

  it('answers someone not invited in Spanish and stores nothing', async () => {
    const t = await withSession();
    const before = snapshot(t.app);
    const result = await t.press(OUTSIDER, 'asistencia.confirmar');
    expect(result.reply?.tone).toBe('error');
    expect(replyText(result.reply ?? { blocks: [] })).toContain(
      'No está en la lista de invitados de la sesión 1 «Capacitación en indicadores de gestión»; no se registró nada.',
    );
    expect(snapshot(t.app)).toEqual(before);
  });

  it('understands a reply written in the thread of the invitation', async () => {
    const t = await withSession();
    const reply = await t.app.router.handleText(
      t.as(ANDRES),
      'No puedo, tengo comité de contratación',
      t.invitationOf(ANDRES),
    );
    expect(replyText(reply)).toContain('Motivo: tengo comité de contratación.');
    expect(inviteeOf(t.app.db, 1, t.person(ANDRES).id)?.answer).toBe('declinado');
  });
});

describe('typed /asistencia', () => {
  it('confirms, declines with a reason, and refuses a change after the start', async () => {
    const t = await withSession();
    expect(await t.sayText(LAURA, '/asistencia confirmar 1')).toContain('Quedó confirmada su asistencia');
    expect(await t.sayText(LAURA, '/asistencia declinar 1 Cita médica')).toContain('Motivo: Cita médica.');
    t.clock.set('2026-09-10', '09:05');
    expect(await t.sayText(LAURA, '/asistencia confirmar 1')).toContain(
      'ya comenzó (09:00); la respuesta ya no se puede cambiar.',
    );
    expect(await t.sayText(LAURA, '/asistencia confirmar siete')).toContain(
      'El número de la sesión es un entero',
    );
  });

  it('lists upcoming sessions with the reader’s answer, and details the counts', async () => {
    const t = await withSession();
    await t.sayText(LAURA, '/asistencia confirmar 1');
    await t.sayText(ANDRES, '/asistencia declinar 1 Comisión en Ipiales');
    expect(await t.sayText(LAURA, '/asistencia')).toContain(
      '*1* · 10 sep 2026 09:00 · Capacitación en indicadores de gestión · Sala de juntas · tarea 3.3 · su respuesta: ✅ Confirmó',
    );
    const coordinatorView = await t.sayText(COORDINATOR, '/asistencia 1');
    expect(coordinatorView).toContain('Confirmaron: 1\nNo podrán: 1\nSin respuesta: 0\nPresentes: 0');
    expect(coordinatorView).toContain(
      'No podrán asistir (1):\n  • Andrés Muñoz (ejemplo) — Comisión en Ipiales',
    );
    const lauraView = await t.sayText(LAURA, '/asistencia 1');
    expect(lauraView).toContain('No podrán asistir (1):\n  • Andrés Muñoz (ejemplo)\n');
    expect(lauraView).toContain('[Confirmo asistencia] → /asistencia confirmar 1');
  });

  it('lets the coordinator mark presence by hand, audited', async () => {
    const t = await withSession();
    t.clock.set('2026-09-10', '09:40');
    expect(await t.sayText(COORDINATOR, `/asistencia presente 1 ${ANDRES}`)).toContain(
      'La presencia quedó registrada en la sesión 1 (registro manual de la coordinación',
    );
    expect(await t.sayText(LAURA, `/asistencia presente 1 ${ANDRES}`)).toContain(
      'Solo la coordinación MIPG puede registrar la presencia de otra persona.',
    );
    expect(await t.sayText(COORDINATOR, '/asistencia 1')).toContain(
      'Presentes (1):\n  • Andrés Muñoz (ejemplo) (09:40, registro manual)',
    );
    const audit = t.app.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'asistencia.presente_manual'))
      .all();
    expect(audit).toMatchObject([{ actor: COORDINATOR, after: { persona: ANDRES, presente: true } }]);
  });

  it('registers the list as the task evidence when someone looks at an ended session', async () => {
    const t = await withSession();
    const publishing = tempPublishing();
    t.app.services.config = {
      ...t.app.services.config,
      MIPG_ASISTENCIA_URL: publishing.baseUrl,
      MIPG_ASISTENCIA_DIR: publishing.dir,
    } as Config;
    t.clock.set('2026-09-10', '11:30');
    const text = await t.sayText(LAURA, '/asistencia 1');
    expect(text).toContain(
      'La lista quedó registrada como evidencia de la tarea 3.3: https://intranet.pasto.gov.co/mipg/asistencia/asistencia-sesion-1.xlsx',
    );
    expect(text).not.toContain('[Confirmo asistencia]');
    expect(t.app.db.select().from(evidence).all()).toHaveLength(1);
    expect(await t.sayText(COORDINATOR, '/tarea 3.3')).toContain(
      'https://intranet.pasto.gov.co/mipg/asistencia/asistencia-sesion-1.xlsx — Lista de asistencia de la sesión 1',
    );
  });

  it('shows the sessions a person is invited to in /pendientes', async () => {
    const t = await withSession();
    expect(await t.sayText(ANDRES, '/pendientes')).toContain(
      'Sesiones a las que está invitado:\n  • *1* · 10 sep 2026 09:00 · Capacitación en indicadores de gestión',
    );
    expect(await t.sayText(OUTSIDER, '/pendientes')).not.toContain('Sesiones a las que está invitado');
  });
});
