import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { Activity, ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import express from 'express';
import type { App } from '../../app.ts';
import { type Config, ConfigError } from '../../config.ts';
import { teamsDigestChannel } from '../../domain/directory/reach.ts';
import { errorFields, type Logger } from '../../domain/logger.ts';
import { type HealthReport, healthResponse } from '../../scheduler/health/index.ts';
import { createTeamsBot } from './bot.ts';
import { TeamsMessenger } from './messenger.ts';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export interface TeamsBinding {
  /** Undefined: every interface (an authenticated bot behind the office's proxy). */
  host?: string;
  port: number;
  authenticated: boolean;
}

/**
 * Where the Teams endpoint may listen. Without an app id the Bot Framework token is not checked, so
 * anyone who reaches the port could speak as anyone: that mode is only for local trials, on loopback.
 */
export function teamsBinding(config: Config): TeamsBinding {
  if (config.TEAMS_APP_ID) {
    return {
      ...(config.TEAMS_HOST ? { host: config.TEAMS_HOST } : {}),
      port: config.TEAMS_PORT,
      authenticated: true,
    };
  }
  const host = config.TEAMS_HOST ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) {
    throw new ConfigError(
      `La configuración no es válida:\n- TEAMS_HOST: sin TEAMS_APP_ID el bot de Teams no verifica quién le escribe, así que solo puede escuchar en esta máquina (127.0.0.1, ::1 o localhost), no en «${host}». Defina TEAMS_APP_ID y TEAMS_APP_PASSWORD o quite TEAMS_HOST.`,
    );
  }
  return { host, port: config.TEAMS_PORT, authenticated: false };
}

/** The teams-ai adapter, with the Bot Framework token check callable before a turn runs. */
class TeamsEndpointAdapter extends TeamsAdapter {
  /** Throws when the request's token is missing, forged, expired or for another bot. */
  async checkToken(activity: Activity, authHeader: string): Promise<void> {
    await this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
  }
}

function adapterFor(
  config: Config,
  auth: ConfigurationBotFrameworkAuthenticationOptions = {},
): TeamsEndpointAdapter {
  if (!config.TEAMS_APP_ID) return new TeamsEndpointAdapter({});
  return new TeamsEndpointAdapter({
    MicrosoftAppId: config.TEAMS_APP_ID,
    MicrosoftAppPassword: config.TEAMS_APP_PASSWORD,
    MicrosoftAppType: config.TEAMS_APP_TYPE,
    MicrosoftAppTenantId: config.TEAMS_APP_TENANT_ID,
    ...auth,
  });
}

/** Errors of a token that is not valid (forged, `alg=none`, expired), as jsonwebtoken names them. */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

/**
 * The status a request whose token check failed gets: 401 for a token that is not valid, 500 when
 * the check itself could not run (the Bot Framework's keys could not be fetched).
 */
function refusalStatus(error: unknown): 401 | 500 {
  const { name, statusCode } = (error ?? {}) as { name?: string; statusCode?: number };
  if (statusCode === 401 || (name !== undefined && TOKEN_ERRORS.has(name))) return 401;
  return 500;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isActivity(body: unknown): body is Activity {
  return typeof body === 'object' && body !== null && typeof (body as Activity).type === 'string';
}

export interface TeamsServerOptions {
  app: App;
  config: Config;
  /** The bot's log (its lines carry `platform: 'teams'`). */
  log: Logger;
  /** Overrides TEAMS_PORT (tests use 0 for any free port). */
  port?: number;
  /** Tests: Bot Framework authentication settings, e.g. where the token signing keys are fetched. */
  botFrameworkAuth?: ConfigurationBotFrameworkAuthenticationOptions;
  /** The bot's health report, served as `GET /salud` beside /api/messages. */
  health?: () => HealthReport;
}

export interface TeamsServer {
  messenger: TeamsMessenger;
  /** The port really listened on (useful with port 0). */
  port: number;
  url: string;
  /** Stops taking requests, waits for the ones being answered, then closes every connection. */
  stop(): Promise<void>;
}

/** Starts `POST /api/messages` for Teams and returns the messenger that writes on the bot's initiative. */
export async function startTeams(options: TeamsServerOptions): Promise<TeamsServer> {
  const { app, config } = options;
  const log = options.log.child({ platform: 'teams' });
  const binding = teamsBinding(config);
  const adapter = adapterFor(config, options.botFrameworkAuth);
  const teams = createTeamsBot({
    app,
    adapter,
    botName: config.TEAMS_BOT_NAME,
    log,
    ...(config.TEAMS_APP_ID ? { botAppId: config.TEAMS_APP_ID } : {}),
    ...(!binding.authenticated && config.MIPG_CONSOLE_USER
      ? { fallbackEmail: config.MIPG_CONSOLE_USER }
      : {}),
  });
  const web = express();
  const { health } = options;
  if (health) {
    web.get('/salud', (_req, res) => {
      const { status, body } = healthResponse(health);
      res.status(status).type('application/json').set('cache-control', 'no-store').send(body);
    });
  }
  const inFlight = new Set<Promise<unknown>>();
  let stopping = false;
  web.post('/api/messages', (_req, res, next) => {
    // Once stopping, a request on a connection still open is turned away; Teams sends it again.
    if (stopping) {
      res.status(503).set('Retry-After', '5').end();
      return;
    }
    const handled = new Promise<void>((resolve) => res.once('close', resolve));
    inFlight.add(handled);
    handled.then(() => inFlight.delete(handled));
    next();
  });
  web.post('/api/messages', express.json({ limit: '1mb' }), async (req, res) => {
    // The token is checked first so a refused request gets a bare status: the library would answer
    // 500 with its error text for a forged signature or alg=none, and 401 with it for the rest.
    // process() checks it again; the signing keys are cached, so that costs one signature check.
    if (binding.authenticated && isActivity(req.body)) {
      try {
        await adapter.checkToken(req.body, req.headers.authorization ?? '');
      } catch (error) {
        const status = refusalStatus(error);
        if (status === 500) {
          log.error(
            `Teams: no se pudo verificar el token de una solicitud: ${describe(error)}`,
            errorFields(error),
          );
        } else {
          log.info('Teams: solicitud rechazada por su token.', { status, reason: 'invalid_token' });
        }
        res.status(status).end();
        return;
      }
    }
    await adapter.process(req, res, async (context) => {
      await teams.run(context);
    });
  });
  // Whatever failed outside a turn (a body that is not JSON, an error of the library itself) is logged
  // here instead of by Express on the console, and answered with its status and no detail.
  web.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const status = (error as { status?: unknown }).status;
    const code = typeof status === 'number' && status >= 400 && status < 500 ? status : 500;
    if (code === 500)
      log.error('Teams: error al atender una solicitud.', errorFields(error, { stack: true }));
    else log.warn('Teams: solicitud no válida.', { status: code, ...errorFields(error) });
    if (!res.headersSent) res.status(code).end();
  });
  const server = await listen(web, options.port ?? binding.port, binding.host);
  const port = (server.address() as AddressInfo).port;
  const shown = binding.host ?? '0.0.0.0';
  const url = `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}/api/messages`;
  if (binding.authenticated) {
    log.info(`Teams escucha en ${url} (con verificación de tokens del Bot Framework).`, { port });
  } else {
    const warn = (text: string) => log.warn(text, { port, authenticated: false });
    warn('⚠️ ══════════════════════════════════════════════════════════════════');
    warn('⚠️ ATENCIÓN: Teams arrancó SIN credenciales (no hay TEAMS_APP_ID).');
    warn('⚠️ El bot NO verifica quién le escribe: es solo para pruebas locales con');
    warn('⚠️ Microsoft 365 Agents Playground o Bot Framework Emulator.');
    warn(`⚠️ Escucha únicamente en esta máquina: ${url}`);
    warn('⚠️ ══════════════════════════════════════════════════════════════════');
  }
  const preferred = config.TEAMS_DIGEST_CHANNEL;
  if (preferred && teamsDigestChannel(app.db, preferred)?.conversationId !== preferred) {
    log.warn(
      `TEAMS_DIGEST_CHANNEL (${preferred}) no es un canal donde el bot esté instalado todavía; mientras tanto el resumen va al canal donde se instaló.`,
    );
  }
  const messenger = new TeamsMessenger(adapter, config.TEAMS_APP_ID ?? '', app.db, preferred);
  return {
    messenger,
    port,
    url,
    async stop() {
      stopping = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight.size > 0) {
        log.info('Teams: se espera a que terminen las solicitudes en curso.', { inFlight: inFlight.size });
      }
      await Promise.allSettled([...inFlight]);
      server.closeAllConnections();
      await closed;
    },
  };
}

function listen(web: express.Express, port: number, host: string | undefined): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = host === undefined ? web.listen(port) : web.listen(port, host);
    server.once('listening', () => resolve(server));
    server.once('error', (error: NodeJS.ErrnoException) => {
      const where = `${host ?? '0.0.0.0'}:${port}`;
      reject(
        error.code === 'EADDRINUSE'
          ? new ConfigError(`No se pudo iniciar Teams: el puerto ${where} ya está en uso (TEAMS_PORT).`)
          : error,
      );
    });
  });
}
