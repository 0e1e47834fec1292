import type { Config } from '../config.ts';
import type { Clock } from '../domain/clock.ts';
import type { Logger } from '../domain/logger.ts';
import { newLifecycle, startBot } from '../main.ts';
import { routeConsole } from './logger.ts';
import { consolePerson, speaker } from './person.ts';
import { stopOnSignals } from './shutdown.ts';
import type { CliArgs } from './types.ts';

/**
 * `mipg iniciar`: the bot, until SIGTERM or SIGINT stops it (see stopOnSignals) or, in the terminal,
 * until the session ends. What the libraries print on the console goes to the log meanwhile.
 */
export async function start(args: CliArgs, config: Config, log: Logger, clock: Clock): Promise<number> {
  const life = newLifecycle();
  const stopSignals = stopOnSignals(life, log);
  const restoreConsole = routeConsole(log.child({ lib: 'console' }));
  const release = () => {
    stopSignals();
    restoreConsole();
  };
  try {
    const person = (app: { db: Parameters<typeof consolePerson>[0] }) =>
      consolePerson(app.db, speaker(args, config));
    const state = await startBot(config, clock, person, log, life);
    if (state === 'stopped') release();
    return 0;
  } catch (error) {
    release();
    throw error;
  }
}
