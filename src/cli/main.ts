import { basename } from 'node:path';
import { type Db, openMigratedDatabase } from '../../db/client.ts';
import { ConsoleMessenger } from '../adapters/console/messenger.ts';
import { ConsoleSession } from '../adapters/console/session.ts';
import { createApp } from '../app.ts';
import { type Config, ConfigError, loadConfig } from '../config.ts';
import { personAuthor, SYSTEM } from '../domain/audit/log.ts';
import { backupBeforeUpgrade } from '../domain/backup/upgrade.ts';
import { type Clock, clockAtBogotaDate, isIsoDate, systemClock } from '../domain/clock.ts';
import { personByEmail } from '../domain/directory/people.ts';
import { DomainError } from '../domain/errors.ts';
import type { Logger } from '../domain/logger.ts';
import { option, parseCliArgs } from './args.ts';
import { runExport } from './export-run.ts';
import { createLogger, logSettings } from './logger.ts';
import { consolePerson, speaker } from './person.ts';
import { cliCommands, exporters, importers } from './registry.ts';
import { start } from './start.ts';
import type { CliArgs, CliEnv } from './types.ts';

export { DEFAULT_CONSOLE_USER } from './person.ts';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  write: (data: string | Uint8Array) => void;
  /** The log; by default pino on standard error, as MIPG_LOG_FORMATO and MIPG_LOG_NIVEL say. */
  log?: Logger;
  stdout?: NodeJS.WritableStream;
}

const processIo: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  write: (data) => process.stdout.write(data),
  stdout: process.stdout,
};

function clockFrom(args: CliArgs, base: Clock): Clock {
  const date = option(args, 'fecha');
  if (date === undefined) return base;
  if (!isIsoDate(date))
    throw new DomainError(
      `--fecha «${date}» no es una fecha válida.`,
      'Use AAAA-MM-DD, por ejemplo --fecha 2026-09-07',
    );
  return clockAtBogotaDate(date);
}

async function usage(): Promise<string> {
  const commands = await Promise.all(cliCommands.map((c) => c.load()));
  const exports = await Promise.all(exporters.map((e) => e.load()));
  const lines = [
    'Uso: npx mipg <orden> [opciones]',
    '',
    '  iniciar                         Inicia el bot (Slack/Teams si están configurados; si no, la consola). Es lo que hace npm start.',
    '  chat [--como <correo>] [--fecha AAAA-MM-DD] "<mensaje>"   Envía un mensaje al bot e imprime la respuesta.',
    '  migrar                          Crea o actualiza la base de datos (MIPG_DB).',
    `  importar <${importers.map((i) => i.name).join('|')}> <archivo>`,
    `  exportar <${exporters.map((e) => e.name).join('|')}> --formato csv|xlsx|json [--salida archivo]`,
    ...exports.map((e) => `      ${e.kind}: ${e.summary}`),
    ...commands.map((c) =>
      c.usage.length < 32
        ? `  ${c.usage.padEnd(32)}${c.summary}`
        : `  ${c.usage}\n  ${' '.repeat(32)}${c.summary}`,
    ),
    '  ayuda                           Muestra esta ayuda.',
    '',
    'Opciones comunes: --como <correo> (quién actúa, para la bitácora) · --fecha AAAA-MM-DD (el «hoy» de la ejecución).',
  ];
  return lines.join('\n');
}

function envFor(args: CliArgs, config: Config, io: CliIo, log: Logger, clock: Clock, base: Clock): CliEnv {
  const app = createApp(config, clock, log, openMigratedDatabase(config.MIPG_DB), base);
  const email = option(args, 'como');
  const person = email ? personByEmail(app.db, email) : undefined;
  if (email && !person) throw new DomainError(`No hay nadie con el correo ${email} en el directorio.`);
  return {
    config,
    db: app.db,
    clock,
    author: person ? personAuthor(person) : SYSTEM,
    speaker: speaker(args, config),
    ...io,
    log,
  };
}

async function runImport(args: CliArgs, env: CliEnv): Promise<number> {
  const [kind, file] = args.positional;
  const importer = importers.find((i) => i.name === kind);
  if (!importer || !file) {
    env.err(`Uso: npx mipg importar <${importers.map((i) => i.name).join('|')}> <archivo>`);
    return 2;
  }
  const what = { kind, file: basename(file), personId: env.author.id };
  try {
    const result = await (await importer.load()).run(file, env, args);
    env.log.info(`Importación de ${kind} hecha.`, { ...what, ...result.counts, outcome: 'imported' });
    env.out(result.report);
    return 0;
  } catch (error) {
    if (error instanceof DomainError)
      env.log.info(`Importación de ${kind} rechazada.`, { ...what, reason: 'rule' });
    throw error;
  }
}

async function runChat(
  args: CliArgs,
  config: Config,
  io: CliIo,
  log: Logger,
  clock: Clock,
  base: Clock,
): Promise<number> {
  const message = args.positional.join(' ').trim();
  if (!message) {
    io.err('Uso: npx mipg chat [--como <correo>] [--fecha AAAA-MM-DD] "<mensaje>"');
    return 2;
  }
  const app = createApp(config, clock, log, undefined, base);
  const readOnly = pretendsAnotherDay(args, app.db, io);
  try {
    const person = consolePerson(app.db, speaker(args, config));
    const session = new ConsoleSession(app.router, person);
    app.messengers.push(new ConsoleMessenger(io.out, session.nameOf));
    io.out(await session.handleLine(message));
    return 0;
  } finally {
    readOnly?.();
    app.db.$client.close();
  }
}

/**
 * `--fecha` is for looking at the plan as of another day: what runs under it is rolled back, so no
 * record (nor the audit log) is ever dated on a day it did not happen. Returns the function that ends it.
 */
function pretendsAnotherDay(args: CliArgs, db: Db, io: CliIo): (() => void) | undefined {
  if (option(args, 'fecha') === undefined) return undefined;
  const sqlite = db.$client;
  const changes = () => (sqlite.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  const before = changes();
  sqlite.exec('BEGIN');
  return () => {
    const changed = changes() !== before;
    sqlite.exec('ROLLBACK');
    if (changed) io.err('Con --fecha solo se consulta: los cambios de esta ejecución no se guardaron.');
  };
}

async function dispatch(argv: string[], io: CliIo, base: Clock): Promise<number> {
  const [command = 'ayuda', ...rest] = argv;
  const args = parseCliArgs(rest);
  if (['ayuda', '--help', '-h', 'help'].includes(command)) {
    io.out(await usage());
    return 0;
  }
  const config = loadConfig();
  const log = io.log ?? createLogger(logSettings(config));
  const clock = clockFrom(args, base);
  if (
    option(args, 'fecha') !== undefined &&
    ['iniciar', 'importar', 'sesion', 'respaldo', 'restaurar'].includes(command)
  ) {
    throw new DomainError(
      `--fecha no se usa con «${command}»: solo sirve para consultar el plan como estaba (o estará) un día.`,
      'Ejemplo: npx mipg chat --fecha 2026-09-07 "/estado tareas"',
    );
  }
  const entry = cliCommands.find((c) => c.name === command);
  const other = entry && (await entry.load());
  // Backups, restores and the health check open the file themselves, at the real time (`base`), without
  // migrating it.
  if (other && 'ownsDatabase' in other)
    return other.run(args, { config, clock: base, speaker: speaker(args, config), ...io, log });
  // The bot's start takes its own backup before migrating; every other command migrates on opening.
  if (command !== 'iniciar') await backupBeforeUpgrade(config, base, log);
  switch (command) {
    case 'iniciar':
      return start(args, config, log, clock);
    case 'chat':
      return runChat(args, config, io, log, clock, base);
    case 'migrar': {
      const db = openMigratedDatabase(config.MIPG_DB);
      db.$client.close();
      io.out(`Base de datos al día: ${config.MIPG_DB}`);
      return 0;
    }
  }
  const env = envFor(args, config, io, log, clock, base);
  const readOnly = pretendsAnotherDay(args, env.db, io);
  try {
    if (command === 'importar') return await runImport(args, env);
    if (command === 'exportar') return await runExport(args, env);
    if (other) return await other.run(args, env);
    io.err(`No conozco la orden «${command}».\n\n${await usage()}`);
    return 2;
  } finally {
    readOnly?.();
    env.db.$client.close();
  }
}

/**
 * Runs `mipg <argv>`; returns the exit code. Spanish messages for every expected failure.
 * `clock` is the real time of the run (tests pass a fixed one); `--fecha` only pretends another day.
 */
export async function main(
  argv: string[],
  io: CliIo = processIo,
  clock: Clock = systemClock,
): Promise<number> {
  try {
    loadDotEnv();
    return await dispatch(argv, io, clock);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(error.message);
      return 1;
    }
    if (error instanceof DomainError) {
      io.err([error.message, ...error.help].join('\n'));
      return 1;
    }
    throw error;
  }
}

/** Reads `.env` from the working directory when present (settings already in the environment win). */
function loadDotEnv(): void {
  try {
    process.loadEnvFile('.env');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
