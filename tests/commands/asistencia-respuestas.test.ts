import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { interpretThreadAnswer } from '../../commands/asistencia-respuestas.ts';
import { sentMessages } from '../../db/schema/index.ts';
import type { MessageRef } from '../../src/chat/messenger.ts';
import { replyText } from '../../src/chat/reply.ts';
import { inviteeOf } from '../../src/domain/attendance/store.ts';
import { sendInvitations } from '../../src/scheduler/invitations.ts';
import { ANDRES, attendanceApp, LAURA } from '../domain/attendance/helpers.ts';
import { snapshot } from '../helpers/app.ts';

/** A session whose invitations reached Laura and Andrés in the terminal, and a way to answer in their thread. */
async function invited() {
  const t = attendanceApp('2026-09-07', '10:00');
  const session = t.create();
  await sendInvitations(t.app.services, session.id);
  const invitationOf = (email: string): MessageRef => {
    const row = t.app.db
      .select()
      .from(sentMessages)
      .where(eq(sentMessages.personId, t.person(email).id))
      .get();
    if (!row) throw new Error(`no invitation for ${email}`);
    return {
      platform: row.platform as MessageRef['platform'],
      conversation: row.conversation,
      messageId: row.messageId,
    };
  };
  const answer = async (email: string, text: string) =>
    t.app.router.handleText({ person: t.person(email), platform: 'console' }, text, invitationOf(email));
  const stored = (email: string) => inviteeOf(t.app.db, session.id, t.person(email).id);
  return { ...t, session, answer, stored };
}

describe('a reply in the thread of an invitation that is not a clear answer', () => {
  it('stores nothing and says exactly what to write («no sé todavía» and the like)', async () => {
    const t = await invited();
    const before = snapshot(t.app);
    const hint = [
      'No entendí la respuesta y no registré nada. Responda con una de estas frases, sola:',
      '• «confirmo» o «sí asistiré»',
      '• «no podré asistir» o «no puedo», con el motivo después de una coma si quiere: «no puedo, tengo comité»',
      '• «presente» cuando ya esté en la sesión',
      `O escriba /asistencia confirmar ${t.session.id} · /asistencia declinar ${t.session.id} <motivo> · /asistencia presente ${t.session.id}`,
    ].join('\n');
    for (const text of [
      'no sé todavía',
      'No se, le confirmo mañana',
      'no, todavía no sé',
      'sí, pero llego tarde',
      'si puedo voy',
      'confirmo mañana',
      'asistiré si termina el comité',
      'no puedo creer que sea el jueves',
      'presente el informe primero',
    ]) {
      const reply = await t.answer(ANDRES, text);
      expect({ text, tone: reply.tone, said: replyText(reply) }).toEqual({
        text,
        tone: 'warning',
        said: hint,
      });
    }
    expect(snapshot(t.app)).toEqual(before);
    expect(t.stored(ANDRES)?.answer).toBeNull();
  });
});

describe('a clear answer in the thread of an invitation', () => {
  it.each(['Confirmo', '¡Sí, asistiré!', 'sí asistiré', 'Confirmo mi asistencia.'])(
    '«%s» confirms',
    async (text) => {
      const t = await invited();
      expect(replyText(await t.answer(LAURA, text))).toContain('✅ Quedó confirmada su asistencia');
      expect(t.stored(LAURA)?.answer).toBe('confirmado');
    },
  );

  it.each([
    ['No podré asistir', null],
    ['no puedo.', null],
    ['No puedo, tengo comité de contratación', 'tengo comité de contratación'],
    ['No podré asistir: Comisión en Ipiales', 'Comisión en Ipiales'],
    ['no puedo - cita médica', 'cita médica'],
  ])('«%s» declines, keeping the reason typed after the separator', async (text, reason) => {
    const t = await invited();
    const reply = replyText(await t.answer(ANDRES, text));
    expect(reply).toContain('Quedó registrado que no podrá asistir');
    expect(t.stored(ANDRES)?.answer).toBe('declinado');
    expect(t.stored(ANDRES)?.reason ?? null).toBe(reason);
    if (reason) expect(reply).toContain(`Motivo: ${reason}.`);
  });

  it('«presente» checks in once the session is open', async () => {
    const t = await invited();
    t.clock.set('2026-09-10', '09:10');
    expect(replyText(await t.answer(LAURA, 'Presente'))).toContain(
      '🙋 Quedó registrada su presencia en «Capacitación en indicadores de gestión» a las 09:10.',
    );
    expect(t.stored(LAURA)?.checkedInAt).not.toBeNull();
  });
});

describe('interpretThreadAnswer', () => {
  it('reads only whole answers', () => {
    expect(interpretThreadAnswer('no')).toEqual({ kind: 'declinado', reason: '' });
    expect(interpretThreadAnswer('No voy a poder, viaje')).toEqual({ kind: 'declinado', reason: 'viaje' });
    expect(interpretThreadAnswer('ya llegué')).toEqual({ kind: 'presente' });
    expect(interpretThreadAnswer('no sé todavía')).toBeUndefined();
    expect(interpretThreadAnswer('no puedo tengo comité')).toBeUndefined();
    expect(interpretThreadAnswer('')).toBeUndefined();
  });
});
