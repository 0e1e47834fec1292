import type { Db } from '../../db/client.ts';
import type { Config } from '../config.ts';
import type { Author } from '../domain/audit/log.ts';
import type { Clock } from '../domain/clock.ts';
import type { Logger } from '../domain/logger.ts';
import type { StreamedFile } from '../domain/streamed.ts';

/** What every `mipg` subcommand gets: settings, the migrated database, the clock and the output streams. */
export interface CliEnv {
  config: Config;
  db: Db;
  clock: Clock;
  /** Who runs the command, for the audit log (`--como <correo>`, else the system). */
  author: Author;
  /** The e-mail of who speaks: `--como`, else MIPG_CONSOLE_USER, else the example coordinator. */
  speaker?: string;
  /** The operator's log (standard error): one line per import, never the file's contents. */
  log: Logger;
  out: (text: string) => void;
  err: (text: string) => void;
  /** Writes raw bytes to standard output (xlsx without --salida is refused; csv/json go here). */
  write: (data: string | Uint8Array) => void;
  /** Standard output as a stream, so a streamed export waits for it; without it, pieces go to `write`. */
  stdout?: NodeJS.WritableStream;
}

/** Parsed `--name value` options and positional words of a subcommand. */
export interface CliArgs {
  positional: string[];
  options: Record<string, string | true>;
}

/** What an import did: the Spanish report printed for the person, and its counts for the log. */
export interface ImportResult {
  report: string;
  /** e.g. `{ added: 3, changed: 1, unchanged: 20 }`. */
  counts: Record<string, number>;
}

/** `mipg importar <kind> <archivo>`: reads a CSV/XLSX (or the plan's text) and prints a Spanish report. */
export interface Importer {
  kind: string;
  summary: string;
  /**
   * Throws DomainError or ImportError (Spanish, with line numbers) and stores nothing on bad input.
   * `args` holds the command's options (e.g. `--reemplazar-todo`).
   */
  run(file: string, env: CliEnv, args?: CliArgs): Promise<ImportResult>;
}

/** The usual counts of an import report: codes added, changed and left as they were. */
export function importCounts(report: {
  added: unknown[];
  changed: unknown[];
  unchanged: unknown[];
}): Record<string, number> {
  return { added: report.added.length, changed: report.changed.length, unchanged: report.unchanged.length };
}

export type ExportFormat = 'csv' | 'xlsx' | 'json';

/** What an exporter gives: a short text whole, or a file written piece by piece into its destination. */
export type ExportData = string | StreamedFile;

/** `mipg exportar <kind> --formato csv|xlsx|json [--salida archivo] [...]`. */
export interface Exporter {
  kind: string;
  summary: string;
  formats: ExportFormat[];
  /**
   * The export as `mipg exportar` writes it: a file streamed into its destination, reading its rows as it
   * goes. Extra options this exporter accepts (e.g. `periodo`, `proceso`), and positional words (an id);
   * bad ones throw here, before anything is written.
   */
  stream(format: ExportFormat, args: CliArgs, env: CliEnv): Promise<ExportData>;
  /** The same export whole in memory (CSV/JSON text, XLSX bytes), for callers that need it so. */
  run(format: ExportFormat, args: CliArgs, env: CliEnv): Promise<string | Uint8Array>;
}

/** Any other subcommand (`resumen`, `envios`, `sesion`…). Returns the exit code. */
export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  run(args: CliArgs, env: CliEnv): Promise<number>;
}

/** What a subcommand that opens the database itself gets: no database (`FileCommand`). */
export type FileEnv = Omit<CliEnv, 'db' | 'author'>;

/**
 * A subcommand that opens the database file itself, or not at all: a backup copies the file as it is (no
 * migration, no first-run load), and a restore replaces it, so the CLI must not hold it open.
 */
export interface FileCommand {
  name: string;
  summary: string;
  usage: string;
  ownsDatabase: true;
  run(args: CliArgs, env: FileEnv): Promise<number>;
}
