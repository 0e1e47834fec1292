import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { LogLevel } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { openMigratedDatabase } from '../../../db/client.ts';
import { createSlackBot, type SlackBot } from '../../../src/adapters/slack/bot.ts';
import { createApp } from '../../../src/app.ts';
import { ConfigError, loadConfig } from '../../../src/config.ts';
import { clockAtBogotaDate } from '../../../src/domain/clock.ts';
import { silentLogger } from '../../../src/domain/logger.ts';
import { FakeSlack } from './fake-slack.ts';
import { type SlackTest, startSlack } from './harness.ts';
import { directMessage, eventCallback, slashCommand } from './payloads.ts';

const LAURA = 'laura.benavides@ejemplo.pasto.gov.co';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function slack(): Promise<SlackTest> {
  const t = await startSlack();
  cleanups.push(() => t.close());
  t.link(LAURA, 'U0LAURA');
  return t;
}

/** A bot on its own fake Slack, not started: Socket Mode with SLACK_APP_TOKEN, HTTP otherwise. */
async function unstarted(env: Record<string, string>, socketTimeoutMs = 5000) {
  const fake = await new FakeSlack().start();
  const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-pruebas', ...env, SLACK_API_URL: fake.apiUrl });
  const app = createApp(
    config,
    clockAtBogotaDate('2026-09-07'),
    silentLogger,
    openMigratedDatabase(':memory:'),
  );
  const bot: SlackBot = createSlackBot(app, config, {
    clientOptions: { retryConfig: { retries: 0 }, rejectRateLimitedCalls: true },
    logLevel: LogLevel.ERROR,
    linkDirectory: false,
    socketTimeoutMs,
    log: silentLogger,
  });
  cleanups.push(async () => {
    await fake.stop();
    app.db.$client.close();
  });
  return { fake, bot };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('who the bot is in Slack, asked once', () => {
  it('calls auth.test once at start, however many requests follow', async () => {
    const t = await slack();
    for (let i = 0; i < 12; i += 1) {
      const res = await t.sendForm(slashCommand('U0LAURA', '/tarea', '1.1', t.fake.responseUrl(`c${i}`)));
      expect(res.status).toBe(200);
    }
    for (let i = 0; i < 11; i += 1) {
      await t.sendJson(eventCallback(directMessage('U0LAURA', 'D0LAURA', '/tarea 1.2')));
    }
    expect(t.fake.responses.filter((r) => r.id.startsWith('c'))).toHaveLength(12);
    expect(t.fake.called('chat.postMessage')).toHaveLength(11);
    expect(t.fake.called('auth.test')).toHaveLength(1);
  });

  it('answers a command while Slack rate-limits auth.test, since it does not ask again', async () => {
    const t = await slack();
    t.fake.rateLimit = (method) => (method === 'auth.test' ? 30 : undefined);
    await t.sendForm(slashCommand('U0LAURA', '/tarea', '1.1', t.fake.responseUrl('limitado')));
    const [answer] = t.fake.responses.filter((r) => r.id === 'limitado');
    expect(JSON.stringify(answer?.body)).toContain('1.1');
    expect(t.fake.rateLimited).toBe(0);
  });

  it('refuses to start in Spanish when auth.test is rate-limited at start', async () => {
    const { fake, bot } = await unstarted({ SLACK_SIGNING_SECRET: 's' });
    fake.rateLimit = (method) => (method === 'auth.test' ? 30 : undefined);
    const start = bot.start();
    await expect(start).rejects.toBeInstanceOf(ConfigError);
    await expect(start).rejects.toThrow(
      'Slack está limitando las solicitudes del bot (pidió esperar 30 s), así que no se pudo comprobar SLACK_BOT_TOKEN al arrancar. Espere un momento y vuelva a iniciar el bot.',
    );
  });
});

describe('Socket Mode that cannot connect', () => {
  it('stops with a Spanish message naming SLACK_APP_TOKEN when Slack rejects it, and asks once', async () => {
    const { fake, bot } = await unstarted({ SLACK_APP_TOKEN: 'xapp-malo' });
    fake.answer('apps.connections.open', () => ({ ok: false, error: 'invalid_auth' }));
    const start = bot.start();
    await expect(start).rejects.toBeInstanceOf(ConfigError);
    await expect(start).rejects.toThrow(
      'Slack rechazó SLACK_APP_TOKEN (invalid_auth). Genere en la app (Basic Information → App-Level Tokens) un token xapp- con el permiso connections:write y cópielo en SLACK_APP_TOKEN.',
    );
    await pause(300);
    expect(fake.called('apps.connections.open')).toHaveLength(1);
  });

  it('stops with a Spanish message when the network cuts the connection to Slack', async () => {
    const { fake, bot } = await unstarted({ SLACK_APP_TOKEN: 'xapp-1' });
    fake.refuse = (path) => path === '/api/apps.connections.open';
    await expect(bot.start()).rejects.toThrow(
      /^No se pudo conectar con Slack para comprobar SLACK_APP_TOKEN \(.+\)\. Revise que este equipo pueda salir a slack\.com y wss-primary\.slack\.com por HTTPS \(puerto 443\)\. Si la red de la oficina no lo permite, quite SLACK_APP_TOKEN y use el modo HTTP con SLACK_SIGNING_SECRET/,
    );
  });

  it('gives up on a WebSocket the network refuses after the time allowed, instead of retrying forever', async () => {
    const { fake, bot } = await unstarted({ SLACK_APP_TOKEN: 'xapp-1' }, 1000);
    // A port nobody listens on: the WebSocket to it is refused, as a firewall that blocks wss would.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    fake.answer('apps.connections.open', () => ({ url: `ws://127.0.0.1:${port}/link` }));
    const started = Date.now();
    await expect(bot.start()).rejects.toThrow(
      'No se pudo abrir la conexión del modo Socket con Slack en 1 s. Revise que SLACK_APP_TOKEN sea el token xapp- de esta app y que la red permita conexiones WebSocket salientes a wss-primary.slack.com (puerto 443).',
    );
    expect(Date.now() - started).toBeLessThan(4000);
    const asked = fake.called('apps.connections.open').length;
    await pause(6000);
    expect(fake.called('apps.connections.open')).toHaveLength(asked);
  }, 15_000);
});
