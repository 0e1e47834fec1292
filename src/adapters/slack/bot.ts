import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, type LogLevel, SocketModeReceiver, webApi } from '@slack/bolt';
import type { App as MipgApp } from '../../app.ts';
import { type Config, ConfigError } from '../../config.ts';
import { errorFields, type Logger } from '../../domain/logger.ts';
import { type HealthReport, healthResponse } from '../../scheduler/health/index.ts';
import { type BotIdentity, connectSocket, whoAmI } from './connect.ts';
import type { SlackDeps } from './deps.ts';
import { SlackIdentity } from './identity.ts';
import { SlackInbox } from './inbox.ts';
import { registerActions } from './listeners/actions.ts';
import { registerCommands } from './listeners/commands.ts';
import { registerEvents } from './listeners/events.ts';
import { registerViews } from './listeners/views.ts';
import { BoltLogger, boltLevel } from './logger.ts';
import { SlackMessenger } from './messenger.ts';
import { DurableReceiver } from './receiver.ts';
import { HandledRequests } from './requests.ts';
import { SlackSender } from './send.ts';

export interface SlackBotOptions {
  /**
   * Serve HTTP on this address even when SLACK_APP_TOKEN is set (tests, benchmarks). Port 0 takes a free
   * port. `processBeforeResponse` holds Slack's HTTP response until the listener is done, so a test can
   * assert right after its request returns.
   */
  http?: { port: number; host?: string; processBeforeResponse?: boolean };
  /** Web API client settings on top of the production ones (tests: no retries). */
  clientOptions?: webApi.WebClientOptions;
  /** Least severe of Bolt's own lines that reach the log (default: from MIPG_LOG_NIVEL, see boltLevel). */
  logLevel?: LogLevel;
  /**
   * How long a slash command's answer or a form's check may take to go in the ack (Slack waits 3 s).
   * Past it the ack goes alone (the modal closes) and the answer or outcome arrives as a message.
   * Default 2,500 ms.
   */
  ackBudgetMs?: number;
  /** How long Socket Mode may take to connect at start before the start fails. Default 30 s. */
  socketTimeoutMs?: number;
  /** Look up by e-mail, on start, the Slack ids of people who have none yet (default: yes). */
  linkDirectory?: boolean;
  /** The bot's log; Bolt and the Web API client write to it too (marked `lib: 'slack'`). */
  log: Logger;
  /** The bot's health report, served as `GET /salud` beside /slack/events (HTTP mode only). */
  health?: () => HealthReport;
}

export interface SlackBot {
  /** Bolt, once started: it is built with the bot's identity, which auth.test gives at start. */
  readonly bolt: App | undefined;
  /** Bolt's receiver (HTTP or Socket Mode) behind the inbox. */
  receiver: DurableReceiver;
  messenger: SlackMessenger;
  deps: SlackDeps;
  /** Connects (Socket Mode) or listens (HTTP); returns the HTTP address and port when there are. */
  start(): Promise<{ port?: number; address?: string }>;
  stop(): Promise<void>;
}

/** Few concurrent calls are polite to Slack's per-method limits; the client queues the rest. */
const MAX_CONCURRENT_CALLS = 10;
const SOCKET_TIMEOUT_MS = 30_000;
/** Where the health report is served in HTTP mode. */
const HEALTH_PATH = '/salud';

function clientOptions(
  config: Config,
  options: SlackBotOptions,
  logger: BoltLogger,
): webApi.WebClientOptions {
  return {
    maxRequestConcurrency: MAX_CONCURRENT_CALLS,
    logger,
    ...(config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL } : {}),
    ...options.clientOptions,
  };
}

/** Bolt's loggers, one per component so each line says which wrote it. */
interface BoltLoggers {
  app: BoltLogger;
  client: BoltLogger;
  socket: BoltLogger;
}

function boltLoggers(config: Config, options: SlackBotOptions): BoltLoggers {
  const lib = options.log.child({ lib: 'slack' });
  const level = options.logLevel ?? boltLevel(config);
  const named = (name: string) => {
    const logger = new BoltLogger(lib, level);
    logger.setName(name);
    return logger;
  };
  const socket = named('socket-mode');
  // Silent while it first connects: a failed start gets one Spanish message instead of its retries.
  socket.quiet = true;
  return { app: named('bolt'), client: named('web-api'), socket };
}

function socketMode(config: Config, options: SlackBotOptions): boolean {
  return Boolean(config.SLACK_APP_TOKEN) && !options.http;
}

/** Bolt's own receiver for the chosen mode: Socket Mode with SLACK_APP_TOKEN, else HTTP. */
function createReceiver(config: Config, options: SlackBotOptions, loggers: BoltLoggers) {
  if (socketMode(config, options) && config.SLACK_APP_TOKEN) {
    return new SocketModeReceiver({
      appToken: config.SLACK_APP_TOKEN,
      logger: loggers.socket,
      // Its own copy: the Socket Mode client writes its retry policy into the options it gets.
      installerOptions: { clientOptions: clientOptions(config, options, loggers.client) },
    });
  }
  if (!config.SLACK_SIGNING_SECRET) {
    throw new Error(
      'Falta SLACK_SIGNING_SECRET: el modo HTTP de Slack lo necesita para verificar las solicitudes.',
    );
  }
  const { health } = options;
  return new HTTPReceiver({
    signingSecret: config.SLACK_SIGNING_SECRET,
    processBeforeResponse: options.http?.processBeforeResponse ?? false,
    customRoutes: health
      ? [
          {
            path: HEALTH_PATH,
            method: ['GET'],
            handler: (_req, res) => {
              const { status, body } = healthResponse(health);
              res.writeHead(status, {
                'content-type': 'application/json; charset=utf-8',
                'cache-control': 'no-store',
              });
              res.end(body);
            },
          },
        ]
      : [],
    logger: loggers.app,
  });
}

/**
 * The bot in Slack with Bolt: Socket Mode when SLACK_APP_TOKEN is set (no public URL needed), else HTTP
 * on SLACK_HOST:SLACK_PORT at /slack/events. Every listener hands what the person did to the same router
 * the terminal and Teams use.
 */
export function createSlackBot(
  app: Pick<MipgApp, 'db' | 'router'>,
  config: Config,
  options: SlackBotOptions,
): SlackBot {
  const log = options.log.child({ platform: 'slack' });
  const loggers = boltLoggers(config, options);
  const inbox = new SlackInbox(app.db, app.router.services.clock);
  const receiver = new DurableReceiver(createReceiver(config, options, loggers), inbox, log);
  const client = new webApi.WebClient(config.SLACK_BOT_TOKEN, clientOptions(config, options, loggers.client));
  const { db, clock } = app.router.services;
  const identity = new SlackIdentity(client, db, clock);
  const sender = new SlackSender(client, identity.mentions, log);
  const deps: SlackDeps = {
    router: app.router,
    db,
    clock,
    identity,
    sender,
    handled: new HandledRequests(db, clock),
    inbox,
    log,
  };
  const messenger = new SlackMessenger(sender, identity, config.SLACK_DIGEST_CHANNEL);
  let bolt: App | undefined;

  const createBolt = (who: BotIdentity) => {
    const created = new App({
      token: config.SLACK_BOT_TOKEN,
      ...who,
      tokenVerificationEnabled: false,
      // Bolt's conversation store keeps state per conversation for listeners that ask; none of ours does.
      convoStore: false,
      receiver,
      logger: loggers.app,
      logLevel: loggers.app.getLevel(),
      clientOptions: clientOptions(config, options, loggers.client),
    });
    registerCommands(created, deps, options.ackBudgetMs);
    registerActions(created, deps);
    registerViews(created, deps, options.ackBudgetMs);
    registerEvents(created, deps);
    created.error(async (error) => log.error(`Error de Slack: ${error.message}`, errorFields(error)));
    return created;
  };

  const listen = async (started: App): Promise<AddressInfo | undefined> => {
    const inner = receiver.inner;
    if (inner instanceof SocketModeReceiver && config.SLACK_APP_TOKEN) {
      await connectSocket(
        inner,
        client,
        config.SLACK_APP_TOKEN,
        loggers.socket,
        options.socketTimeoutMs ?? SOCKET_TIMEOUT_MS,
      );
      log.info('Slack conectado en Socket Mode.', { mode: 'socket' });
      return undefined;
    }
    const host = options.http ? (options.http.host ?? '127.0.0.1') : config.SLACK_HOST;
    const port = options.http?.port ?? config.SLACK_PORT;
    const server = (await started
      .start(host ? { port, host } : port)
      .catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EADDRINUSE') throw error;
        const where = `${host ?? '0.0.0.0'}:${port}`;
        throw new ConfigError(`No se pudo iniciar Slack: el puerto ${where} ya está en uso (SLACK_PORT).`);
      })) as Server;
    const address = server.address() as AddressInfo;
    log.info(
      `Slack escucha en ${host ?? 'todas las interfaces'}, puerto ${address.port}, ruta /slack/events (modo HTTP)${options.health ? `; salud en ${HEALTH_PATH}` : ''}.`,
      { mode: 'http', host: host ?? null, port: address.port },
    );
    return address;
  };

  const linkDirectory = () => {
    identity.linkDirectory().then(
      (linked) =>
        linked > 0 && log.info(`Slack: ${linked} personas del directorio enlazadas por correo.`, { linked }),
      (error: Error) =>
        log.warn(`Slack: no se pudo enlazar el directorio por correo: ${error.message}`, errorFields(error)),
    );
  };

  return {
    get bolt() {
      return bolt;
    },
    receiver,
    messenger,
    deps,
    async start() {
      const started = createBolt(await whoAmI(client));
      bolt = started;
      // What a stopped run left is read before new requests arrive, and finished once connected.
      const left = inbox.leftOver();
      const listening = await listen(started);
      await receiver.finish(left.unfinished);
      if (!config.SLACK_DIGEST_CHANNEL)
        log.warn('Falta SLACK_DIGEST_CHANNEL; el resumen semanal no irá a Slack.');
      if (options.linkDirectory ?? true) linkDirectory();
      return listening ? { port: listening.port, address: listening.address } : {};
    },
    async stop() {
      await bolt?.stop();
    },
  };
}
