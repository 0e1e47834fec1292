import { createRequire } from 'node:module';
import pino, { type Logger as Pino } from 'pino';
import type { Config } from '../config.ts';
import { describeLogPart, type LogFields, type Logger } from '../domain/logger.ts';

export type LogFormat = 'json' | 'texto';

/** How the log is written: format, least severe level written, and the secret values never to write. */
export interface LogSettings {
  format: LogFormat;
  level: Config['MIPG_LOG_NIVEL'];
  secrets: string[];
}

/** Where finished lines go (standard error unless a test captures them). */
export interface LogSink {
  write(line: string): void;
}

/** Settings whose values are credentials: scrubbed from every line even if some library logs them. */
const SECRET_SETTINGS = [
  'SLACK_BOT_TOKEN',
  'SLACK_APP_TOKEN',
  'SLACK_SIGNING_SECRET',
  'TEAMS_APP_PASSWORD',
] as const satisfies readonly (keyof Config)[];

/** Field names whose values are hidden wherever they appear (one level deep), whatever logged them. */
const REDACTED_KEYS = [
  'token',
  'secret',
  'password',
  'authorization',
  'Authorization',
  'cookie',
  'headers',
  'body',
  'config',
  'signingSecret',
  'appToken',
  'botToken',
  ...SECRET_SETTINGS,
];

/** Slack tokens (bot, user, app, refresh…) and bearer credentials, recognised by their shape. */
const TOKEN_SHAPES = [
  /\bxox[a-z]-[A-Za-z0-9-]+/g,
  /\bxapp-[A-Za-z0-9-]+/g,
  /\bBearer\s+[A-Za-z0-9._~+/=-]+/gi,
];

export const HIDDEN = '[oculto]';

/** `json` for a collector, `texto` for a person: MIPG_LOG_FORMATO, else texto on a terminal. */
export function logSettings(config: Config, terminal = Boolean(process.stderr.isTTY)): LogSettings {
  return {
    format: config.MIPG_LOG_FORMATO ?? (terminal ? 'texto' : 'json'),
    level: config.MIPG_LOG_NIVEL,
    secrets: SECRET_SETTINGS.map((name) => config[name]).filter((v): v is string => Boolean(v)),
  };
}

/** Replaces every known secret value and every token-shaped word in a finished line. */
export function scrubber(secrets: string[]): (line: string) => string {
  // A value as JSON writes it inside a string (quotes and backslashes escaped), and as it is.
  const literal = secrets
    .filter((s) => s.length >= 6)
    .flatMap((s) => [s, JSON.stringify(s).slice(1, -1)])
    .sort((a, b) => b.length - a.length);
  return (line) => {
    let clean = line;
    for (const secret of literal) clean = clean.split(secret).join(HIDDEN);
    for (const shape of TOKEN_SHAPES) clean = clean.replace(shape, HIDDEN);
    return clean;
  };
}

function wrap(pinoLogger: Pino): Logger {
  const at =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (message: string, fields?: LogFields): void => {
      if (fields) pinoLogger[level](fields, message);
      else pinoLogger[level](message);
    };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (fields) => wrap(pinoLogger.child(fields)),
  };
}

/**
 * The one logger of a run (pino): JSON lines or readable ones, written synchronously to standard
 * error, so that nothing is lost when the process exits and standard output stays the command's own.
 */
export function createLogger(settings: LogSettings, sink?: LogSink): Logger {
  const out: LogSink = sink ?? pino.destination({ dest: 2, sync: true });
  const destination =
    settings.format === 'texto' ? readable(out, !sink && Boolean(process.stderr.isTTY)) : out;
  const scrub = scrubber(settings.secrets);
  const logger = pino(
    {
      level: settings.level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_KEYS.flatMap((key) => [key, `*.${key}`]), censor: HIDDEN },
      ...(settings.format === 'json' ? { formatters: { level: (label: string) => ({ level: label }) } } : {}),
      hooks: { streamWrite: scrub },
    },
    destination,
  );
  return wrap(logger);
}

const SPANISH_LEVELS: Record<string, string> = {
  TRACE: 'TRAZA',
  DEBUG: 'DETALLE',
  INFO: 'INFO',
  WARN: 'AVISO',
  ERROR: 'ERROR',
  FATAL: 'FATAL',
};

const SHOWN_APART = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'stack']);

function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return /[\s"=]/.test(text) ? JSON.stringify(text) : text;
}

/** Readable lines: time, level in Spanish, the message, then `clave=valor` fields (and a stack below). */
function readable(out: LogSink, colorize: boolean): LogSink {
  // Loaded only for readable lines; synchronously, so the logger exists before anything logs.
  const { prettyFactory } = createRequire(import.meta.url)('pino-pretty') as typeof import('pino-pretty');
  const format = prettyFactory({
    colorize,
    translateTime: 'SYS:yyyy-mm-dd HH:MM:ss',
    ignore: 'pid,hostname',
    hideObject: true,
    customPrettifiers: {
      level: (_input, _key, _log, { labelColorized }) =>
        labelColorized.replace(
          /TRACE|DEBUG|INFO|WARN|ERROR|FATAL/,
          (label) => SPANISH_LEVELS[label] ?? label,
        ),
    },
    messageFormat: (log, messageKey) => {
      const fields = Object.entries(log)
        .filter(([key, value]) => !SHOWN_APART.has(key) && key !== messageKey && value !== undefined)
        .map(([key, value]) => `${key}=${shown(value)}`);
      const stack = typeof log.stack === 'string' ? `\n${log.stack}` : '';
      return `${String(log[messageKey] ?? '')}${fields.length > 0 ? ` · ${fields.join(' ')}` : ''}${stack}`;
    },
  });
  return { write: (line) => out.write(format(line)) };
}

/**
 * Sends what libraries print on the console (the Bot Framework's token checks, botbuilder's request
 * errors, teams-ai's warnings) to the log instead, with objects left out. For the running bot only:
 * the CLI's own output never goes through `console`. Returns what puts the console back.
 */
export function routeConsole(log: Logger): () => void {
  const original = {
    log: console.log,
    info: console.info,
    warn: console.warn,
    error: console.error,
    debug: console.debug,
  };
  const to =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...parts: unknown[]) =>
      log[level](parts.map(describeLogPart).join(' '));
  console.log = to('info');
  console.info = to('info');
  console.warn = to('warn');
  console.error = to('error');
  console.debug = to('debug');
  return () => Object.assign(console, original);
}
