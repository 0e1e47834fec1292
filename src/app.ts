import { registry } from '../commands/index.ts';
import { type Db, openMigratedDatabase } from '../db/client.ts';
import type { Services } from './chat/context.ts';
import type { Messenger } from './chat/messenger.ts';
import { createNotifier } from './chat/notifier.ts';
import { Router } from './chat/router.ts';
import type { Config } from './config.ts';
import type { Clock } from './domain/clock.ts';
import { type Logger, silentLogger } from './domain/logger.ts';
import { bootstrap } from './seed/bootstrap.ts';

export interface App {
  db: Db;
  router: Router;
  services: Services;
  /** Platforms able to send on the bot's initiative; adapters add theirs when they start. */
  messengers: Messenger[];
}

/** Opens and migrates the database, loads the plan and examples on first run, and wires the router. */
export function createApp(
  config: Config,
  clock: Clock,
  log: Logger = silentLogger,
  db: Db = openMigratedDatabase(config.MIPG_DB),
  /** The clock of the first-run load; the real one when `clock` pretends another day (`--fecha`). */
  bootClock: Clock = clock,
): App {
  bootstrap(db, bootClock, { loadExamples: config.MIPG_LOAD_EXAMPLES, log: (text) => log.info(text) });
  const messengers: Messenger[] = [];
  const services: Services = {
    db,
    clock,
    config,
    notify: createNotifier(db, clock, () => messengers, log),
    log,
  };
  return { db, router: new Router(registry, services), services, messengers };
}
