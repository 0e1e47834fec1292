import { ConsoleMessenger } from './adapters/console/messenger.ts';
import { runConsole } from './adapters/console/repl.ts';
import { type App, createApp } from './app.ts';
import { type Config, enabledPlatforms } from './config.ts';
import { holdLock } from './domain/backup/lock.ts';
import { backupBeforeUpgrade } from './domain/backup/upgrade.ts';
import type { Clock } from './domain/clock.ts';
import { type Person, personById } from './domain/directory/people.ts';
import { errorFields, type Logger } from './domain/logger.ts';
import { checkHealth } from './scheduler/health/index.ts';
import { createScheduler, type Scheduler } from './scheduler/index.ts';

/** Something started that must be stopped on exit (a platform server, the scheduler). */
export interface Running {
  name: string;
  /** Stops taking new work, and resolves once the work under way is done. */
  stop(): Promise<void>;
  /** `stop` did not finish in time: leave what is unfinished where the next start picks it up. */
  abandon?(): void;
}

/** What a started bot leaves to whoever stops it: its parts, and the database to close after them. */
export interface Lifecycle {
  parts: Running[];
  /** Closes the database; set as soon as it is open. */
  close: () => void;
}

export function newLifecycle(): Lifecycle {
  return { parts: [], close: () => {} };
}

/** How long a stop waits for work under way, so that the whole shutdown ends within 10 s. */
export const STOP_WAIT_MS = 8_000;

/**
 * Stops every part at once (each stops taking work, then finishes what it has under way), waits for
 * them at most `waitMs`, and closes the database. A part still busy then is abandoned: what it left is
 * claimable by the next start. Returns whether everything finished in time.
 */
export async function stopBot(life: Lifecycle, log: Logger, waitMs = STOP_WAIT_MS): Promise<boolean> {
  const parts = life.parts.splice(0);
  const busy = new Set(parts);
  const stopping = parts.map(async (part) => {
    try {
      await part.stop();
      log.info(`${part.name}: detenido.`, { part: part.name });
    } catch (error) {
      log.error(`${part.name}: error al detener: ${(error as Error).message}`, {
        part: part.name,
        ...errorFields(error),
      });
    } finally {
      busy.delete(part);
    }
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), waitMs);
  });
  const outcome = await Promise.race([Promise.all(stopping).then(() => 'done' as const), timeout]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    const names = [...busy].map((p) => p.name);
    log.warn(
      `No terminó a tiempo: ${names.join(', ')}. Lo que quedó a medias se retoma en el próximo inicio.`,
      { parts: names.join(','), waitMs },
    );
    for (const part of busy) part.abandon?.();
  }
  life.close();
  log.info('Base de datos cerrada.');
  return outcome === 'done';
}

/** Starts the digest and reminder jobs; they send through whatever platforms `app.messengers` holds. */
async function startScheduler(scheduler: Scheduler, life: Lifecycle): Promise<void> {
  // Listed before it starts: its catch-up at start sends, and a stop then must wait for that too.
  life.parts.push({
    name: 'Programador',
    stop: () => scheduler.stop(),
    abandon: () => scheduler.abandon(),
  });
  await scheduler.start();
}

/** The health report of this process (`GET /salud` on the Slack HTTP and Teams ports). */
export function healthOf(app: App, config: Config, clock: Clock, scheduler: Scheduler) {
  return () =>
    checkHealth({ file: config.MIPG_DB, db: app.db, clock, config, scheduler: () => scheduler.state() });
}

/**
 * Composition root: config → database → router → platforms → scheduler. With no Slack or Teams
 * settings the bot runs in the terminal as `consolePerson`, and returns `stopped` when that session
 * ends; otherwise it returns `running` once everything has started, and `life` says what to stop.
 * While it runs it holds `<MIPG_DB>.lock` (so `npx mipg restaurar` refuses); before pending migrations
 * change an existing database, it takes a backup.
 */
export async function startBot(
  config: Config,
  clock: Clock,
  consolePerson: (app: ReturnType<typeof createApp>) => Person,
  log: Logger,
  life: Lifecycle = newLifecycle(),
): Promise<'stopped' | 'running'> {
  const lock = config.MIPG_DB === ':memory:' ? undefined : holdLock(config.MIPG_DB, clock);
  life.close = () => lock?.release();
  let app: App;
  try {
    await backupBeforeUpgrade(config, clock, log);
    app = createApp(config, clock, log);
  } catch (error) {
    lock?.release();
    throw error;
  }
  life.close = () => {
    app.db.$client.close();
    lock?.release();
  };
  const platforms = enabledPlatforms(config);
  // The digest and reminder jobs send through whatever platforms `app.messengers` holds at send time.
  const scheduler = createScheduler(app.services, () => app.messengers, log);
  const health = healthOf(app, config, clock, scheduler);

  if (!platforms.slack && !platforms.teams) {
    const nameOf = (id: number) => personById(app.db, id)?.name ?? `persona ${id}`;
    app.messengers.push(new ConsoleMessenger((text) => process.stdout.write(`${text}\n`), nameOf));
    await startScheduler(scheduler, life);
    await runConsole(app, consolePerson(app));
    await stopBot(life, log);
    return 'stopped';
  }

  const names = [platforms.slack && 'Slack', platforms.teams && 'Teams'].filter(Boolean);
  log.info(`Plataformas: ${names.join(' y ')}.`, {
    platforms: names.join(',').toLowerCase(),
  });
  try {
    // Each platform's SDK loads only when that platform is configured.
    if (platforms.slack) {
      const { createSlackBot } = await import('./adapters/slack/bot.ts');
      const slack = createSlackBot(app, config, { log, health });
      // Its messenger is there before start: requests a stopped run left are finished during start,
      // and what they notify goes out through it.
      app.messengers.push(slack.messenger);
      await slack.start();
      life.parts.push({ name: 'Slack', stop: () => slack.stop() });
    }
    if (platforms.teams) {
      const { startTeams } = await import('./adapters/teams/server.ts');
      // Refuses (ConfigError) to run unauthenticated on anything but loopback.
      const teams = await startTeams({ app, config, log, health });
      app.messengers.push(teams.messenger);
      life.parts.push({ name: 'Teams', stop: () => teams.stop() });
    }
  } catch (error) {
    // A platform that cannot start stops the others and closes the database before the error is shown.
    await stopBot(life, log);
    throw error;
  }
  // Last, after every platform: its catch-up on start sends through all of them.
  await startScheduler(scheduler, life);
  // Parts are gone only when a stop began meanwhile (a signal during the catch-up).
  if (life.parts.length > 0) log.info('Bot iniciado.');
  return 'running';
}
