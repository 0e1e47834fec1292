import { createLogger, type LogSettings } from '../../src/cli/logger.ts';
import type { Logger } from '../../src/domain/logger.ts';

/** One JSON line of the log, parsed. */
export interface LogEntry {
  level: string;
  msg: string;
  [field: string]: unknown;
}

/**
 * The bot's real logger (pino, JSON lines) writing into memory instead of standard error: `lines` are
 * the lines exactly as written, `entries` parsed, `messages` their Spanish messages.
 */
export function captureLogs(settings: Partial<LogSettings> = {}): {
  log: Logger;
  lines: string[];
  entries: LogEntry[];
  messages: string[];
} {
  const lines: string[] = [];
  const entries: LogEntry[] = [];
  const messages: string[] = [];
  const format = settings.format ?? 'json';
  const log = createLogger(
    { format, level: settings.level ?? 'info', secrets: settings.secrets ?? [] },
    {
      write(line) {
        lines.push(line);
        if (format !== 'json') return;
        const entry = JSON.parse(line) as LogEntry;
        entries.push(entry);
        messages.push(entry.msg);
      },
    },
  );
  return { log, lines, entries, messages };
}

/** The real logger, keeping only each line's message, in `messages` (for tests that read what was logged). */
export function loggerInto(messages: string[], level: LogSettings['level'] = 'info'): Logger {
  return createLogger(
    { format: 'json', level, secrets: [] },
    { write: (line) => messages.push((JSON.parse(line) as LogEntry).msg) },
  );
}
