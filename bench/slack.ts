import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, LogLevel } from '@slack/bolt';
import { eq } from 'drizzle-orm';
import { openMigratedDatabase } from '../db/client.ts';
import { people } from '../db/schema/index.ts';
import { createSlackBot, type SlackBot } from '../src/adapters/slack/bot.ts';
import { createApp, type App as MipgApp } from '../src/app.ts';
import type { Reply } from '../src/chat/reply.ts';
import { loadConfig } from '../src/config.ts';
import { clockAtBogotaDate } from '../src/domain/clock.ts';
import { type Person, personByEmail } from '../src/domain/directory/people.ts';
import { silentLogger } from '../src/domain/logger.ts';
import type { Delivery } from '../src/scheduler/send.ts';
import { sendAll } from '../src/scheduler/send-all.ts';
import { FakeSlack } from '../tests/adapters/slack/fake-slack.ts';
import { signature } from '../tests/adapters/slack/harness.ts';
import { longestBlock, percentile } from './measure.ts';

const SECRET = 'banco-de-pruebas-secreto';
const COORDINATOR = 'coordinacion@ejemplo.pasto.gov.co';

export interface LoadResult {
  requests: number;
  seconds: number;
  /**
   * Requests per second, counted until the last reply arrived, in its ack or on its response URL (acks
   * alone for bare Bolt).
   */
  perSecond: number;
  /** HTTP response time: in production mode (`processBeforeResponse: false`) that is the ack. */
  p50: number;
  p99: number;
  failures: number;
}

export interface LoadOptions {
  /** Slash command and its text, e.g. `/estado` + `tareas`. */
  command: string;
  text: string;
  user: string;
  /** Wait for one reply per request on the fake's response URLs before stopping the clock. */
  expectReplies: boolean;
  /** Keep sending until this resolves (instead of stopping at `total`). */
  until?: Promise<unknown>;
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<void> {
  const started = performance.now();
  while (!check()) {
    if (performance.now() - started > timeoutMs) throw new Error('se agotó la espera de las respuestas');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** Fires `total` signed slash commands, `concurrency` at a time, and times each HTTP response. */
async function load(
  url: string,
  fake: FakeSlack,
  total: number,
  concurrency: number,
  options: LoadOptions = { command: '/estado', text: 'tareas', user: 'U0COORD', expectReplies: false },
): Promise<LoadResult & { durations: number[] }> {
  const durations: number[] = [];
  let next = 0;
  let failures = 0;
  let inAck = 0;
  let stop = false;
  void options.until?.then(() => {
    stop = true;
  });
  const repliesBefore = fake.responses.length;
  const worker = async () => {
    while (options.until ? !stop : next < total) {
      next += 1;
      const body = new URLSearchParams({
        team_id: 'T0PASTO',
        channel_id: 'C0PLANEACION',
        user_id: options.user,
        command: options.command,
        text: options.text,
        response_url: fake.responseUrl(`banco-${next}`),
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
      // A reply answered in the ack is the HTTP response's body; the others reach the response URL.
      if ((await res.arrayBuffer()).byteLength > 0) inAck += 1;
      durations.push(performance.now() - started);
      if (res.status !== 200) failures += 1;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const sent = durations.length;
  if (options.expectReplies) {
    await waitFor(() => fake.responses.length - repliesBefore + inAck >= sent, 600_000);
  }
  const seconds = (performance.now() - started) / 1000;
  return summary(durations, seconds, failures);
}

/** A load's figures from its response times (in any order) and how long it took. */
function summary(
  durations: number[],
  seconds: number,
  failures: number,
): LoadResult & { durations: number[] } {
  const sorted = [...durations].sort((a, b) => a - b);
  return {
    requests: sorted.length,
    seconds,
    perSecond: sorted.length / seconds,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    failures,
    durations: sorted,
  };
}

/** Several loads of the same kind as one: their requests, time and response times together. */
function merged(loads: (LoadResult & { durations: number[] })[]): LoadResult {
  const { durations: _all, ...result } = summary(
    loads.flatMap((l) => l.durations),
    loads.reduce((sum, l) => sum + l.seconds, 0),
    loads.reduce((sum, l) => sum + l.failures, 0),
  );
  return result;
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
    silentLogger,
    openMigratedDatabase(config.MIPG_DB),
  );
  app.db.update(people).set({ slackId: 'U0COORD' }).where(eq(people.email, COORDINATOR)).run();
  return { app, config };
}

/** The Slack settings for the bot against the fake, whatever database the app was opened on. */
function slackConfig(fake: FakeSlack) {
  return loadConfig(env(fake, mkdtempSync(join(tmpdir(), 'mipg-banco-'))));
}

/** The whole bot and a Bolt app that only acks, both over HTTP on loopback, both in production mode. */
export interface SlackRig {
  fake: FakeSlack;
  bot: SlackBot;
  mipgUrl: string;
  bareUrl: string;
  stop(): Promise<void>;
}

export async function startRig(
  app: Pick<MipgApp, 'db' | 'router'>,
  processBeforeResponse = false,
): Promise<SlackRig> {
  const fake = await new FakeSlack().start();
  const bot = createSlackBot(app, slackConfig(fake), {
    http: { port: 0, processBeforeResponse },
    logLevel: LogLevel.ERROR,
    linkDirectory: false,
    log: silentLogger,
  });
  const { port } = await bot.start();
  const bare = new App({
    token: 'xoxb-banco',
    signingSecret: SECRET,
    processBeforeResponse,
    // Bolt's default: auth.test once, at start. With verification off it would call auth.test on every
    // request, which slowed the baseline (the bot asks once too, see connect.ts).
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: fake.apiUrl },
  });
  bare.command(/.+/, async ({ ack }) => ack());
  const bareServer = await bare.start({ port: 0, host: '127.0.0.1' });
  const barePort = (bareServer.address() as AddressInfo).port;
  return {
    fake,
    bot,
    mipgUrl: `http://127.0.0.1:${port}/slack/events`,
    bareUrl: `http://127.0.0.1:${barePort}/slack/events`,
    async stop() {
      await bot.stop();
      await bare.stop();
      await fake.stop();
    },
  };
}

/**
 * Rounds the load is cut into, the bot and bare Bolt taking turns: a change of the machine's load shows in
 * both. Each round should be long (1,000 requests at the default 5,000): after each switch from one app to
 * the other the first requests run slower (caches, compiled code), and short rounds measure mostly that.
 */
const ROUNDS = 5;

/**
 * `command text` through the whole bot and through the ack-only Bolt app, `concurrency` at a time, in
 * the same process, in alternating rounds: the bot's throughput counts until each reply arrived.
 */
export async function benchSlash(
  rig: SlackRig,
  total: number,
  concurrency: number,
  command = '/estado',
  text = 'tareas',
  warmup = Math.min(50, total),
): Promise<{ mipg: LoadResult; bare: LoadResult }> {
  const mipgLoad = { command, text, user: 'U0COORD', expectReplies: true };
  const bareLoad = { ...mipgLoad, expectReplies: false };
  // Warm both up (JIT, auth.test, SQLite caches) before measuring.
  await load(rig.mipgUrl, rig.fake, warmup, concurrency, mipgLoad);
  await load(rig.bareUrl, rig.fake, warmup, concurrency, bareLoad);
  const mipg: (LoadResult & { durations: number[] })[] = [];
  const bare: (LoadResult & { durations: number[] })[] = [];
  const rounds = Math.max(1, Math.min(ROUNDS, Math.floor(total / concurrency)));
  for (let round = 0; round < rounds; round++) {
    const share = Math.floor(total / rounds) + (round < total % rounds ? 1 : 0);
    mipg.push(await load(rig.mipgUrl, rig.fake, share, concurrency, mipgLoad));
    bare.push(await load(rig.bareUrl, rig.fake, share, concurrency, bareLoad));
  }
  return { mipg: merged(mipg), bare: merged(bare) };
}

/** `/estado tareas` on the seed data, as the first benchmark did (kept for `benchSlashCommand` callers). */
export async function benchSlashCommand(total: number, concurrency: number) {
  const fake = await new FakeSlack().start();
  const { app } = mipgApp(fake);
  await fake.stop();
  const rig = await startRig(app);
  const result = await benchSlash(rig, total, concurrency);
  await rig.stop();
  app.db.$client.close();
  return result;
}

export interface BusyResult {
  /** `/ayuda` ack p99 with nothing else running, and while the round ran (same process, same load). */
  idle: LoadResult;
  busy: LoadResult;
  round: { seconds: number; outcomes: Record<string, number>; recipients: number; rateLimited: number };
  /** The longest the event loop was held while the round ran. */
  blockMs: number;
}

/**
 * A reminder round to `recipients` people (the scheduler's own path: ledger, one delivery after another,
 * the production Web API client) against a fake that answers 1 chat call in `every` with 429, while
 * `/ayuda` keeps arriving `concurrency` at a time; `/ayuda` alone first, as the baseline.
 */
export async function benchBusy(
  app: Pick<MipgApp, 'db' | 'router'>,
  recipients: Person[],
  concurrency: number,
  every = 100,
): Promise<BusyResult> {
  const rig = await startRig(app);
  const ayuda = { command: '/ayuda', text: '', user: 'U0COORD', expectReplies: true };
  await load(rig.mipgUrl, rig.fake, 50, concurrency, ayuda);
  const idle = await load(rig.mipgUrl, rig.fake, 300, concurrency, ayuda);
  let calls = 0;
  rig.fake.rateLimit = (method) => {
    if (!method.startsWith('chat.')) return undefined;
    calls += 1;
    return calls % every === 0 ? 1 : undefined;
  };
  const { db, clock } = app.router.services;
  const deps = { db, clock, messengers: () => [rig.bot.messenger], log: silentLogger, instance: 'banco' };
  const deliveries: Delivery[] = recipients.map((person, i) => ({
    kind: 'banco.recordatorio',
    period: `${Date.now()}:${i}`,
    to: person,
    build: () => reminder(i),
  }));
  const started = performance.now();
  const blocked = longestBlock(() => sendAll(deps, deliveries, { dueAt: clock.now(), late: false }));
  const busy = await load(rig.mipgUrl, rig.fake, 0, concurrency, { ...ayuda, until: blocked });
  const { result: outcomes, blockMs } = await blocked;
  const seconds = (performance.now() - started) / 1000;
  const rateLimited = rig.fake.rateLimited;
  await rig.stop();
  const tally: Record<string, number> = {};
  for (const outcome of outcomes) tally[outcome] = (tally[outcome] ?? 0) + 1;
  return {
    idle: merged([idle]),
    busy: merged([busy]),
    round: { seconds, outcomes: tally, recipients: recipients.length, rateLimited },
    blockMs,
  };
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
    log: silentLogger,
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
