import { afterEach, describe, expect, it, vi } from 'vitest';
import { evidence, slackInbox } from '../../../db/schema/index.ts';
import type { Feature } from '../../../src/chat/registry.ts';
import { textReply } from '../../../src/chat/reply.ts';
import { type SlackTest, startSlack } from './harness.ts';
import { blockActions, directMessage, eventCallback, slashCommand } from './payloads.ts';

const LAURA = 'laura.benavides@ejemplo.pasto.gov.co';

/** A test-only command whose first run never finishes, as work cut short by the process dying. */
function stuckOnce() {
  const state = { runs: 0 };
  const feature: Feature = {
    commands: [
      {
        name: 'informe',
        summary: 'Informe de prueba.',
        usage: ['/informe'],
        writes: false,
        async run() {
          state.runs += 1;
          if (state.runs === 1) await new Promise(() => {});
          return textReply('Informe listo: 12 tareas al día.', { visibility: 'private' });
        },
      },
    ],
  };
  return { state, feature };
}

/** A test-only command that takes longer than the ack's budget, counting its runs. */
function slowCommand() {
  const state = { runs: 0 };
  const feature: Feature = {
    commands: [
      {
        name: 'lento',
        summary: 'Informe lento de prueba.',
        usage: ['/lento'],
        writes: false,
        async run() {
          state.runs += 1;
          const run = state.runs;
          await new Promise((resolve) => setTimeout(resolve, 10 * ACK_BUDGET_MS));
          return textReply(`Informe listo (corrida ${run}).`, { visibility: 'private' });
        },
      },
    ],
  };
  return { state, feature };
}

/** A short budget for the answer to go in the ack, so slow work is quick to show. */
const ACK_BUDGET_MS = 50;

let t: SlackTest;
afterEach(async () => t.close());

/** The bot answering Slack the way production does: the HTTP response goes out at the ack. */
async function start(extra?: Feature) {
  t = await startSlack({
    extra,
    bot: { http: { port: 0, processBeforeResponse: false }, ackBudgetMs: ACK_BUDGET_MS },
  });
  t.link(LAURA, 'U0LAURA');
}

const texts = (id: string) =>
  t.fake.responses.filter((r) => r.id === id).map((r) => JSON.stringify(r.body.blocks));

describe('a request acknowledged is a request done', () => {
  it('answers, on the next start, a command whose run stopped after the ack, exactly once', async () => {
    const stuck = stuckOnce();
    await start(stuck.feature);
    const res = await t.sendForm(slashCommand('U0LAURA', '/informe', '', t.fake.responseUrl('informe')));
    expect(res.status).toBe(200);
    await vi.waitFor(() => expect(stuck.state.runs).toBe(1));
    expect(texts('informe')).toEqual([]);

    await t.restart();
    expect(texts('informe')).toHaveLength(1);
    expect(texts('informe')[0]).toContain('Informe listo: 12 tareas al día.');
    expect(t.app.db.select().from(slackInbox).all()).toEqual([]);

    await t.restart();
    expect(texts('informe')).toHaveLength(1);
    expect(stuck.state.runs).toBe(2);
  });

  it('acks a command slower than the budget alone, and on restart sends the answer worked out, not a rerun', async () => {
    const slow = slowCommand();
    await start(slow.feature);
    t.fake.stall = (path) => path === '/response/lento';
    const res = await t.sendForm(slashCommand('U0LAURA', '/lento', '', t.fake.responseUrl('lento')));
    // The ack went alone, within the budget: the answer was still being worked out.
    expect(await res.text()).toBe('');
    await vi.waitFor(() => expect(t.fake.stalled).toEqual(['/response/lento']));
    expect(t.app.db.select().from(slackInbox).all()).toHaveLength(1);

    t.fake.stall = () => false;
    await t.restart();
    expect(slow.state.runs).toBe(1);
    expect(texts('lento')).toHaveLength(1);
    expect(texts('lento')[0]).toContain('Informe listo (corrida 1).');
    expect(t.app.db.select().from(slackInbox).all()).toEqual([]);
  });

  it('answers a quick command in its ack and keeps nothing of it', async () => {
    await start();
    const link = 'https://intranet.pasto.gov.co/actas/1.4.pdf';
    const res = await t.sendForm(
      slashCommand('U0LAURA', '/cumplida', `1.4 ${link}`, t.fake.responseUrl('c')),
    );
    const answer = (await res.json()) as { response_type: string; blocks: unknown };
    expect(answer.response_type).toBe('ephemeral');
    expect(JSON.stringify(answer.blocks)).toContain('La tarea *1.4* quedó cumplida');
    expect(t.fake.responses.filter((r) => !r.inAck)).toEqual([]);
    expect(t.app.db.select().from(evidence).all()).toMatchObject([{ url: link }]);
    expect(t.app.db.select().from(slackInbox).all()).toEqual([]);
  });

  it('writes by direct message when the response URL has expired by the next start', async () => {
    const stuck = stuckOnce();
    await start(stuck.feature);
    await t.sendForm(slashCommand('U0LAURA', '/informe', '', t.fake.responseUrl('tarde')));
    await vi.waitFor(() => expect(stuck.state.runs).toBe(1));

    t.clock.set('2026-09-07', '10:45');
    await t.restart();
    expect(texts('tarde')).toEqual([]);
    const dms = t.fake.called('chat.postMessage').filter((m) => m.channel === 'U0LAURA');
    expect(dms).toHaveLength(1);
    expect(JSON.stringify(dms[0]?.blocks)).toContain('Informe listo: 12 tareas al día.');
    expect(JSON.stringify(dms[0]?.blocks)).toContain('Respuesta a «/informe».');
  });

  it('finishes a button press and a direct message left unanswered, once each', async () => {
    const stuck = stuckOnce();
    const press: Feature = {
      actions: [
        {
          id: 'prueba.informe',
          writes: false,
          async run(_press, ctx) {
            return { reply: textReply(`Pedido por ${ctx.actor.name}.`) };
          },
        },
      ],
    };
    await start({ commands: stuck.feature.commands, actions: press.actions });
    await t.sendJson(eventCallback(directMessage('U0LAURA', 'D0LAURA', 'informe')));
    await vi.waitFor(() => expect(stuck.state.runs).toBe(1));
    t.fake.stall = (path) => path === '/response/boton';
    const where = {
      channel: 'C0PLANEACION',
      ts: '1790000000.000100',
      responseUrl: t.fake.responseUrl('boton'),
    };
    await t.sendForm({
      payload: JSON.stringify(
        blockActions('U0LAURA', { actionId: 'prueba.informe#1', value: 'x', text: 'Pedir' }, where),
      ),
    });
    await vi.waitFor(() => expect(t.fake.stalled).toEqual(['/response/boton']));

    t.fake.stall = () => false;
    await t.restart();
    const dm = t.fake.called('chat.postMessage').filter((m) => m.channel === 'D0LAURA');
    expect(dm).toHaveLength(1);
    expect(JSON.stringify(dm[0]?.blocks)).toContain('Informe listo: 12 tareas al día.');
    expect(t.fake.responses.filter((r) => r.id === 'boton').map((r) => r.body.text)).toEqual([
      'Pedido por Laura Benavides (ejemplo).',
    ]);
    expect(t.app.db.select().from(slackInbox).all()).toEqual([]);
  });
});
