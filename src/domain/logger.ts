/**
 * The operator's log: one line per event, a Spanish message and fields a machine can filter on. Fields
 * carry ids, codes, counts and outcomes; never the text of a message, a request body, a config object,
 * a token or a secret. The implementation (pino) is created once by the command line and handed down.
 */
export type LogValue = string | number | boolean | null | undefined;

export type LogFields = Record<string, LogValue>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger whose every line also carries `fields` (e.g. `{ lib: 'slack' }`). */
  child(fields: LogFields): Logger;
}

const nothing = () => {};

/** Writes nowhere: for code paths run where nobody reads a log (a one-off CLI helper, a benchmark). */
export const silentLogger: Logger = {
  debug: nothing,
  info: nothing,
  warn: nothing,
  error: nothing,
  child: () => silentLogger,
};

const OMITTED = '[contenido omitido]';

/**
 * One argument a library passes to its logger or to the console, as text fit for the log. Libraries log
 * whole request bodies at debug level (Bolt's `JSON.stringify(body)`, the Web API's `http request body:
 * {…}`), which hold what people wrote and verification tokens: a JSON document or an object is
 * replaced, not written. An error gives its message.
 */
export function describeLogPart(part: unknown): string {
  if (part instanceof Error) return part.message;
  if (typeof part === 'string') {
    const start = part.search(/[[{]/);
    if (start < 0) return part;
    try {
      JSON.parse(part.slice(start));
      return `${part.slice(0, start)}${OMITTED}`;
    } catch {
      return part;
    }
  }
  if (typeof part === 'number' || typeof part === 'boolean') return String(part);
  return OMITTED;
}

/**
 * What of an error may be logged: its class, its code and its message. Never the error object itself:
 * the Web API's errors carry the request they failed on, headers (the bot token) included.
 * `stack` adds where it was thrown, for errors nobody expected.
 */
export function errorFields(error: unknown, options: { stack?: boolean } = {}): LogFields {
  if (!(error instanceof Error)) return { error: String(error) };
  const code = (error as { code?: unknown }).code;
  return {
    error: error.message,
    errorType: error.name,
    ...(typeof code === 'string' || typeof code === 'number' ? { errorCode: code } : {}),
    ...(options.stack && error.stack ? { stack: error.stack } : {}),
  };
}
