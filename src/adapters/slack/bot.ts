import type { AddressInfo } from 'node:net';
import { App, LogLevel, type webApi } from '@slack/bolt';
import type { App as MipgApp } from '../../app.ts';
import type { Config } from '../../config.ts';
import type { SlackDeps } from './deps.ts';
import { SlackIdentity } from './identity.ts';
import { registerActions } from './listeners/actions.ts';
import { registerCommands } from './listeners/commands.ts';
import { registerEvents } from './listeners/events.ts';
import { registerViews } from './listeners/views.ts';
import { SlackMessenger } from './messenger.ts';
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
  logLevel?: LogLevel;
  /**
   * How long a form's check may take before the modal is closed anyway (Slack waits 3 s); its outcome
   * then arrives as a message. Default 2,500 ms.
   */
  formAckBudgetMs?: number;
  /** Look up by e-mail, on start, the Slack ids of people who have none yet (default: yes). */
  linkDirectory?: boolean;
  log?: (text: string) => void;
}

export interface SlackBot {
  bolt: App;
  messenger: SlackMessenger;
  deps: SlackDeps;
  /** Connects (Socket Mode) or listens (HTTP); returns the HTTP port when there is one. */
  start(): Promise<{ port?: number }>;
  stop(): Promise<void>;
}

/** Few concurrent calls are polite to Slack's per-method limits; the client queues the rest. */
const MAX_CONCURRENT_CALLS = 10;

function clientOptions(config: Config, extra: webApi.WebClientOptions | undefined): webApi.WebClientOptions {
  return {
    maxRequestConcurrency: MAX_CONCURRENT_CALLS,
    ...(config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL } : {}),
    ...extra,
  };
}

function createBolt(config: Config, options: SlackBotOptions): App {
  const common = {
    token: config.SLACK_BOT_TOKEN,
    // Bolt would call auth.test from its constructor with nobody awaiting it; start() checks the token.
    tokenVerificationEnabled: false,
    logLevel: options.logLevel ?? LogLevel.WARN,
    clientOptions: clientOptions(config, options.clientOptions),
  };
  if (config.SLACK_APP_TOKEN && !options.http) {
    return new App({ ...common, appToken: config.SLACK_APP_TOKEN, socketMode: true });
  }
  if (!config.SLACK_SIGNING_SECRET) {
    throw new Error(
      'Falta SLACK_SIGNING_SECRET: el modo HTTP de Slack lo necesita para verificar las solicitudes.',
    );
  }
  return new App({
    ...common,
    signingSecret: config.SLACK_SIGNING_SECRET,
    processBeforeResponse: options.http?.processBeforeResponse ?? false,
  });
}

/** Fails the start with a clear Spanish message when Slack rejects the bot token. */
async function checkToken(bolt: App): Promise<void> {
  try {
    await bolt.client.auth.test();
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error ?? (error as Error).message;
    throw new Error(
      `Slack rechazó SLACK_BOT_TOKEN (${code}). Revise el token xoxb- de la aplicación instalada.`,
    );
  }
}

/**
 * The bot in Slack with Bolt: Socket Mode when SLACK_APP_TOKEN is set (no public URL needed), else HTTP
 * on SLACK_PORT at /slack/events. Every listener hands what the person did to the same router the
 * terminal and Teams use.
 */
export function createSlackBot(
  app: Pick<MipgApp, 'db' | 'router'>,
  config: Config,
  options: SlackBotOptions = {},
): SlackBot {
  const log = options.log ?? ((text: string) => console.log(`[mipg] ${text}`));
  const bolt = createBolt(config, options);
  const { db, clock } = app.router.services;
  const identity = new SlackIdentity(bolt.client, db, clock);
  const sender = new SlackSender(bolt.client, identity.mentions, log);
  const deps: SlackDeps = {
    router: app.router,
    db,
    identity,
    sender,
    handled: new HandledRequests(db, clock),
    log,
  };
  registerCommands(bolt, deps);
  registerActions(bolt, deps);
  registerViews(bolt, deps, options.formAckBudgetMs);
  registerEvents(bolt, deps);
  bolt.error(async (error) => log(`Error de Slack: ${error.message}`));
  const messenger = new SlackMessenger(sender, identity, config.SLACK_DIGEST_CHANNEL);

  const linkDirectory = () => {
    identity.linkDirectory().then(
      (linked) => linked > 0 && log(`Slack: ${linked} personas del directorio enlazadas por correo.`),
      (error: Error) => log(`Slack: no se pudo enlazar el directorio por correo: ${error.message}`),
    );
  };

  return {
    bolt,
    messenger,
    deps,
    async start() {
      await checkToken(bolt);
      let port: number | undefined;
      if (options.http) {
        const server = await bolt.start({ port: options.http.port, host: options.http.host ?? '127.0.0.1' });
        port = (server.address() as AddressInfo).port;
        log(`Slack escucha en http://${options.http.host ?? '127.0.0.1'}:${port}/slack/events`);
      } else if (config.SLACK_APP_TOKEN) {
        await bolt.start();
        log('Slack conectado en Socket Mode.');
      } else {
        const server = await bolt.start(config.SLACK_PORT);
        port = (server.address() as AddressInfo).port;
        log(`Slack escucha en el puerto ${port}, ruta /slack/events (modo HTTP).`);
      }
      if (!config.SLACK_DIGEST_CHANNEL)
        log('Aviso: falta SLACK_DIGEST_CHANNEL; el resumen semanal no irá a Slack.');
      if (options.linkDirectory ?? true) linkDirectory();
      return port === undefined ? {} : { port };
    },
    async stop() {
      await bolt.stop();
    },
  };
}
