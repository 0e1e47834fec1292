import { verifySlackRequest } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, evidence, slackInbox } from '../../../db/schema/index.ts';
import { renderMessages } from '../../../src/adapters/slack/pages.ts';
import type { Reply } from '../../../src/chat/reply.ts';
import { COORDINATOR, snapshot } from '../../helpers/app.ts';
import { type SlackTest, signature, startSlack } from './harness.ts';
import { slashCommand } from './payloads.ts';

const LAURA = 'laura.benavides@ejemplo.pasto.gov.co';

/** Slack's published signing example (docs: "Verifying requests from Slack"). */
const PUBLISHED = {
  secret: '8f742231b10e8888abcd99yyyzzz85a5',
  timestamp: 1531420618,
  body: 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
  signature: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
};

let t: SlackTest;
beforeEach(async () => {
  t = await startSlack();
  t.link(COORDINATOR, 'U0COORD');
  t.link(LAURA, 'U0LAURA');
});
afterEach(async () => t.close());

/** Runs a slash command as `user` and returns what Slack got: in the ack or through the response URL. */
async function slash(user: string, command: string, text: string, id = `r${Math.random()}`) {
  const res = await t.sendForm(slashCommand(user, command, text, t.fake.responseUrl(id)));
  expect(res.status).toBe(200);
  return t.fake.responses.filter((r) => r.id === id).map((r) => r.body);
}

/** What Slack gets for a reply: one message in the ack, or each page on the response URL after it. */
function asSlackGetsIt(reply: Reply) {
  const pages = renderMessages(reply);
  const responseType = reply.visibility === 'channel' ? 'in_channel' : 'ephemeral';
  if (pages.length === 1 && !reply.form)
    return pages.map((page) => ({ response_type: responseType, ...page }));
  return pages.map((page) => ({ response_type: responseType, replace_original: false, ...page }));
}

describe('slash commands over HTTP through the real Bolt app', () => {
  it('answers /estado tareas privately with the same reply the router gives, as Block Kit', async () => {
    const [answer] = await slash('U0COORD', '/estado', 'tareas');
    const expected = await t.router.handleText(
      { person: t.person(COORDINATOR), platform: 'slack' },
      'estado tareas',
    );
    const [page] = renderMessages(expected);
    expect(answer).toEqual({ response_type: 'ephemeral', ...page });
    // One message holds it, so it went in the ack: nothing was posted to the response URL, nothing kept.
    expect(t.fake.responses.map((r) => r.inAck)).toEqual([true]);
    expect(t.app.db.select().from(slackInbox).all()).toEqual([]);
    expect(answer?.blocks).toContainEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Estado de las tareas · Plan 2026', emoji: true },
    });
  });

  it.each([
    ['/tareas', 'vencidas'],
    ['/tarea', '2.3'],
    ['/estado', 'tareas'],
    ['/reportar', ''],
    ['/asistencia', ''],
    ['/ayuda', ''],
  ])('%s %s reaches the platform-neutral command', async (command, text) => {
    const answers = await slash('U0LAURA', command, text);
    const expected = await t.router.handleText(
      { person: t.person(LAURA), platform: 'slack' },
      `${command} ${text}`,
    );
    expect(answers).toEqual(asSlackGetsIt(expected));
  });

  it('/cumplida records the evidence once and confirms privately', async () => {
    // Slack sends `&`, `<` and `>` in command text as HTML entities.
    const [answer] = await slash(
      'U0LAURA',
      '/cumplida',
      '1.4 https://intranet.pasto.gov.co/doc?id=7&amp;v=2 Versión final',
    );
    expect(answer?.response_type).toBe('ephemeral');
    expect(JSON.stringify(answer?.blocks)).toContain('La tarea *1.4* quedó cumplida');
    const rows = t.app.db.select().from(evidence).all();
    expect(rows).toMatchObject([
      { url: 'https://intranet.pasto.gov.co/doc?id=7&v=2', note: 'Versión final' },
    ]);
  });

  it('/evidencia with a bad link explains in Spanish and stores nothing', async () => {
    const before = snapshot(t.app);
    const [answer] = await slash('U0LAURA', '/evidencia', '1.4 intranet/acta.pdf');
    expect(JSON.stringify(answer?.blocks)).toContain('La evidencia debe ser un enlace http(s).');
    const after = snapshot(t.app);
    expect({ ...after, slack_requests: [] }).toEqual({ ...before, slack_requests: [] });
  });

  it('a retried delivery of the same command records once', async () => {
    const fields = slashCommand(
      'U0LAURA',
      '/evidencia',
      '1.4 https://intranet.pasto.gov.co/a.pdf',
      t.fake.responseUrl('x'),
    );
    expect((await t.sendForm(fields)).status).toBe(200);
    expect((await t.sendForm(fields, { retryNum: 1 })).status).toBe(200);
    expect((await t.sendForm(fields, { retryNum: 2 })).status).toBe(200);
    expect(t.app.db.select().from(evidence).all()).toHaveLength(1);
    expect(t.fake.responses.filter((r) => r.id === 'x')).toHaveLength(1);
  });

  it('answers each delivery of a command that only reads, and writes nothing for it', async () => {
    const before = snapshot(t.app);
    const fields = slashCommand('U0LAURA', '/estado', 'tareas', t.fake.responseUrl('leer'));
    expect((await t.sendForm(fields)).status).toBe(200);
    expect((await t.sendForm(fields, { retryNum: 1 })).status).toBe(200);
    const answers = t.fake.responses.filter((r) => r.id === 'leer');
    expect(answers.map((r) => r.inAck)).toEqual([true, true]);
    expect(answers[1]?.body).toEqual(answers[0]?.body);
    expect(snapshot(t.app)).toEqual(before);
  });
});

describe('who is speaking', () => {
  it('matches a Slack user by e-mail, remembers the id and audits it', async () => {
    t.fake.users.set('U0ANDRES', 'andres.munoz@ejemplo.pasto.gov.co');
    const [answer] = await slash('U0ANDRES', '/tareas', 'mias');
    expect(answer?.response_type).toBe('ephemeral');
    expect(t.person('andres.munoz@ejemplo.pasto.gov.co').slackId).toBe('U0ANDRES');
    const entries = t.app.db
      .select()
      .from(auditLog)
      .all()
      .filter((e) => e.action === 'persona.slack_id');
    expect(entries).toMatchObject([{ actor: 'sistema', entity: 'persona', after: { slackId: 'U0ANDRES' } }]);
    await slash('U0ANDRES', '/tareas', '');
    expect(t.fake.called('users.info')).toHaveLength(1);
  });

  it('tells someone unknown, politely and in Spanish, whom to ask; nothing is stored', async () => {
    t.fake.users.set('U0EXTRANO', 'alguien@otra-entidad.gov.co');
    const before = snapshot(t.app);
    const [answer] = await slash('U0EXTRANO', '/cumplida', '1.4 https://intranet.pasto.gov.co/a.pdf');
    const text = JSON.stringify(answer?.blocks);
    expect(text).toContain('Su usuario de Slack no está en el directorio del bot de Planeación MIPG');
    expect(text).toContain('coordinacion@ejemplo.pasto.gov.co');
    expect(snapshot(t.app)).toEqual(before);
  });
});

describe('request signatures', () => {
  it('computes the signature of Slack’s published example, which Bolt accepts at that instant', () => {
    expect(signature(PUBLISHED.secret, PUBLISHED.timestamp, PUBLISHED.body)).toBe(PUBLISHED.signature);
    expect(() =>
      verifySlackRequest({
        signingSecret: PUBLISHED.secret,
        body: PUBLISHED.body,
        headers: {
          'x-slack-signature': PUBLISHED.signature,
          'x-slack-request-timestamp': PUBLISHED.timestamp,
        },
        nowMilliseconds: PUBLISHED.timestamp * 1000,
      }),
    ).not.toThrow();
  });

  it('rejects a forged signature with 401 and stores nothing', async () => {
    const before = snapshot(t.app);
    const fields = slashCommand(
      'U0LAURA',
      '/cumplida',
      '1.4 https://intranet.pasto.gov.co/a.pdf',
      t.fake.responseUrl('f'),
    );
    const res = await t.sendForm(fields, { secret: 'otro-secreto' });
    expect(res.status).toBe(401);
    expect(snapshot(t.app)).toEqual(before);
    expect(t.fake.responses).toHaveLength(0);
  });

  it('rejects a stale timestamp (Slack’s published example, five years old) with 401', async () => {
    const before = snapshot(t.app);
    const res = await fetch(t.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(PUBLISHED.timestamp),
        'x-slack-signature': PUBLISHED.signature,
      },
      body: PUBLISHED.body,
    });
    expect(res.status).toBe(401);
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    const fields = slashCommand(
      'U0LAURA',
      '/cumplida',
      '1.4 https://intranet.pasto.gov.co/a.pdf',
      t.fake.responseUrl('s'),
    );
    expect((await t.sendForm(fields, { timestamp: stale })).status).toBe(401);
    expect(snapshot(t.app)).toEqual(before);
  });
});
