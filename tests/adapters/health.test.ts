import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogLevel } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openMigratedDatabase } from '../../db/client.ts';
import { createSlackBot } from '../../src/adapters/slack/bot.ts';
import { startTeams } from '../../src/adapters/teams/server.ts';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/domain/logger.ts';
import { healthOf } from '../../src/main.ts';
import { createScheduler } from '../../src/scheduler/index.ts';
import { DIGEST_KIND } from '../../src/scheduler/jobs.ts';
import { claim, markFailed, markSent } from '../../src/scheduler/ledger.ts';
import { TestClock } from '../helpers/app.ts';
import { SHIPPED_MIGRATIONS } from '../helpers/migrations.ts';
import { FakeSlack } from './slack/fake-slack.ts';
import { SECRET } from './slack/harness.ts';

const KEYS = [
  'ok',
  'status',
  'checkedAt',
  'problems',
  'database',
  'migrations',
  'scheduler',
  'lastDigest',
  'sends',
  'backup',
];

/** The bot as `mipg iniciar` wires it, on a database file: Slack in HTTP mode and Teams, both on loopback. */
async function startBot(file: string) {
  const fake = await new FakeSlack().start();
  const clock = new TestClock('2026-09-07', '10:00');
  const config = loadConfig({
    MIPG_DB: file,
    SLACK_BOT_TOKEN: 'xoxb-pruebas-secreto',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
    TEAMS_ENABLED: 'true',
  });
  const app = createApp(config, clock, silentLogger, openMigratedDatabase(file));
  const scheduler = createScheduler(app.services, () => app.messengers, silentLogger);
  const health = healthOf(app, config, clock, scheduler);
  const slack = createSlackBot(app, config, {
    http: { port: 0 },
    clientOptions: { retryConfig: { retries: 0 }, rejectRateLimitedCalls: true },
    logLevel: LogLevel.ERROR,
    linkDirectory: false,
    log: silentLogger,
    health,
  });
  const slackPort = (await slack.start()).port;
  const teams = await startTeams({ app, config, log: silentLogger, port: 0, health });
  await scheduler.start();
  return {
    app,
    clock,
    scheduler,
    urls: {
      slack: `http://127.0.0.1:${slackPort}/salud`,
      teams: `http://127.0.0.1:${teams.port}/salud`,
    },
    async stop() {
      await scheduler.stop();
      await teams.stop();
      await slack.stop();
      await fake.stop();
      app.db.$client.close();
    },
  };
}

type Bot = Awaited<ReturnType<typeof startBot>>;

async function get(url: string) {
  const response = await fetch(url);
  const text = await response.text();
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    text,
    body: JSON.parse(text) as Record<
      string,
      { ok: boolean | null; detail: string } & Record<string, unknown>
    >,
  };
}

describe('GET /salud on the Slack HTTP and Teams ports', () => {
  let dir: string;
  let file: string;
  let bot: Bot | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mipg-salud-'));
    file = join(dir, 'mipg.db');
  });
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
    chmodSync(dir, 0o755);
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 200 with the report on both ports while everything works', async () => {
    bot = await startBot(file);
    for (const url of Object.values(bot.urls)) {
      const { status, type, body } = await get(url);
      expect({ url, status }).toEqual({ url, status: 200 });
      expect(type).toMatch(/^application\/json/);
      expect(Object.keys(body)).toEqual(KEYS);
      expect(body.status).toBe('bien');
      expect(body.problems).toEqual([]);
      expect(body.database).toEqual({ ok: true, detail: 'Responde.' });
      expect(body.migrations).toMatchObject({
        ok: true,
        pending: 0,
        unknown: 0,
        applied: SHIPPED_MIGRATIONS,
        shipped: SHIPPED_MIGRATIONS,
      });
      expect(body.scheduler).toMatchObject({
        ok: true,
        state: 'running',
        startedAt: '2026-09-07T15:00:00.000Z',
        crons: { active: 5, total: 5 },
      });
      expect(body.lastDigest).toEqual({
        ok: true,
        detail: 'Todavía no se ha enviado ningún resumen semanal.',
        sentAt: null,
      });
      expect(body.backup).toMatchObject({ ok: true, detail: 'Sin respaldos todavía.', at: null });
    }
  });

  it('answers 503 once the database file is not a database any more', async () => {
    bot = await startBot(file);
    expect((await get(bot.urls.teams)).status).toBe(200);
    // Every page into the file first, so the WAL holds nothing that could stand in for it; then the file
    // is overwritten in place, as a disk fault or a careless copy would leave it.
    bot.app.db.$client.pragma('wal_checkpoint(TRUNCATE)');
    writeFileSync(file, Buffer.alloc(64 * 1024, 'basura '));
    for (const url of Object.values(bot.urls)) {
      const { status, body } = await get(url);
      expect({ url, status }).toEqual({ url, status: 503 });
      expect(body.status).toBe('con problemas');
      expect(body.database).toEqual({
        ok: false,
        detail: 'El archivo de la base de datos (MIPG_DB) está dañado o no es una base de datos SQLite.',
      });
      expect(body.problems).toContain(
        'El archivo de la base de datos (MIPG_DB) está dañado o no es una base de datos SQLite.',
      );
    }
  });

  it('answers 503 when the database file is removed', async () => {
    bot = await startBot(file);
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    const { status, body } = await get(bot.urls.slack);
    expect(status).toBe(503);
    expect(body.database?.detail).toBe(
      'No se puede abrir el archivo de la base de datos (MIPG_DB): no existe o no se puede leer.',
    );
  });

  // As root (CI here) permissions do not stop reads, so this runs only as another user.
  it.skipIf(process.getuid?.() === 0)('answers 503 when the database file is made unreadable', async () => {
    bot = await startBot(file);
    chmodSync(file, 0o000);
    const { status, body } = await get(bot.urls.teams);
    chmodSync(file, 0o644);
    expect(status).toBe(503);
    expect(body.database?.ok).toBe(false);
  });

  it('answers 503 when the scheduler stops, and says so', async () => {
    bot = await startBot(file);
    await bot.scheduler.stop();
    const { status, body } = await get(bot.urls.slack);
    expect(status).toBe(503);
    expect(body.scheduler).toMatchObject({ ok: false, state: 'stopped', detail: 'Detenido.' });
    expect(body.problems).toEqual(['Detenido.']);
  });

  it('reports the ledger with counts and instants only: no token, name, e-mail or message text', async () => {
    bot = await startBot(file);
    const { app, clock } = bot;
    const request = (kind: string, recipient: string, text: string) => ({
      kind,
      period: '2026-09-07',
      recipient,
      platform: 'slack',
      personId: null,
      subject: '1.1',
      dueAt: clock.now().toISOString(),
      late: false,
      claimedBy: 'pruebas',
      payload: { reply: { title: text, blocks: [{ kind: 'text' as const, text }] } },
    });
    const digest = claim(
      app.db,
      clock,
      request(DIGEST_KIND, 'canal', 'Resumen para Laura Benavides (ejemplo)'),
    );
    if (digest)
      markSent(app.db, clock, digest.id, { platform: 'slack', conversation: 'C0DIGEST', messageId: '1.2' });
    const failed = claim(app.db, clock, request('recordatorio.tarea', 'persona:2', 'Hola Andrés Muñoz'));
    if (failed)
      markFailed(app.db, clock, failed, 'users_not_found: andres.munoz@ejemplo.pasto.gov.co', false);
    claim(app.db, clock, request('recordatorio.tarea', 'persona:3', 'Hola Coordinación'));

    const { status, text, body } = await get(bot.urls.teams);
    expect(status).toBe(200);
    expect(body.lastDigest).toEqual({
      ok: true,
      detail: 'Enviado el 7 sep 2026 10:00.',
      sentAt: '2026-09-07T15:00:00.000Z',
    });
    expect(body.sends).toEqual({
      ok: true,
      detail: '1 pendientes, 1 en reintento y 0 fallidos sin más intentos en las últimas 24 horas.',
      pending: 1,
      retrying: 1,
      failedLastDay: 0,
      gaveUpLastDay: 0,
      stuckLastDay: 0,
    });
    for (const secret of ['xoxb-', SECRET, '@', 'Laura', 'Andrés', 'Coordinación', 'C0DIGEST', dir]) {
      expect(text).not.toContain(secret);
    }
  });
});
