import { type Logger, LogLevel } from '@slack/bolt';
import type { Config } from '../../config.ts';
import { describeLogPart, type Logger as MipgLogger } from '../../domain/logger.ts';

const RANKS = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];

/** How much of Bolt's own (English) chatter goes to the log: its debug lines only with MIPG_LOG_NIVEL=debug. */
export function boltLevel(config: Pick<Config, 'MIPG_LOG_NIVEL'>): LogLevel {
  if (config.MIPG_LOG_NIVEL === 'debug') return LogLevel.DEBUG;
  if (config.MIPG_LOG_NIVEL === 'error' || config.MIPG_LOG_NIVEL === 'silent') return LogLevel.ERROR;
  return LogLevel.WARN;
}

/**
 * Bolt's Logger interface (the app, its receivers, the Web API and Socket Mode clients) written to the
 * bot's one log, each line marked with the component that wrote it.
 */
export class BoltLogger implements Logger {
  /** While true nothing is written: Socket Mode's retries while it first connects (see connectSocket). */
  quiet = false;
  private name = 'bolt';

  constructor(
    private readonly log: MipgLogger,
    private level: LogLevel,
  ) {}

  private write(level: LogLevel, parts: unknown[]): void {
    if (this.quiet || RANKS.indexOf(level) < RANKS.indexOf(this.level)) return;
    const text = parts.map(describeLogPart).join(' ');
    this.log[level](text, { component: this.name });
  }
  debug(...parts: unknown[]): void {
    this.write(LogLevel.DEBUG, parts);
  }
  info(...parts: unknown[]): void {
    this.write(LogLevel.INFO, parts);
  }
  warn(...parts: unknown[]): void {
    this.write(LogLevel.WARN, parts);
  }
  error(...parts: unknown[]): void {
    this.write(LogLevel.ERROR, parts);
  }
  setLevel(level: LogLevel): void {
    this.level = level;
  }
  getLevel(): LogLevel {
    return this.level;
  }
  setName(name: string): void {
    this.name = name;
  }
}
