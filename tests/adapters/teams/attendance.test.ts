import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sentMessages } from '../../../db/schema/index.ts';
import { inviteeOf } from '../../../src/domain/attendance/store.ts';
import { personByEmail } from '../../../src/domain/directory/people.ts';
import { sendInvitations } from '../../../src/scheduler/invitations.ts';
import { COORDINATOR, snapshot } from '../../helpers/app.ts';
import { executeInvoke, personalConversationOf, personalMessage, type TeamsUser } from './activities.ts';
import { type Card, defined, findAction, texts } from './card-helpers.ts';
import { type ConnectorCall, FakeConnector } from './fake-connector.ts';
import { type Harness, teamsHarness } from './harness.ts';

const COORDINATOR_AAD = '0c000000-0000-4000-8000-00000000c001';
const LAURA = 'laura.benavides@ejemplo.pasto.gov.co';
const LAURA_AAD = '0c000000-0000-4000-8000-00000000c002';

/** The answer a card action got in the invoke response: the card Teams shows in its place. */
function invokeCard(response: { body: unknown }): Card {
  return (response.body as { value: Card }).value;
}

describe('Teams: attendance sessions', () => {
  let h: Harness;
  let coordinator: TeamsUser;
  let laura: TeamsUser;

  beforeEach(async () => {
    h = await teamsHarness();
    coordinator = h.user(COORDINATOR, COORDINATOR_AAD, 'Coordinación MIPG (ejemplo)');
    laura = h.user(LAURA, LAURA_AAD, 'Laura Benavides (ejemplo)');
    // Each has written to the bot once: it has their personal chats.
    await h.post(personalMessage(h.connector.url, coordinator, 'hola'));
    await h.post(personalMessage(h.connector.url, laura, 'hola'));
    h.connector.clear();
  });
  afterEach(() => h.stop());

  /** The coordinator fills in the «Nueva sesión» card: Laura is invited to Thursday's training. */
  async function createTraining(): Promise<Card> {
    await h.post(personalMessage(h.connector.url, coordinator, 'asistencia nueva'));
    const call = defined(h.connector.messages().at(-1), 'the form');
    const form = FakeConnector.card(call);
    const created = await h.post(
      executeInvoke(
        h.connector.url,
        coordinator,
        { conversation: personalConversationOf(coordinator), messageId: call.sentId ?? '' },
        findAction(form, 'Crear e invitar'),
        {
          titulo: 'Capacitación en indicadores de gestión',
          inicio: '2026-09-10',
          inicio__hora: '09:00',
          fin: '2026-09-10',
          fin__hora: '11:00',
          lugar: 'Sala de juntas',
          invitados: LAURA,
        },
      ),
    );
    return invokeCard(created);
  }

  /** The invitations go out right after the answer: waits until `done` holds (at most two seconds). */
  async function until(done: () => boolean): Promise<void> {
    for (let i = 0; i < 100 && !done(); i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(done()).toBe(true);
  }

  const invited = (user: TeamsUser) =>
    h.connector
      .messages()
      .some((c) => c.conversation === personalConversationOf(user).id && !c.activityId && c.sentId);

  function invitationTo(user: TeamsUser): ConnectorCall {
    return defined(
      h.connector
        .messages()
        .find((c) => c.conversation === personalConversationOf(user).id && !c.activityId && c.sentId),
      'the invitation',
    );
  }

  it('tells the coordinator an invitation Teams refused was not sent, and sends it on the next try', async () => {
    h.connector.refuseNewMessages(404, personalConversationOf(laura).id);
    const said = texts(await createTraining()).join('\n');
    expect(said).toContain('Invitaciones en camino: 1.');
    // Right after the answer, the coordinator hears that Laura's invitation could not go out yet.
    const notice = () =>
      h.connector
        .messages()
        .filter((c) => c.conversation === personalConversationOf(coordinator).id)
        .map((c) => JSON.stringify(c.body))
        .join('\n');
    await until(() => notice().includes('aún sin invitación (se reintenta automáticamente)'));
    expect(notice()).toContain(
      'Laura Benavides (ejemplo) (Teams rechazó el envío: HTTP 404 ConversationNotFound',
    );
    const person = defined(personByEmail(h.app.db, LAURA), 'Laura');
    expect(inviteeOf(h.app.db, 1, person.id)?.notifiedAt).toBeNull();
    expect(h.app.db.select().from(sentMessages).all()).toEqual([]);

    h.connector.acceptNewMessages();
    expect((await sendInvitations(h.app.services, 1)).sent).toEqual(['Laura Benavides (ejemplo)']);
    const invitation = invitationTo(laura);
    expect(texts(FakeConnector.card(invitation))[0]).toBe(
      'Invitación: Capacitación en indicadores de gestión',
    );
    expect(
      h.app.db
        .select()
        .from(sentMessages)
        .all()
        .map((m) => m.messageId),
    ).toEqual([invitation.sentId]);
  });

  it('counts someone who said they could not come and then checks in as present and confirmed', async () => {
    await createTraining();
    await until(() => invited(laura));
    const invitation = invitationTo(laura);
    const card = { conversation: personalConversationOf(laura), messageId: invitation.sentId ?? '' };
    const invitationCard = FakeConnector.card(invitation);
    const declineForm = invokeCard(
      await h.post(
        executeInvoke(h.connector.url, laura, card, findAction(invitationCard, 'No podré asistir')),
      ),
    );
    await h.post(
      executeInvoke(h.connector.url, laura, card, findAction(declineForm, 'Enviar'), {
        motivo: 'Comisión en Ipiales',
      }),
    );
    const person = defined(personByEmail(h.app.db, LAURA), 'Laura');
    expect(inviteeOf(h.app.db, 1, person.id)).toMatchObject({ answer: 'declinado', checkedInAt: null });

    // She came after all: on Thursday, ten minutes before the start, she presses «Estoy presente».
    h.clock.set('2026-09-10', '08:50');
    const pressed = invokeCard(
      await h.post(executeInvoke(h.connector.url, laura, card, findAction(invitationCard, 'Estoy presente'))),
    );
    expect(inviteeOf(h.app.db, 1, person.id)).toMatchObject({
      answer: 'confirmado',
      reason: null,
      checkedInAt: '2026-09-10T13:50:00.000Z',
    });
    const shown = texts(pressed).join('\n');
    expect(shown).toContain('✅ Confirmó');
    expect(shown).not.toContain('No podrá asistir');

    await h.post(personalMessage(h.connector.url, coordinator, 'asistencia 1'));
    const list = texts(FakeConnector.card(h.connector.messages().at(-1))).join('\n');
    expect(list).toMatch(/Confirmaron\n1/);
    expect(list).toMatch(/No podrán\n0/);
    expect(list).toMatch(/Presentes\n1/);
  });

  it('refuses, in Spanish and storing nothing, to record «no podré asistir» for someone already present', async () => {
    await createTraining();
    await until(() => invited(laura));
    const invitation = invitationTo(laura);
    const card = { conversation: personalConversationOf(laura), messageId: invitation.sentId ?? '' };
    const invitationCard = FakeConnector.card(invitation);
    h.clock.set('2026-09-10', '08:50');
    await h.post(executeInvoke(h.connector.url, laura, card, findAction(invitationCard, 'Estoy presente')));
    const before = snapshot(h.app);
    await h.post(executeInvoke(h.connector.url, laura, card, findAction(invitationCard, 'No podré asistir')));
    const refused = FakeConnector.card(h.connector.messages().at(-1));
    expect(texts(refused).join('\n')).toContain(
      'Ya registró su presencia en la sesión 1 «Capacitación en indicadores de gestión» a las 08:50: su asistencia cuenta y la respuesta a la invitación ya no se puede cambiar.',
    );
    expect(snapshot(h.app)).toEqual(before);
  });
});
