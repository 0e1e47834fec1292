import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { replyCard } from '../../../src/adapters/teams/cards.ts';
import { COORDINATOR } from '../../helpers/app.ts';
import { fillActivity } from '../../helpers/plan.ts';
import {
  executeInvoke,
  personalConversationOf,
  personalMessage,
  submitMessage,
  type TeamsUser,
} from './activities.ts';
import { type Card, findAction, findFallbackData, texts } from './card-helpers.ts';
import { FakeConnector } from './fake-connector.ts';
import { type Harness, teamsHarness } from './harness.ts';
import { cardProblems } from './validate-card.ts';

const COORDINATOR_AAD = '0c000000-0000-4000-8000-00000000c001';

/** Task codes in the order a card shows them. */
const codes = (card: Card) =>
  [
    ...texts(card)
      .join('\n')
      .matchAll(/\*(\d+\.\d+)\*/g),
  ].map((m) => m[1]);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `3.${from + i}`);

describe('Teams: Ver más on a cut list', () => {
  let h: Harness;
  let coordinator: TeamsUser;

  beforeEach(async () => {
    h = await teamsHarness();
    coordinator = h.user(COORDINATOR, COORDINATOR_AAD, 'Coordinación MIPG (ejemplo)');
    fillActivity(h.app.db, 3, 50);
  });
  afterEach(() => h.stop());

  async function firstPage() {
    await h.post(personalMessage(h.connector.url, coordinator, 'tareas 3'));
    const call = h.connector.messages().at(-1);
    const card = FakeConnector.card(call);
    return {
      card,
      sent: { conversation: personalConversationOf(coordinator), messageId: call?.sentId ?? '' },
    };
  }

  it('shows 15 tasks and a Ver más; pressing it (Action.Execute) sends tasks 16–30 as a new card', async () => {
    const { card, sent } = await firstPage();
    expect(cardProblems(card)).toEqual([]);
    expect(codes(card)).toEqual(range(1, 15));
    expect(texts(card)).toContain('… y 35 más');
    const more = findAction(card, 'Ver más');
    expect(more).toEqual({
      verb: 'mipg.boton',
      data: { mipg: { kind: 'button', actionId: 'lista.ver_mas', value: '/tareas 3 pagina 2' } },
    });

    const before = h.connector.messages().length;
    const press = await h.post(executeInvoke(h.connector.url, coordinator, sent, more));
    expect(press.status).toBe(200);
    // The card that held the button stays; the next page arrives as a new message.
    expect((press.body as { type: string }).type).toBe('application/vnd.microsoft.activity.message');
    const added = h.connector.messages().slice(before);
    expect(added.map((c) => c.method)).toEqual(['POST']);
    const next = FakeConnector.card(added[0]);
    expect(cardProblems(next)).toEqual([]);
    expect(codes(next)).toEqual(range(16, 30));
    expect(findAction(next, 'Ver más').data).toEqual({
      mipg: { kind: 'button', actionId: 'lista.ver_mas', value: '/tareas 3 pagina 3' },
    });
  });

  it('answers the Action.Submit of clients without Universal Actions with the next page too', async () => {
    const { card, sent } = await firstPage();
    const before = h.connector.messages().length;
    const response = await h.post(
      submitMessage(h.connector.url, coordinator, sent, findFallbackData(card, 'Ver más')),
    );
    expect(response.status).toBe(200);
    const added = h.connector.messages().slice(before);
    expect(added.map((c) => c.method)).toEqual(['POST']);
    expect(codes(FakeConnector.card(added[0]))).toEqual(range(16, 30));
  });
});

describe('Adaptive Card of a cut list', () => {
  it('puts a Ver más button in the list’s container, valid at version 1.5', () => {
    const card = replyCard(
      {
        blocks: [
          {
            kind: 'list',
            title: 'Vencidas',
            items: ['*3.1* Actualizar'],
            more: { count: 35, command: '/tareas 3 pagina 2' },
          },
          { kind: 'list', items: ['GTH · Talento Humano'], more: { count: 2 } },
        ],
      },
      () => undefined,
    );
    expect(cardProblems(card)).toEqual([]);
    const data = { mipg: { kind: 'button', actionId: 'lista.ver_mas', value: '/tareas 3 pagina 2' } };
    expect(card.body).toEqual([
      {
        type: 'Container',
        items: [
          { type: 'TextBlock', text: 'Vencidas', wrap: true, weight: 'Bolder' },
          { type: 'TextBlock', text: '• **3.1** Actualizar', wrap: true, spacing: 'Small' },
          { type: 'TextBlock', text: '… y 35 más', wrap: true, isSubtle: true, spacing: 'Small' },
          {
            type: 'ActionSet',
            spacing: 'Small',
            actions: [
              {
                type: 'Action.Execute',
                title: 'Ver más',
                verb: 'mipg.boton',
                data,
                fallback: { type: 'Action.Submit', title: 'Ver más', data: { verb: 'mipg.boton', ...data } },
              },
            ],
          },
        ],
      },
      {
        type: 'Container',
        items: [
          { type: 'TextBlock', text: '• GTH · Talento Humano', wrap: true, spacing: 'Small' },
          { type: 'TextBlock', text: '… y 2 más', wrap: true, isSubtle: true, spacing: 'Small' },
        ],
      },
    ]);
  });
});
