import { type SocketModeReceiver, webApi } from '@slack/bolt';
import { ConfigError } from '../../config.ts';
import type { BoltLogger } from './logger.ts';

type Setting = 'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN';

/** Who the bot is in Slack, as auth.test says. */
export interface BotIdentity {
  botId: string;
  botUserId: string;
}

const SOCKET_HOSTS = 'slack.com y wss-primary.slack.com';
const USE_HTTP =
  'Si la red de la oficina no lo permite, quite SLACK_APP_TOKEN y use el modo HTTP con SLACK_SIGNING_SECRET (ver README: «Slack»).';

/** A Spanish message naming the setting for whatever stopped Slack from accepting the bot at start. */
export function startError(error: unknown, setting: Setting): ConfigError {
  const e = error as {
    code?: string;
    data?: { error?: string };
    retryAfter?: number;
    statusCode?: number;
    original?: { code?: string; message?: string };
    message?: string;
  };
  switch (e.code) {
    case webApi.ErrorCode.PlatformError:
      return new ConfigError(
        setting === 'SLACK_BOT_TOKEN'
          ? `Slack rechazó SLACK_BOT_TOKEN (${e.data?.error}). Revise el token xoxb- de la aplicación instalada.`
          : `Slack rechazó SLACK_APP_TOKEN (${e.data?.error}). Genere en la app (Basic Information → App-Level Tokens) un token xapp- con el permiso connections:write y cópielo en SLACK_APP_TOKEN.`,
      );
    case webApi.ErrorCode.RateLimitedError:
      return new ConfigError(
        `Slack está limitando las solicitudes del bot (pidió esperar ${e.retryAfter ?? '?'} s), así que no se pudo comprobar ${setting} al arrancar. Espere un momento y vuelva a iniciar el bot.`,
      );
    case webApi.ErrorCode.RequestError: {
      const socket = setting === 'SLACK_APP_TOKEN';
      return new ConfigError(
        `No se pudo conectar con Slack para comprobar ${setting} (${e.original?.code ?? 'sin respuesta'}). Revise que este equipo pueda salir a ${socket ? SOCKET_HOSTS : 'slack.com'} por HTTPS (puerto 443).${socket ? ` ${USE_HTTP}` : ''}`,
      );
    }
    case webApi.ErrorCode.HTTPError:
      return new ConfigError(
        `Slack respondió con un error HTTP ${e.statusCode} al comprobar ${setting}; suele ser una falla pasajera de Slack. Vuelva a iniciar el bot en unos minutos.`,
      );
    default:
      return new ConfigError(`No se pudo comprobar ${setting} con Slack: ${e.message ?? String(error)}.`);
  }
}

/**
 * Asks Slack once, at start, who the bot is. Bolt gets the answer (`botId`, `botUserId`), so it never
 * calls auth.test again: left to itself with token verification off, it calls it on every request,
 * and a rate-limited call there drops the request unanswered.
 */
export async function whoAmI(client: webApi.WebClient): Promise<BotIdentity> {
  let result: webApi.AuthTestResponse;
  try {
    result = await client.auth.test();
  } catch (error) {
    throw startError(error, 'SLACK_BOT_TOKEN');
  }
  if (!result.bot_id || !result.user_id) {
    throw new ConfigError(
      'SLACK_BOT_TOKEN no es el token del bot: use el «Bot User OAuth Token» (xoxb-…) de la app instalada.',
    );
  }
  return { botId: result.bot_id, botUserId: result.user_id };
}

/**
 * Opens the Socket Mode connection, or fails with a Spanish message naming SLACK_APP_TOKEN. The app
 * token is checked first with a plain apps.connections.open call (a bad token or a network that blocks
 * Slack fails there, at once); then the WebSocket gets `timeoutMs` to connect, after which the client
 * is stopped instead of retrying forever.
 */
export async function connectSocket(
  receiver: SocketModeReceiver,
  client: webApi.WebClient,
  appToken: string,
  logger: BoltLogger,
  timeoutMs: number,
): Promise<void> {
  try {
    await client.apps.connections.open({ token: appToken });
  } catch (error) {
    throw startError(error, 'SLACK_APP_TOKEN');
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const connecting = receiver.start().then(
    () => 'connected' as const,
    (error: unknown) => ({ error }),
  );
  const outcome = await Promise.race([connecting, timeout]);
  clearTimeout(timer);
  if (outcome === 'connected') {
    logger.quiet = false;
    return;
  }
  // Stops the client's own reconnection attempts; a socket that never opened may not say it closed.
  await Promise.race([receiver.stop().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 1000))]);
  if (outcome !== 'timeout' && outcome.error) throw startError(outcome.error, 'SLACK_APP_TOKEN');
  throw new ConfigError(
    `No se pudo abrir la conexión del modo Socket con Slack en ${Math.round(timeoutMs / 1000)} s. Revise que SLACK_APP_TOKEN sea el token xapp- de esta app y que la red permita conexiones WebSocket salientes a wss-primary.slack.com (puerto 443). ${USE_HTTP}`,
  );
}
