import { LogLevel } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import type { Delivery } from '../../src/scheduler/send.ts';
import { claimAndSend } from '../../src/scheduler/send.ts';
import { COORDINATOR } from '../helpers/app.ts';
import { captureLogs } from '../helpers/logs.ts';
import { startSlack } from './slack/harness.ts';
import { directMessage, slashCommand } from './slack/payloads.ts';
import { personalMessage } from './teams/activities.ts';
import { teamsHarness } from './teams/harness.ts';
import { channelToken } from './teams/tokens.ts';

const LAURA = 'laura.benavides@ejemplo.pasto.gov.co';
const APP_ID = '9c8b7a65-4321-4fed-8cba-0987654321ab';

/**
 * Credentials with no recognisable shape: the logger's last-resort scrubbing of token-shaped words
 * cannot hide them, and the logger is given no secret values to hide either. Only not logging them works.
 */
const SLACK = {
  SLACK_BOT_TOKEN: 'token-bot-falso-slack-3f9a1c',
  SLACK_SIGNING_SECRET: 'firma-falsa-slack-8e2d4b7a',
  SLACK_APP_TOKEN: 'token-app-falso-slack-6c0e2f',
};
const TEAMS_PASSWORD = 'clave-falsa-teams-2b7e9d41';
/** Slack's verification token, which every slash command body carries. */
const VERIFICATION_TOKEN = 'gIkuvaNzQIHg97ATvDxqgjtO';
/** What a person wrote: a log names who and what, never the words. */
const PRIVATE_WORDS = 'palabras-privadas-de-laura';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

function expectNothingSecret(lines: string[]) {
  const text = lines.join('');
  for (const secret of [...Object.values(SLACK), TEAMS_PASSWORD, VERIFICATION_TOKEN, PRIVATE_WORDS]) {
    expect(text).not.toContain(secret);
  }
}

describe('the log, at its most detailed level, never holds a credential nor what people wrote', () => {
  it('on Slack: start, a command, a refusal, a message, a send, a failed send, a forged request', async () => {
    const logs = captureLogs({ level: 'debug' });
    const t = await startSlack({ env: SLACK, bot: { log: logs.log, logLevel: LogLevel.DEBUG } });
    closers.push(() => t.close());
    t.link(LAURA, 'U0LAURA');

    expect((await t.sendForm(slashCommand('U0LAURA', '/tareas', '', t.fake.responseUrl('a')))).status).toBe(
      200,
    );
    await t.sendForm(slashCommand('U0LAURA', '/riesgo', PRIVATE_WORDS, t.fake.responseUrl('b')));
    await t.sendJson(directMessage('U0LAURA', 'D0LAURA', PRIVATE_WORDS));
    const deps = {
      db: t.app.db,
      clock: t.clock,
      messengers: () => [t.bot.messenger],
      log: logs.log,
      instance: 'prueba',
    };
    const notice = (period: string): Delivery => ({
      kind: 'aviso.prueba',
      period,
      to: 'channel',
      build: () => ({ blocks: [{ kind: 'text', text: PRIVATE_WORDS }] }),
    });
    expect(await claimAndSend(deps, notice('1'), { dueAt: t.clock.now(), late: false })).toEqual(['sent']);
    t.fake.answer('chat.postMessage', () => ({ ok: false, error: 'channel_not_found' }));
    expect(await claimAndSend(deps, notice('2'), { dueAt: t.clock.now(), late: false })).toEqual(['failed']);
    expect(
      (
        await t.sendForm(slashCommand('U0LAURA', '/tareas', '', t.fake.responseUrl('c')), {
          secret: 'otra-firma',
        })
      ).status,
    ).toBe(401);

    // What must be there is there: the lines prove these paths were logged at all.
    const messages = logs.entries.map((e) => e.msg);
    expect(messages.some((m) => m.startsWith('Slack escucha en 127.0.0.1'))).toBe(true);
    expect(logs.entries).toContainEqual(
      expect.objectContaining({
        msg: 'Solicitud rechazada.',
        command: 'riesgo',
        reason: 'rule',
        platform: 'slack',
      }),
    );
    expect(logs.entries).toContainEqual(
      expect.objectContaining({ kind: 'aviso.prueba', period: '1', outcome: 'sent', platform: 'slack' }),
    );
    expect(logs.entries).toContainEqual(
      expect.objectContaining({ kind: 'aviso.prueba', period: '2', outcome: 'failed', retry: true }),
    );
    expect(logs.entries.filter((e) => e.lib === 'slack' && e.level === 'debug').length).toBeGreaterThan(5);
    expectNothingSecret(logs.lines);
  });

  it('on Teams: start, a refused request, a message whose answer cannot be sent', async () => {
    const logs = captureLogs({ level: 'debug' });
    const h = await teamsHarness({
      env: { TEAMS_APP_ID: APP_ID, TEAMS_APP_PASSWORD: TEAMS_PASSWORD, TEAMS_HOST: '127.0.0.1' },
      log: logs.log,
    });
    closers.push(() => h.stop());
    const user = h.user(COORDINATOR, '0c000000-0000-4000-8000-00000000c001');
    expect((await h.post(personalMessage(h.connector.url, user, PRIVATE_WORDS))).status).toBe(401);
    const token = channelToken({ aud: APP_ID, serviceurl: h.connector.url });
    await h.post(personalMessage(h.connector.url, user, `tareas ${PRIVATE_WORDS}`), {
      authorization: `Bearer ${token}`,
    });

    const messages = logs.entries.map((e) => e.msg);
    expect(messages.some((m) => m.startsWith('Teams escucha en'))).toBe(true);
    expect(logs.entries).toContainEqual(
      expect.objectContaining({ reason: 'invalid_token', status: 401, platform: 'teams' }),
    );
    expectNothingSecret(logs.lines);
    expect(logs.lines.join('')).not.toContain(token);
  });
});
