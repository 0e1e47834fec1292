import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { openMigratedDatabase } from '../../db/client.ts';
import { deliveries, schedulerJobs } from '../../db/schema/index.ts';
import { FakeSlack } from '../adapters/slack/fake-slack.ts';
import {
  type BotProcess,
  databaseOwingOneDigest,
  FAKE_SECRETS,
  logEntries,
  PLAN_CHANNEL,
  startBotProcess,
  TEAM_CHANNEL,
  until,
} from './bot-process.ts';

let fake: FakeSlack;
const started: BotProcess[] = [];

afterEach(async () => {
  for (const bot of started.splice(0)) if (bot.child.exitCode === null) bot.child.kill('SIGKILL');
  await fake?.stop();
});

function ledger(file: string) {
  const db = openMigratedDatabase(file);
  try {
    return {
      digests: db
        .select()
        .from(deliveries)
        .where(eq(deliveries.kind, 'resumen.semanal'))
        .all()
        .map((row) => ({ recipient: row.recipient, status: row.status, attempts: row.attempts })),
      lastRun: db.select().from(schedulerJobs).where(eq(schedulerJobs.name, 'resumen')).get()?.lastRunAt,
    };
  } finally {
    db.$client.close();
  }
}

/** Every message Slack received, by channel and first words: a message sent twice shows up twice. */
function posted(): string[] {
  return fake.called('chat.postMessage').map((c) => `${String(c.channel)} · ${String(c.text).slice(0, 60)}`);
}

function run(dir: string, file: string): BotProcess {
  const bot = startBotProcess(dir, file, fake);
  started.push(bot);
  return bot;
}

/** Sends SIGTERM and waits for the exit; returns the exit code and the seconds it took. */
async function terminate(bot: BotProcess) {
  const sent = Date.now();
  bot.child.kill('SIGTERM');
  const { code, at } = await bot.exited;
  return { code, seconds: (at - sent) / 1000 };
}

/** Nothing in what the process wrote gives away a credential. */
/** Both digests reached Slack, the team's and the plan's channel, and no message twice. */
function expectBothDigestsPostedOnce() {
  expect(new Set(posted().map((p) => p.split(' · ')[0]))).toEqual(new Set([TEAM_CHANNEL, PLAN_CHANNEL]));
  expect(new Set(posted()).size).toBe(posted().length);
}

function expectNoSecrets(bot: BotProcess) {
  for (const secret of Object.values(FAKE_SECRETS)) {
    expect(bot.stderr()).not.toContain(secret);
    expect(bot.stdout()).not.toContain(secret);
  }
}

describe('SIGTERM while a send is in flight', () => {
  it('finishes that send, leaves the rest for the next start, and every message goes out exactly once', async () => {
    fake = await new FakeSlack().start();
    fake.latency = (method) => (method === 'chat.postMessage' ? 1500 : 0);
    const { dir, file, lastRun } = databaseOwingOneDigest();

    const first = run(dir, file);
    await until(() => fake.called('chat.postMessage').length > 0, 30_000, 'the first send');
    const stop = await terminate(first);
    expect(stop.code).toBe(0);
    expect(stop.seconds).toBeLessThan(10);
    // The send under way finished and is in the ledger as sent; the other digest was never claimed,
    // and the job is not marked as run, so the next start runs that time again.
    expect(posted().map((p) => p.split(' · ')[0])).toEqual([TEAM_CHANNEL]);
    expect(ledger(file)).toEqual({
      digests: [{ recipient: 'canal@slack', status: 'sent', attempts: 1 }],
      lastRun,
    });
    const messages = logEntries(first.stderr()).map((e) => e.msg);
    expect(messages).toContain(
      'Señal SIGTERM: el bot deja de aceptar trabajo nuevo y termina lo que está en curso (máximo 8 s).',
    );
    expect(messages).toContain('Base de datos cerrada.');
    expect(messages.at(-1)).toBe('Bot detenido.');
    const sentLine = logEntries(first.stderr()).find((e) => e.outcome === 'sent');
    expect(sentLine).toMatchObject({ kind: 'resumen.semanal', platform: 'slack', attempt: 1 });
    expectNoSecrets(first);

    fake.latency = () => 0;
    const second = run(dir, file);
    await until(
      () => ledger(file).digests.filter((d) => d.status === 'sent').length === 2,
      30_000,
      'both digests sent',
    );
    expect((await terminate(second)).code).toBe(0);
    const after = ledger(file);
    expect(after.digests.map((d) => d.status)).toEqual(['sent', 'sent']);
    expect(after.digests.map((d) => d.recipient).sort()).toEqual([
      `canal:${PLAN_CHANNEL}@slack`,
      'canal@slack',
    ]);
    expect(after.lastRun).not.toBe(lastRun);
    expectBothDigestsPostedOnce();
    expectNoSecrets(second);
  }, 90_000);

  it('gives a send that does not finish in time back to the ledger, exits 0 within 10 s, and the next start sends it', async () => {
    fake = await new FakeSlack().start();
    // Slack never answers the first send.
    fake.stall = (path) => path === '/api/chat.postMessage';
    const { dir, file, lastRun } = databaseOwingOneDigest();

    const first = run(dir, file);
    await until(() => fake.stalled.length > 0, 30_000, 'the first send');
    const stop = await terminate(first);
    expect(stop.code).toBe(0);
    expect(stop.seconds).toBeGreaterThan(7);
    expect(stop.seconds).toBeLessThan(10);
    expect(ledger(file)).toEqual({
      digests: [{ recipient: 'canal@slack', status: 'failed', attempts: 1 }],
      lastRun,
    });
    const messages = logEntries(first.stderr()).map((e) => e.msg);
    expect(messages).toContain(
      'No terminó a tiempo: Programador. Lo que quedó a medias se retoma en el próximo inicio.',
    );
    expect(messages).toContain(
      `Envío interrumpido: resumen.semanal ${ledgerPeriod(file)} → canal@slack; se reintenta.`,
    );
    expect(messages.at(-1)).toBe('Bot detenido.');
    expectNoSecrets(first);

    fake.stall = () => false;
    const second = run(dir, file);
    await until(
      () => ledger(file).digests.filter((d) => d.status === 'sent').length === 2,
      30_000,
      'both digests sent',
    );
    expect((await terminate(second)).code).toBe(0);
    expect(ledger(file).digests).toEqual([
      { recipient: 'canal@slack', status: 'sent', attempts: 2 },
      { recipient: `canal:${PLAN_CHANNEL}@slack`, status: 'sent', attempts: 1 },
    ]);
    expectBothDigestsPostedOnce();
    expectNoSecrets(second);
  }, 90_000);

  it('exits at once, with 143, on a second SIGTERM while it waits', async () => {
    fake = await new FakeSlack().start();
    fake.stall = (path) => path === '/api/chat.postMessage';
    const { dir, file } = databaseOwingOneDigest();
    const bot = run(dir, file);
    await until(() => fake.stalled.length > 0, 30_000, 'the first send');
    bot.child.kill('SIGTERM');
    await until(() => bot.stderr().includes('Señal SIGTERM'), 5_000, 'the first signal to be heard');
    const second = Date.now();
    bot.child.kill('SIGTERM');
    const { code, at } = await bot.exited;
    expect(code).toBe(143);
    expect(at - second).toBeLessThan(2_000);
    expect(logEntries(bot.stderr()).at(-1)?.msg).toBe(
      'Segunda señal (SIGTERM): el bot sale de inmediato, sin esperar.',
    );
  }, 60_000);
});

/** The period (the Bogotá date) of the digest in the ledger. */
function ledgerPeriod(file: string): string {
  const db = openMigratedDatabase(file);
  try {
    return db.select().from(deliveries).get()?.period ?? '';
  } finally {
    db.$client.close();
  }
}
