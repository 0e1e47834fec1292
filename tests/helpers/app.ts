import { openMigratedDatabase } from '../../db/client.ts';
import { renderText } from '../../src/adapters/console/render.ts';
import { type App, createApp } from '../../src/app.ts';
import type { Platform } from '../../src/chat/context.ts';
import { loadConfig } from '../../src/config.ts';
import { bogotaInstant, type Clock } from '../../src/domain/clock.ts';
import { type Person, personByEmail } from '../../src/domain/directory/people.ts';
import { type Logger, silentLogger } from '../../src/domain/logger.ts';

export const COORDINATOR = 'coordinacion@ejemplo.pasto.gov.co';

/** A mutable clock for tests: starts at a Bogotá date and time, can be moved. */
export class TestClock implements Clock {
  private at: Date;
  constructor(date: string, time = '10:00') {
    this.at = bogotaInstant(date, time);
  }
  now(): Date {
    return new Date(this.at.getTime());
  }
  set(date: string, time = '10:00'): void {
    this.at = bogotaInstant(date, time);
  }
}

/** The bot on a fresh in-memory database with the 2026 plan and the example directory loaded. */
export function testApp(
  date = '2026-09-07',
  time = '10:00',
  env: NodeJS.ProcessEnv = {},
  log: Logger = silentLogger,
) {
  const clock = new TestClock(date, time);
  const app = createApp(loadConfig(env), clock, log, openMigratedDatabase(':memory:'));
  return { app, clock, ...speakers(app) };
}

/** Helpers to talk to the bot as a person, the way a terminal would. */
export function speakers(app: App) {
  const person = (email: string): Person => {
    const found = personByEmail(app.db, email);
    if (!found) throw new Error(`no person ${email} in the test directory`);
    return found;
  };
  const say = async (email: string, text: string, platform: Platform = 'console') =>
    app.router.handleText({ person: person(email), platform }, text);
  const sayText = async (email: string, text: string) => renderText(await say(email, text));
  return { person, say, sayText };
}

/** Every row of every table: compare before and after to prove nothing was stored. */
export function snapshot(app: Pick<App, 'db'>): Record<string, unknown[]> {
  const sqlite = app.db.$client;
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  return Object.fromEntries(tables.map((t) => [t.name, sqlite.prepare(`SELECT * FROM "${t.name}"`).all()]));
}
