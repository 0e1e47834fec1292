import { afterEach, describe, expect, it } from 'vitest';
import { replyBlocks } from '../../../src/adapters/slack/blocks.ts';
import { fillActivity } from '../../helpers/plan.ts';
import { type SlackTest, startSlack } from './harness.ts';
import { blockActions, eventCallback, homeBlockActions, slashCommand } from './payloads.ts';

const LAURA = 'laura.benavides@ejemplo.pasto.gov.co';

interface ShownButton {
  type: string;
  text: { type: string; text: string; emoji?: boolean };
  action_id: string;
  value: string;
}
type Shown = { type: string; text?: { text: string }; elements?: ShownButton[] };

/** The «Ver más» buttons of some Block Kit blocks, in order. */
function moreButtons(blocks: unknown): ShownButton[] {
  return (blocks as Shown[])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? [])
    .filter((e) => e.text.text === 'Ver más');
}

/** Task codes in the order they are shown. */
const codes = (blocks: unknown) => [...JSON.stringify(blocks).matchAll(/\*(\d+\.\d+)\*/g)].map((m) => m[1]);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `3.${from + i}`);

describe('Slack: Ver más on a cut list', () => {
  let t: SlackTest;
  afterEach(async () => t.close());

  async function start() {
    t = await startSlack();
    t.link(LAURA, 'U0LAURA');
  }

  const interaction = (payload: unknown) => t.sendForm({ payload: JSON.stringify(payload) });

  it('/tareas 3 over 50 tasks shows 15 and a Ver más; pressing it answers with tasks 16–30', async () => {
    await start();
    fillActivity(t.app.db, 3, 50);
    await t.sendForm(slashCommand('U0LAURA', '/tareas', '3', t.fake.responseUrl('tareas')));
    const first = t.fake.responses.find((r) => r.id === 'tareas')?.body;
    expect(codes(first?.blocks)).toEqual(range(1, 15));
    expect((first?.blocks as unknown[] | undefined)?.length).toBeLessThanOrEqual(50);
    const [button] = moreButtons(first?.blocks);
    expect(button).toEqual({
      type: 'button',
      text: { type: 'plain_text', text: 'Ver más', emoji: true },
      action_id: 'lista.ver_mas#1',
      value: '/tareas 3 pagina 2',
    });

    const press = blockActions(
      'U0LAURA',
      { actionId: button?.action_id ?? '', value: button?.value ?? '', text: 'Ver más' },
      {
        channel: 'C0PLANEACION',
        ts: '1790000000.000900',
        ephemeral: true,
        responseUrl: t.fake.responseUrl('mas'),
      },
    );
    expect((await interaction(press)).status).toBe(200);
    const answers = t.fake.responses.filter((r) => r.id === 'mas').map((r) => r.body);
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(codes(answers[0]?.blocks)).toEqual(range(16, 30));
    expect(moreButtons(answers[0]?.blocks).map((b) => b.value)).toEqual(['/tareas 3 pagina 3']);
    // The page before stays as it was: the next page is a new answer.
    expect(t.fake.called('chat.update')).toEqual([]);
  });

  it('App Home: Ver más re-publishes «Mis pendientes» at the next page, and a button goes back', async () => {
    await start();
    fillActivity(t.app.db, 3, 50, 'Equipo MIPG');
    const opened = { type: 'app_home_opened', user: 'U0LAURA', channel: 'D0LAURA', tab: 'home' };
    await t.sendJson(eventCallback({ ...opened, event_ts: '1790000000.1' }));
    const home = t.fake.called('views.publish')[0]?.view as { blocks: Shown[] };
    const [more] = moreButtons(home.blocks);
    expect(more?.value).toBe('/pendientes pagina 2');
    const firstCodes = codes(home.blocks);

    const press = (button: ShownButton | undefined, blocks: unknown[]) =>
      interaction(
        homeBlockActions(
          'U0LAURA',
          { actionId: button?.action_id ?? '', value: button?.value ?? '', text: button?.text.text ?? '' },
          { id: 'V0HOME', blocks },
        ),
      );
    expect((await press(more, home.blocks)).status).toBe(200);
    const publishes = t.fake.called('views.publish');
    expect(publishes).toHaveLength(2);
    expect(publishes[1]?.user_id).toBe('U0LAURA');
    const second = publishes[1]?.view as { type: string; blocks: Shown[] };
    expect(second.type).toBe('home');
    expect(second.blocks[0]?.text?.text).toMatch(
      /^Mis pendientes · Laura Benavides \(ejemplo\) · página 2 de \d+$/,
    );
    const secondCodes = codes(second.blocks);
    expect(secondCodes).toHaveLength(10);
    expect(secondCodes.filter((c) => firstCodes.includes(c))).toEqual([]);
    expect(moreButtons(second.blocks).map((b) => b.value)).toEqual(['/pendientes pagina 3']);
    // Nothing went to the DM: the Home itself shows the page.
    expect(t.fake.called('chat.postMessage')).toEqual([]);

    const back = second.blocks
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.text?.text === 'Volver al inicio de Mis pendientes');
    expect(back?.value).toBe('/pendientes');
    await press(back, second.blocks);
    const third = t.fake.called('views.publish')[2]?.view as { blocks: Shown[] };
    expect(third.blocks).toEqual(home.blocks);
  });
});

describe('Block Kit of a cut list', () => {
  const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
  const context = (text: string) => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });

  it('counts the rest and adds a Ver más button when the list can page; otherwise only counts', () => {
    const blocks = replyBlocks({
      blocks: [
        {
          kind: 'list',
          title: 'Vencidas',
          items: ['*3.1* Actualizar'],
          more: { count: 35, command: '/tareas 3 pagina 2' },
        },
        { kind: 'list', items: ['GTH · Talento Humano'], more: { count: 2 } },
      ],
    });
    expect(blocks).toEqual([
      section('*Vencidas*\n• *3.1* Actualizar'),
      context('… y 35 más'),
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            text: { type: 'plain_text', text: 'Ver más', emoji: true },
            action_id: 'lista.ver_mas#1',
            value: '/tareas 3 pagina 2',
          },
        ],
      },
      section('• GTH · Talento Humano'),
      context('… y 2 más'),
    ]);
  });

  it('writes the command out when it would not fit in a button value (2,000 characters)', () => {
    const command = `/estado riesgos ${'x'.repeat(2000)} pagina 2`;
    const blocks = replyBlocks({ blocks: [{ kind: 'list', items: ['a'], more: { count: 1, command } }] });
    expect(blocks.at(-1)).toEqual(context(`Ver más: ${command}`));
    expect(blocks.some((b) => b.type === 'actions')).toBe(false);
  });
});
