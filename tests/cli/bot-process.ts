import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openMigratedDatabase } from '../../db/client.ts';
import { schedulerJobs } from '../../db/schema/index.ts';
import { previousFire } from '../../src/scheduler/fires.ts';
import type { FakeSlack } from '../adapters/slack/fake-slack.ts';

const root = join(import.meta.dirname, '..', '..');

/** Fake credentials the logs must never show. None has the shape of a Slack token: only their values can give them away. */
export const FAKE_SECRETS = {
  SLACK_BOT_TOKEN: 'token-bot-falso-7c1e4b9d2f',
  SLACK_SIGNING_SECRET: 'firma-falsa-5d8a0e3c6b91',
};

export const TEAM_CHANNEL = 'C0EQUIPO';
export const PLAN_CHANNEL = 'C0PPI';

/**
 * A database whose weekly digest last ran just before its latest scheduled time: the next start
 * catches up exactly that one digest, late, to the team channel and to the PPI plan's channel.
 */
export function databaseOwingOneDigest(): { dir: string; file: string; lastRun: string } {
  const dir = mkdtempSync(join(tmpdir(), 'mipg-apagado-'));
  const file = join(dir, 'mipg.db');
  const due = previousFire('0 8 * * 1', new Date(), 8);
  if (!due) throw new Error('the weekly digest has no time in the last eight days');
  const lastRun = new Date(due.getTime() - 60_000).toISOString();
  const db = openMigratedDatabase(file);
  db.insert(schedulerJobs).values({ name: 'resumen', lastRunAt: lastRun }).run();
  db.$client.close();
  return { dir, file, lastRun };
}

export interface BotProcess {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** The exit code and how long after `since` the process ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

/** `mipg iniciar`, compiled, as production runs it: Slack over HTTP on loopback, talking to `fake`. */
export function startBotProcess(dir: string, file: string, fake: FakeSlack): BotProcess {
  let out = '';
  let err = '';
  const child = spawn(process.execPath, [join(root, 'bin', 'mipg.js'), 'iniciar'], {
    cwd: dir,
    env: {
      PATH: process.env.PATH,
      TZ: 'UTC',
      MIPG_DB: file,
      MIPG_LOG_FORMATO: 'json',
      ...FAKE_SECRETS,
      SLACK_API_URL: fake.apiUrl,
      SLACK_HOST: '127.0.0.1',
      SLACK_PORT: '0',
      SLACK_DIGEST_CHANNEL: TEAM_CHANNEL,
      MIPG_DIGEST_CANALES: `PPI=${PLAN_CHANNEL}`,
    },
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8');
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** The log lines a process wrote (JSON, one per line), parsed. */
export function logEntries(stderr: string): { level: string; msg: string; [field: string]: unknown }[] {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line));
}

/** Waits until `check` holds, polling; fails after `ms`. */
export async function until(check: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
