import { ConsoleMessenger } from './adapters/console/messenger.ts';
import { runConsole } from './adapters/console/repl.ts';
import { type App, createApp } from './app.ts';
import { type Config, enabledPlatforms } from './config.ts';
import { holdLock } from './domain/backup/lock.ts';
import { backupBeforeUpgrade } from './domain/backup/upgrade.ts';
import type { Clock } from './domain/clock.ts';
import { type Person, personById } from './domain/directory/people.ts';
import { checkHealth } from './scheduler/health/index.ts';
import { createScheduler, type Scheduler } from './scheduler/index.ts';

/** Something started that must be stopped on exit (a platform server, the scheduler). */
export interface Running {
  name: string;
  stop(): Promise<void>;
}

/** Starts the digest and reminder jobs; they send through whatever platforms `app.messengers` holds. */
async function startScheduler(scheduler: Scheduler, running: Running[]): Promise<void> {
  await scheduler.start();
  running.push({ name: 'programador', stop: () => scheduler.stop() });
}

/** The health report of this process (`GET /salud` on the Slack HTTP and Teams ports). */
export function healthOf(app: App, config: Config, clock: Clock, scheduler: Scheduler) {
  return () =>
    checkHealth({ file: config.MIPG_DB, db: app.db, clock, config, scheduler: () => scheduler.state() });
}

/**
 * Composition root: config → database → router → platforms → scheduler.
 * With no Slack or Teams settings the bot runs in the terminal as `consolePerson`.
 * While it runs it holds `<MIPG_DB>.lock` (so `npx mipg restaurar` refuses); before pending migrations
 * change an existing database, it takes a backup.
 */
export async function startBot(
  config: Config,
  clock: Clock,
  consolePerson: (app: ReturnType<typeof createApp>) => Person,
): Promise<void> {
  const log = (text: string) => console.log(`[mipg] ${text}`);
  const lock = config.MIPG_DB === ':memory:' ? undefined : holdLock(config.MIPG_DB, clock);
  let app: App;
  try {
    await backupBeforeUpgrade(config, clock, log);
    app = createApp(config, clock, log);
  } catch (error) {
    lock?.release();
    throw error;
  }
  const platforms = enabledPlatforms(config);
  // The digest and reminder jobs send through whatever platforms `app.messengers` holds at send time.
  const scheduler = createScheduler(app.services, () => app.messengers, log);
  const health = healthOf(app, config, clock, scheduler);
  const running: Running[] = [];
  const stopAll = async () => {
    for (const r of running.reverse()) await r.stop();
    app.db.$client.close();
    lock?.release();
  };

  if (!platforms.slack && !platforms.teams) {
    const nameOf = (id: number) => personById(app.db, id)?.name ?? `persona ${id}`;
    app.messengers.push(new ConsoleMessenger((text) => process.stdout.write(`${text}\n`), nameOf));
    await startScheduler(scheduler, running);
    await runConsole(app, consolePerson(app));
    await stopAll();
    return;
  }

  log(
    `Plataformas: ${[platforms.slack && 'Slack', platforms.teams && 'Teams'].filter(Boolean).join(' y ')}.`,
  );
  try {
    // Each platform's SDK loads only when that platform is configured.
    if (platforms.slack) {
      const { createSlackBot } = await import('./adapters/slack/bot.ts');
      const slack = createSlackBot(app, config, { log, health });
      // Its messenger is there before start: requests a stopped run left are finished during start,
      // and what they notify goes out through it.
      app.messengers.push(slack.messenger);
      await slack.start();
      running.push({ name: 'Slack', stop: () => slack.stop() });
    }
    if (platforms.teams) {
      const { startTeams } = await import('./adapters/teams/server.ts');
      // Refuses (ConfigError) to run unauthenticated on anything but loopback.
      const teams = await startTeams({ app, config, log, health });
      app.messengers.push(teams.messenger);
      running.push({ name: 'Teams', stop: () => teams.stop() });
    }
  } catch (error) {
    // A platform that cannot start stops the others and closes the database before the error is shown.
    await stopAll();
    throw error;
  }
  // Last, after every platform: its catch-up on start sends through all of them.
  await startScheduler(scheduler, running);
  const shutdown = async () => {
    log('Deteniendo el bot…');
    await stopAll();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
