import { ConsoleMessenger } from './adapters/console/messenger.ts';
import { runConsole } from './adapters/console/repl.ts';
import { createSlackBot } from './adapters/slack/bot.ts';
import { createApp } from './app.ts';
import { type Config, enabledPlatforms } from './config.ts';
import type { Clock } from './domain/clock.ts';
import type { Person } from './domain/directory/people.ts';

/** Something started that must be stopped on exit (a platform server, the scheduler). */
export interface Running {
  name: string;
  stop(): Promise<void>;
}

/**
 * Composition root: config → database → router → platforms → scheduler.
 * With no Slack or Teams settings the bot runs in the terminal as `consolePerson`.
 */
export async function startBot(
  config: Config,
  clock: Clock,
  consolePerson: (app: ReturnType<typeof createApp>) => Person,
): Promise<void> {
  const log = (text: string) => console.log(`[mipg] ${text}`);
  const app = createApp(config, clock, log);
  const platforms = enabledPlatforms(config);
  const running: Running[] = [];
  const stopAll = async () => {
    for (const r of running.reverse()) await r.stop();
    app.db.$client.close();
  };

  if (!platforms.slack && !platforms.teams) {
    app.messengers.push(new ConsoleMessenger((text) => process.stdout.write(`${text}\n`)));
    await runConsole(app, consolePerson(app));
    await stopAll();
    return;
  }

  log(
    `Plataformas: ${[platforms.slack && 'Slack', platforms.teams && 'Teams'].filter(Boolean).join(' y ')}.`,
  );
  if (platforms.slack) {
    const slack = createSlackBot(app, config, { log });
    await slack.start();
    app.messengers.push(slack.messenger);
    running.push({ name: 'Slack', stop: () => slack.stop() });
  }
  const shutdown = async () => {
    log('Deteniendo el bot…');
    await stopAll();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
