import type { Db } from '../../db/client.ts';
import type { Config } from '../config.ts';
import type { Clock } from '../domain/clock.ts';
import type { Person } from '../domain/directory/people.ts';
import type { Logger } from '../domain/logger.ts';
import type { Notifier } from './messenger.ts';
import type { Platform } from './platform.ts';

export type { Platform } from './platform.ts';

/** What a command, a button or a form handler gets: the store, the clock, the settings and who is speaking. */
export interface Ctx {
  db: Db;
  clock: Clock;
  config: Config;
  actor: Person;
  platform: Platform;
  /** Sends messages to other people or the team channel now (a help request, a returned matrix…). */
  notify: Notifier;
  /** The operator's log (ids and outcomes, never what people wrote). */
  log: Logger;
}

/** Everything a Ctx has except the person: the bot's own services. */
export type Services = Omit<Ctx, 'actor' | 'platform'>;
