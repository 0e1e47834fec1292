import { afterEach, describe, expect, it } from 'vitest';
import { evidence, sentMessages } from '../../../db/schema/index.ts';
import { renderMessages } from '../../../src/adapters/slack/pages.ts';
import type { Feature } from '../../../src/chat/registry.ts';
import { mention, textReply } from '../../../src/chat/reply.ts';
import { markDone } from '../../../src/domain/tasks/actions.ts';
import { COORDINATOR, snapshot } from '../../helpers/app.ts';
import { DIGEST_CHANNEL, type SlackTest, startSlack } from './harness.ts';
import { directMessage, eventCallback } from './payloads.ts';

const LAURA = 'laura.benavides@ejemplo.pasto.gov.co';

/** A test-only reminder kind whose thread answers (a link) mark the task done. */
const probe: Feature = {
  threadReplies: [
    {
      kind: 'prueba.recordatorio',
      run(code, text, ctx) {
        const url = /https?:\/\/\S+/.exec(text)?.[0] ?? '';
        markDone(ctx.db, ctx.clock, ctx.actor, code, url);
        return textReply(`Tarea ${code} cumplida con ${url}`);
      },
    },
  ],
};

let t: SlackTest;
afterEach(async () => t.close());

async function start() {
  t = await startSlack({ extra: probe });
  t.link(LAURA, 'U0LAURA');
  t.link(COORDINATOR, 'U0COORD');
}

describe('messages the bot sends and the answers in their threads', () => {
  it('posts the digest to the team channel with mentions and returns where it landed', async () => {
    await start();
    const coordinator = t.person(COORDINATOR);
    const digest = textReply(`Resumen semanal para ${mention(coordinator.id)}: 3 tareas vencidas.`, {
      title: 'Resumen semanal MIPG',
      visibility: 'channel',
    });
    const ref = await t.bot.messenger.toChannel(digest);
    const [posted] = t.fake.called('chat.postMessage');
    expect(posted).toMatchObject({
      channel: DIGEST_CHANNEL,
      ...renderMessages(digest, t.bot.deps.identity.mentions)[0],
    });
    expect(JSON.stringify(posted?.blocks)).toContain('Resumen semanal para <@U0COORD>: 3 tareas vencidas.');
    expect(ref).toEqual({ platform: 'slack', conversation: DIGEST_CHANNEL, messageId: '1790000000.000001' });
  });

  it('takes a reply in a reminder’s thread as the answer, once even when Slack retries the event', async () => {
    await start();
    const laura = t.person(LAURA);
    const [ref] = await t.app.services.notify.toPerson(laura, textReply('¿Ya terminó la tarea 1.3?'), {
      kind: 'prueba.recordatorio',
      subject: '1.3',
    });
    expect(ref).toEqual({ platform: 'slack', conversation: 'D0LAURA', messageId: '1790000000.000001' });
    expect(t.app.db.select().from(sentMessages).all()).toMatchObject([
      { conversation: 'D0LAURA', subject: '1.3' },
    ]);

    const answer = eventCallback(
      directMessage(
        'U0LAURA',
        'D0LAURA',
        'Listo: <https://intranet.pasto.gov.co/dofa.pdf|dofa.pdf>',
        ref?.messageId,
      ),
    );
    expect((await t.sendJson(answer)).status).toBe(200);
    expect((await t.sendJson(answer, { retryNum: 1 })).status).toBe(200);
    expect(t.app.db.select().from(evidence).all()).toMatchObject([
      { url: 'https://intranet.pasto.gov.co/dofa.pdf' },
    ]);
    const replies = t.fake.called('chat.postMessage').slice(1);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({
      channel: 'D0LAURA',
      thread_ts: ref?.messageId,
      text: 'Tarea 1.3 cumplida con https://intranet.pasto.gov.co/dofa.pdf',
    });
  });

  it('answers commands written in its DM, and ignores channel threads it did not start', async () => {
    await start();
    await t.sendJson(eventCallback(directMessage('U0LAURA', 'D0LAURA', 'estado tareas')));
    const [posted] = t.fake.called('chat.postMessage');
    expect(posted?.channel).toBe('D0LAURA');
    expect(posted?.text).toBe('Estado de las tareas · Plan 2026');
    const foreign = {
      ...directMessage('U0LAURA', 'C0PLANEACION', 'tareas', '1790000000.999999'),
      channel_type: 'channel',
    };
    await t.sendJson(eventCallback(foreign));
    expect(t.fake.calls.filter((c) => c.method.startsWith('chat.'))).toHaveLength(1);
  });

  it('tells an unknown person in its DM whom to ask, storing nothing', async () => {
    await start();
    const before = snapshot(t.app);
    await t.sendJson(eventCallback(directMessage('U0NADIE', 'D0NADIE', 'tareas')));
    const [posted] = t.fake.called('chat.postMessage');
    expect(posted?.channel).toBe('D0NADIE');
    expect(JSON.stringify(posted?.blocks)).toContain(
      'Pida a la coordinación MIPG: Coordinación MIPG (ejemplo)',
    );
    // Only the event id is kept (so a retry is not answered twice): nobody's data changed.
    expect({ ...snapshot(t.app), slack_requests: [] }).toEqual({ ...before, slack_requests: [] });
  });

  it('tells an unknown person only once when Slack retries the event', async () => {
    await start();
    const message = eventCallback(directMessage('U0NADIE', 'D0NADIE', 'tareas'));
    expect((await t.sendJson(message)).status).toBe(200);
    expect((await t.sendJson(message, { retryNum: 1 })).status).toBe(200);
    expect((await t.sendJson(message, { retryNum: 2 })).status).toBe(200);
    const replies = t.fake.called('chat.postMessage');
    expect(replies).toHaveLength(1);
    expect(JSON.stringify(replies[0]?.blocks)).toContain('Pida a la coordinación MIPG');
  });

  it('publishes "Mis pendientes" on the App Home when it is opened', async () => {
    await start();
    const opened = {
      type: 'app_home_opened',
      user: 'U0LAURA',
      channel: 'D0LAURA',
      tab: 'home',
      event_ts: '1790000000.1',
    };
    await t.sendJson(eventCallback(opened));
    const [publish] = t.fake.called('views.publish');
    expect(publish?.user_id).toBe('U0LAURA');
    const view = publish?.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe('home');
    expect(view.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Mis pendientes · Laura Benavides (ejemplo)', emoji: true },
    });
    expect(JSON.stringify(view.blocks)).toContain('Tareas abiertas de sus equipos');
  });

  it('uploads images next to the message, in the same conversation', async () => {
    await start();
    const chart = {
      kind: 'image' as const,
      title: 'Tendencia PI-01',
      alt: 'Sube de 40 a 60 %',
      png: new Uint8Array([137, 80, 78, 71]),
    };
    await t.bot.messenger.toPerson(t.person(LAURA), { blocks: [chart] });
    expect(t.fake.called('files.completeUploadExternal')).toMatchObject([{ channel_id: 'D0LAURA' }]);
  });
});

describe('fan-out and rate limits', () => {
  it('queues a fan-out of DMs, waits Retry-After on 429 and delivers every one', async () => {
    t = await startSlack({
      bot: {
        http: { port: 0, processBeforeResponse: true },
        clientOptions: {
          retryConfig: { retries: 5, minTimeout: 0, maxTimeout: 0 },
          rejectRateLimitedCalls: false,
        },
      },
    });
    const everyone = t.app.db.$client.prepare('select email from people where active = 1').all() as {
      email: string;
    }[];
    for (const [i, p] of everyone.entries()) t.link(p.email, `U0P${i}`);
    let posts = 0;
    t.fake.rateLimit = (method) => {
      if (method !== 'chat.postMessage') return undefined;
      posts += 1;
      return posts === 3 || posts === 4 ? 1 : undefined;
    };
    const started = Date.now();
    const refs = await Promise.all(
      everyone.map((p) => t.bot.messenger.toPerson(t.person(p.email), textReply('Recordatorio'))),
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(t.fake.rateLimited).toBe(2);
    expect(new Set(refs.map((r) => r.conversation)).size).toBe(everyone.length);
    expect(t.fake.called('chat.postMessage')).toHaveLength(everyone.length);
  });

  it('cannot reach someone without a Slack account and says so', async () => {
    await start();
    const someone = t.person('jorge.erazo@ejemplo.pasto.gov.co');
    expect(t.bot.messenger.canReach(someone)).toBe(false);
    await expect(t.bot.messenger.toPerson(someone, textReply('Hola'))).rejects.toThrow(
      'no tiene usuario de Slack',
    );
  });
});
