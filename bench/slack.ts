import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, LogLevel } from '@slack/bolt';
import { eq } from 'drizzle-orm';
import { openMigratedDatabase } from '../db/client.ts';
import { people } from '../db/schema/index.ts';
import { createSlackBot, type SlackBot } from '../src/adapters/slack/bot.ts';
import { createApp } from '../src/app.ts';
import type { Reply } from '../src/chat/reply.ts';
import { loadConfig } from '../src/config.ts';
import { clockAtBogotaDate } from '../src/domain/clock.ts';
import { type Person, personByEmail } from '../src/domain/directory/people.ts';
import { FakeSlack } from '../tests/adapters/slack/fake-slack.ts';
import { signature } from '../tests/adapters/slack/harness.ts';

const SECRET = 'banco-de-pruebas-secreto';
const COORDINATOR = 'coordinacion@ejemplo.pasto.gov.co';

export interface LoadResult {
  requests: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  failures: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

/** Fires `total` signed `/estado tareas` commands, `concurrency` at a time, and times each response. */
async function load(url: string, fake: FakeSlack, total: number, concurrency: number): Promise<LoadResult> {
  const durations: number[] = [];
  let next = 0;
  let failures = 0;
  const worker = async () => {
    while (next < total) {
      next += 1;
      const body = new URLSearchParams({
        team_id: 'T0PASTO',
        channel_id: 'C0PLANEACION',
        user_id: 'U0COORD',
        command: '/estado',
        text: 'tareas',
        response_url: fake.responseUrl('banco'),
        trigger_id: `${next}.${Date.now()}.${Math.random().toString(16).slice(2)}`,
      }).toString();
      const timestamp = Math.floor(Date.now() / 1000);
      const started = performance.now();
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-slack-request-timestamp': String(timestamp),
          'x-slack-signature': signature(SECRET, timestamp, body),
        },
        body,
      });
      await res.arrayBuffer();
      durations.push(performance.now() - started);
      if (res.status !== 200) failures += 1;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  durations.sort((a, b) => a - b);
  return {
    requests: total,
    seconds,
    perSecond: total / seconds,
    p50: percentile(durations, 0.5),
    p99: percentile(durations, 0.99),
    failures,
  };
}

function env(fake: FakeSlack, dir: string) {
  return {
    MIPG_DB: join(dir, 'mipg.db'),
    SLACK_BOT_TOKEN: 'xoxb-banco',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_DIGEST_CHANNEL: 'C0DIGEST',
    SLACK_API_URL: fake.apiUrl,
  };
}

/** The bot on a SQLite file (WAL, as in production) with the 2026 plan and the example directory. */
function mipgApp(fake: FakeSlack) {
  const dir = mkdtempSync(join(tmpdir(), 'mipg-banco-'));
  const config = loadConfig(env(fake, dir));
  const app = createApp(
    config,
    clockAtBogotaDate('2026-09-07'),
    () => {},
    openMigratedDatabase(config.MIPG_DB),
  );
  app.db.update(people).set({ slackId: 'U0COORD' }).where(eq(people.email, COORDINATOR)).run();
  return { app, config };
}

/** `/estado tareas` through the whole bot, and through a Bolt app that only acks, in the same process. */
export async function benchSlashCommand(total: number, concurrency: number) {
  const fake = await new FakeSlack().start();
  const { app, config } = mipgApp(fake);
  const bot = createSlackBot(app, config, {
    http: { port: 0, processBeforeResponse: true },
    logLevel: LogLevel.ERROR,
    linkDirectory: false,
    log: () => {},
  });
  const { port } = await bot.start();
  const bare = new App({
    token: 'xoxb-banco',
    signingSecret: SECRET,
    processBeforeResponse: true,
    tokenVerificationEnabled: false,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: fake.apiUrl },
  });
  bare.command(/.+/, async ({ ack }) => ack());
  const bareServer = await bare.start({ port: 0, host: '127.0.0.1' });
  const barePort = (bareServer.address() as AddressInfo).port;

  const mipgUrl = `http://127.0.0.1:${port}/slack/events`;
  const bareUrl = `http://127.0.0.1:${barePort}/slack/events`;
  // Warm both up (JIT, auth.test, SQLite caches) before measuring.
  await load(mipgUrl, fake, 100, concurrency);
  await load(bareUrl, fake, 100, concurrency);
  const mipg = await load(mipgUrl, fake, total, concurrency);
  const bareResult = await load(bareUrl, fake, total, concurrency);
  await bot.stop();
  await bare.stop();
  await fake.stop();
  app.db.$client.close();
  return { mipg, bare: bareResult };
}

function reminder(i: number): Reply {
  return {
    title: `Recordatorio · Tarea 2.${(i % 4) + 1}`,
    tone: 'warning',
    blocks: [
      { kind: 'text', text: 'La tarea *2.3* «Actualizar la DOFA» vence en 1 día hábil.' },
      {
        kind: 'actions',
        buttons: [
          { label: 'Marcar cumplida', actionId: 'tarea.cumplida', value: '2.3', style: 'primary' },
          { label: 'Posponer', actionId: 'recordatorio.posponer', value: '2.3' },
          { label: 'Necesito ayuda', actionId: 'recordatorio.ayuda', value: '2.3' },
        ],
      },
    ],
    visibility: 'private',
  };
}

/**
 * The digest to the channel and `count` reminders by DM, through the SlackMessenger with the production
 * Web API client (its queue and retry policy), to a fake that answers every `every`-th call with 429.
 */
export async function benchFanOut(count: number, every: number, retryAfter: number) {
  const fake = await new FakeSlack().start();
  let calls = 0;
  fake.rateLimit = (method) => {
    if (!method.startsWith('chat.')) return undefined;
    calls += 1;
    return calls % every === 0 ? retryAfter : undefined;
  };
  const { app, config } = mipgApp(fake);
  const bot: SlackBot = createSlackBot(app, config, {
    linkDirectory: false,
    log: () => {},
    logLevel: LogLevel.ERROR,
  });
  const coordinator = personByEmail(app.db, COORDINATOR);
  if (!coordinator) throw new Error('Falta la coordinación de ejemplo en el directorio.');
  const digest = await app.router.handleText({ person: coordinator, platform: 'slack' }, 'estado tareas');
  const recipients: Person[] = Array.from({ length: count }, (_, i) => ({
    ...coordinator,
    id: 100_000 + i,
    email: `persona${i}@ejemplo.pasto.gov.co`,
    slackId: `U1${String(i).padStart(6, '0')}`,
  }));
  const started = performance.now();
  await bot.messenger.toChannel({ ...digest, visibility: 'channel' });
  const sends = await Promise.allSettled(recipients.map((p, i) => bot.messenger.toPerson(p, reminder(i))));
  const seconds = (performance.now() - started) / 1000;
  await fake.stop();
  app.db.$client.close();
  return {
    seconds,
    delivered: fake.called('chat.postMessage').length,
    failed: sends.filter((s) => s.status === 'rejected').length,
    rateLimited: fake.rateLimited,
  };
}
