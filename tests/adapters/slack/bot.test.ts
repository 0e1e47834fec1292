import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HTTPReceiver, SocketModeReceiver } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { openMigratedDatabase } from '../../../db/client.ts';
import { createSlackBot } from '../../../src/adapters/slack/bot.ts';
import { createApp } from '../../../src/app.ts';
import { ConfigError, loadConfig } from '../../../src/config.ts';
import { clockAtBogotaDate } from '../../../src/domain/clock.ts';
import { silentLogger } from '../../../src/domain/logger.ts';
import { FakeSlack } from './fake-slack.ts';

const fakes: FakeSlack[] = [];
const closers: (() => void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) close();
  for (const fake of fakes.splice(0)) await fake.stop();
});

async function appWith(env: Record<string, string>) {
  const fake = await new FakeSlack().start();
  fakes.push(fake);
  const config = loadConfig({ ...env, SLACK_API_URL: fake.apiUrl });
  const app = createApp(
    config,
    clockAtBogotaDate('2026-09-07'),
    silentLogger,
    openMigratedDatabase(':memory:'),
  );
  closers.push(() => app.db.$client.close());
  return { fake, app, config };
}

/** Bolt's receiver behind the inbox; the mode is what an IT person chooses with SLACK_APP_TOKEN. */
const receiverOf = (bot: ReturnType<typeof createSlackBot>) => bot.receiver.inner;

describe('how the Slack bot connects', () => {
  it('uses Socket Mode when SLACK_APP_TOKEN is set, and HTTP with the signing secret otherwise', async () => {
    const socket = await appWith({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' });
    expect(receiverOf(createSlackBot(socket.app, socket.config, { log: silentLogger }))).toBeInstanceOf(
      SocketModeReceiver,
    );
    const http = await appWith({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secreto' });
    expect(receiverOf(createSlackBot(http.app, http.config, { log: silentLogger }))).toBeInstanceOf(
      HTTPReceiver,
    );
  });

  it('listens in HTTP mode on SLACK_HOST, and on every interface without it', async () => {
    const options = {
      clientOptions: { retryConfig: { retries: 0 } },
      linkDirectory: false,
      log: silentLogger,
    };
    const local = await appWith({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 's',
      SLACK_PORT: '0',
      SLACK_HOST: '127.0.0.1',
    });
    const bot = createSlackBot(local.app, local.config, options);
    closers.push(() => void bot.stop());
    expect(await bot.start()).toMatchObject({ address: '127.0.0.1' });
    const open = await appWith({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_PORT: '0' });
    const everywhere = createSlackBot(open.app, open.config, options);
    closers.push(() => void everywhere.stop());
    expect((await everywhere.start()).address).toMatch(/^(::|0\.0\.0\.0)$/);
  });

  it('says in Spanish which setting to change when SLACK_PORT is taken', async () => {
    const taken = createServer();
    await new Promise<void>((done) => taken.listen(0, '127.0.0.1', done));
    closers.push(() => void taken.close());
    const port = (taken.address() as AddressInfo).port;
    const { app, config } = await appWith({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 's',
      SLACK_PORT: String(port),
      SLACK_HOST: '127.0.0.1',
    });
    const bot = createSlackBot(app, config, { linkDirectory: false, log: silentLogger });
    const started = bot.start();
    await expect(started).rejects.toBeInstanceOf(ConfigError);
    await expect(started).rejects.toThrow(
      `No se pudo iniciar Slack: el puerto 127.0.0.1:${port} ya está en uso (SLACK_PORT).`,
    );
  });

  it('refuses to start with a token Slack rejects, saying so in Spanish', async () => {
    const { fake, app, config } = await appWith({ SLACK_BOT_TOKEN: 'xoxb-malo', SLACK_SIGNING_SECRET: 's' });
    fake.answer('auth.test', () => ({ ok: false, error: 'invalid_auth' }));
    const bot = createSlackBot(app, config, {
      http: { port: 0 },
      clientOptions: { retryConfig: { retries: 0 } },
      log: silentLogger,
    });
    await expect(bot.start()).rejects.toThrow('Slack rechazó SLACK_BOT_TOKEN (invalid_auth)');
  });
});
