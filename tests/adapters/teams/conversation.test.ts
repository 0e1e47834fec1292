import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, evidence, indicatorReports, tasks } from '../../../db/schema/index.ts';
import { personByEmail } from '../../../src/domain/directory/people.ts';
import { personalConversation, teamsDigestChannel } from '../../../src/domain/directory/reach.ts';
import { INDICATOR_REMINDER_KIND } from '../../../src/views/indicators.ts';
import { COORDINATOR, snapshot } from '../../helpers/app.ts';
import {
  channelMention,
  executeInvoke,
  personalConversationOf,
  personalMessage,
  submitMessage,
  TEAM,
  type TeamsUser,
  teamInstallation,
} from './activities.ts';
import { type Card, defined, findAction, findFallbackData, texts } from './card-helpers.ts';
import { type ConnectorCall, FakeConnector } from './fake-connector.ts';
import { type Harness, teamsHarness } from './harness.ts';
import { cardProblems } from './validate-card.ts';

const COORDINATOR_AAD = '0c000000-0000-4000-8000-00000000c001';

function lastCard(h: Harness): { call: ConnectorCall; card: Card } {
  const call = h.connector.messages().at(-1);
  if (!call) throw new Error('the bot sent nothing');
  return { call, card: FakeConnector.card(call) };
}

describe('Teams: talking to the bot', () => {
  let h: Harness;
  let coordinator: TeamsUser;

  beforeEach(async () => {
    h = await teamsHarness();
    coordinator = h.user(COORDINATOR, COORDINATOR_AAD, 'Coordinación MIPG (ejemplo)');
  });
  afterEach(() => h.stop());

  it('answers a command typed without the slash in the personal chat, as a reply card', async () => {
    const message = personalMessage(h.connector.url, coordinator, 'tareas');
    const response = await h.post(message);
    expect(response.status).toBe(200);
    const { call, card } = lastCard(h);
    expect(call.method).toBe('POST');
    expect(call.conversation).toBe(personalConversationOf(coordinator).id);
    expect(call.activityId).toBe(message.id);
    expect(card.body[0]?.text).toBe('Todas las tareas · Plan 2026 (29)');
    expect(texts(card)).toContain(
      '2.\u00a0Adelantar un diagnóstico de capacidades y entornos de la entidad para desarrollar su gest…',
    );
    expect(cardProblems(card)).toEqual([]);
  });

  it('recognises the person by e-mail, links the Teams id and keeps the personal chat', async () => {
    await h.post(personalMessage(h.connector.url, coordinator, 'pendientes'));
    const person = personByEmail(h.app.db, COORDINATOR);
    expect(person?.teamsId).toBe(COORDINATOR_AAD);
    expect(personalConversation(h.app.db, person?.id ?? 0)?.conversationId).toBe(
      personalConversationOf(coordinator).id,
    );
    const actions = h.app.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.actorId, person?.id ?? 0))
      .all()
      .map((r) => r.action);
    expect(actions).toEqual(['persona.vincular_teams', 'teams.chat_personal']);
    // Known by the Teams id from now on: no more profile lookups.
    h.connector.clear();
    await h.post(personalMessage(h.connector.url, coordinator, 'ayuda'));
    expect(h.connector.calls.filter((c) => c.method === 'GET')).toEqual([]);
  });

  it('understands the slash form too', async () => {
    await h.post(personalMessage(h.connector.url, coordinator, '/estado tareas'));
    const { card } = lastCard(h);
    expect(card.body[0]?.text).toBe('Estado de las tareas · Plan 2026');
    expect(card.body.some((e) => e.type === 'Table')).toBe(true);
    expect(cardProblems(card)).toEqual([]);
  });

  it('answers in the thread when mentioned in a channel, without the mention in the command', async () => {
    const message = channelMention(h.connector.url, coordinator, 'pendientes');
    await h.post(message);
    const { call, card } = lastCard(h);
    expect(call.conversation).toBe(`${TEAM.id};messageid=${message.id}`);
    expect(call.activityId).toBe(message.id);
    expect(card.body[0]?.text).toBe('Mis pendientes · Coordinación MIPG (ejemplo)');
    expect(cardProblems(card)).toEqual([]);
    expect(teamsDigestChannel(h.app.db)?.conversationId).toBe(TEAM.id);
  });

  it('answers unknown words with the help card', async () => {
    await h.post(personalMessage(h.connector.url, coordinator, 'hola bot'));
    const { card } = lastCard(h);
    const all = texts(card);
    expect(all[0]).toBe('⚠️ Bot de Planeación MIPG · Ayuda');
    expect(all).toContain('No conozco la orden «hola». Estas son las que entiendo:');
    expect(all.some((t) => t.startsWith('**/tareas** — '))).toBe(true);
    expect(cardProblems(card)).toEqual([]);
  });

  it('keeps «<código>»-style placeholders and line breaks in the card text Teams receives', async () => {
    await h.post(personalMessage(h.connector.url, coordinator, 'ayuda'));
    const help = texts(lastCard(h).card);
    // Teams drops anything between < and > as an HTML tag; the entities show the brackets.
    const task = defined(
      help.find((t) => t.startsWith('**/tarea** — ')),
      'the /tarea entry',
    );
    expect(task).toContain(
      '**/tarea** — Muestra una tarea: qué, quién, fechas, estado, partes y evidencias.\n\n   /tarea &lt;código&gt; [pagina &lt;n&gt;]\n',
    );
    const attendance = defined(
      help.find((t) => t.startsWith('**/asistencia**')),
      'the /asistencia entry',
    );
    expect(attendance).toContain(
      '\n\n   /asistencia &lt;id&gt; [pagina &lt;n&gt;] — confirmados, no asistirán, sin respuesta y presentes\n\n',
    );
    // A single line break is only a space in card markdown: every one becomes a paragraph break.
    for (const text of help) expect(text).not.toMatch(/(^|[^\n])\n(?!\n)/);
    expect(help.join('\n')).not.toMatch(/<(?!\/?at>)/);

    await h.post(personalMessage(h.connector.url, coordinator, 'pendientes'));
    expect(texts(lastCard(h).card)).toContain('Detalle de una tarea: /tarea &lt;código&gt; · Ayuda: /ayuda');
  });

  it('tells an unknown person in Spanish and stores nothing about them', async () => {
    const stranger = h.user(
      'visitante@otra-entidad.gov.co',
      '0d000000-0000-4000-8000-00000000d001',
      'Visitante',
    );
    const noProfile: TeamsUser = {
      id: '29:1sinperfil',
      name: 'Sin perfil',
      aadObjectId: '0e000000-0000-4000-8000-0000000000e1',
    };
    const before = snapshot(h.app);
    await h.post(personalMessage(h.connector.url, stranger, 'tareas'));
    await h.post(channelMention(h.connector.url, noProfile, 'pendientes'));
    expect(snapshot(h.app)).toEqual(before);
    const cards = h.connector.messages().map((c) => FakeConnector.card(c));
    expect(cards).toHaveLength(2);
    for (const card of cards) {
      expect(texts(card)).toContain(
        'No encuentro su usuario de Teams en el directorio del bot de Planeación MIPG, así que todavía no puedo atenderle.',
      );
    }
  });

  it('opens the evidence form from a button, shows a bad link on the card and saves a good one', async () => {
    await h.post(personalMessage(h.connector.url, coordinator, 'tarea 2.3'));
    const { call, card: detail } = lastCard(h);
    const sent = { conversation: personalConversationOf(coordinator), messageId: call.sentId ?? '' };
    const press = await h.post(
      executeInvoke(h.connector.url, coordinator, sent, findAction(detail, 'Marcar cumplida')),
    );
    expect(press.status).toBe(200);
    const formResponse = press.body as { statusCode: number; type: string; value: Card };
    expect(formResponse.type).toBe('application/vnd.microsoft.card.adaptive');
    const form = formResponse.value;
    expect(form.body.map((e) => e.label ?? e.text)).toEqual([
      'Cumplir tarea 2.3',
      'Enlace de la evidencia',
      'Nota (opcional)',
    ]);
    expect(cardProblems(form)).toEqual([]);

    const task = () => h.app.db.select().from(tasks).where(eq(tasks.code, '2.3')).get();
    const before = snapshot(h.app);
    const bad = await h.post(
      executeInvoke(h.connector.url, coordinator, sent, findAction(form, 'Guardar'), {
        enlace: 'acta firmada',
        nota: 'x',
      }),
    );
    const errorCard = (bad.body as { value: Card }).value;
    expect(texts(errorCard)).toContain(
      '⚠️ Escriba un enlace http(s), por ejemplo https://intranet.pasto.gov.co/acta.pdf',
    );
    expect(errorCard.body.find((e) => e.id === 'enlace')?.value).toBe('acta firmada');
    expect(cardProblems(errorCard)).toEqual([]);
    expect(snapshot(h.app)).toEqual(before);

    const good = await h.post(
      executeInvoke(h.connector.url, coordinator, sent, findAction(errorCard, 'Guardar'), {
        enlace: 'https://intranet.pasto.gov.co/dofa-2026.pdf',
        nota: 'Versión aprobada',
      }),
    );
    const done = (good.body as { value: Card }).value;
    expect(texts(done)).toContain(
      '✅ La tarea **2.3** quedó cumplida. Evidencia: https://intranet.pasto.gov.co/dofa-2026.pdf',
    );
    expect(cardProblems(done)).toEqual([]);
    expect(task()?.doneAt).not.toBeNull();
    const links = h.app.db
      .select()
      .from(evidence)
      .where(eq(evidence.taskId, task()?.id ?? 0))
      .all();
    expect(links.map((l) => [l.url, l.note])).toEqual([
      ['https://intranet.pasto.gov.co/dofa-2026.pdf', 'Versión aprobada'],
    ]);
  });

  it('takes a reminder’s answer typed in the personal chat (no threads there) and in a channel thread', async () => {
    await h.post(personalMessage(h.connector.url, coordinator, 'ayuda'));
    await h.post(teamInstallation(h.connector.url, coordinator));
    const person = defined(personByEmail(h.app.db, COORDINATOR), 'coordinator');
    const notice = { blocks: [{ kind: 'text' as const, text: 'Reporte el indicador DE-01.' }] };
    await h.app.services.notify.toPerson(person, notice, {
      kind: INDICATOR_REMINDER_KIND,
      subject: 'DE-01 2026-T2',
    });
    const [ref] = await h.app.services.notify.toChannel(notice, {
      kind: INDICATOR_REMINDER_KIND,
      subject: 'DE-01 2026-T1',
    });

    await h.post(
      personalMessage(h.connector.url, coordinator, '45/50 https://intranet.pasto.gov.co/de01-t2.xlsx'),
    );
    const personal = texts(lastCard(h).card);
    await h.post(
      channelMention(
        h.connector.url,
        coordinator,
        '40/50 https://intranet.pasto.gov.co/de01-t1.xlsx',
        ref?.messageId,
      ),
    );
    const thread = lastCard(h);
    expect(thread.call.conversation).toBe(`${TEAM.id};messageid=${ref?.messageId}`);
    const reports = h.app.db.select().from(indicatorReports).all();
    expect(reports.map((r) => [r.period, r.numerator, r.denominator, r.evidence])).toEqual([
      ['2026-T2', 45, 50, 'https://intranet.pasto.gov.co/de01-t2.xlsx'],
      ['2026-T1', 40, 50, 'https://intranet.pasto.gov.co/de01-t1.xlsx'],
    ]);
    expect(personal.join('\n')).toContain('DE-01');
    expect(texts(thread.card).join('\n')).toContain('DE-01');
  });

  it('updates the card in place through the connector when a client sends Action.Submit instead', async () => {
    await h.post(personalMessage(h.connector.url, coordinator, 'tarea 2.3'));
    const { call, card } = lastCard(h);
    const sent = { conversation: personalConversationOf(coordinator), messageId: call.sentId ?? '' };
    const response = await h.post(
      submitMessage(h.connector.url, coordinator, sent, findFallbackData(card, 'Marcar cumplida')),
    );
    expect(response.status).toBe(200);
    const update = lastCard(h);
    expect([update.call.method, update.call.conversation, update.call.activityId]).toEqual([
      'PUT',
      sent.conversation.id,
      sent.messageId,
    ]);
    expect(texts(update.card)[0]).toBe('Cumplir tarea 2.3');
  });
});
