import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { openDatabase } from '../../db/client.ts';
import { terminalText } from '../adapters/console/render.ts';
import { audit, personAuthor, SYSTEM } from '../domain/audit/log.ts';
import { backupDir, backupFiles } from '../domain/backup/files.ts';
import { backupFields, backupHistory } from '../domain/backup/journal.ts';
import { takeBackup } from '../domain/backup/take.ts';
import { migrationState } from '../domain/backup/upgrade.ts';
import { personByEmail } from '../domain/directory/people.ts';
import { DomainError } from '../domain/errors.ts';
import { backupLogLine, backupsReply } from '../views/backups.ts';
import { option, textOrJson } from './args.ts';
import type { CliArgs, FileCommand } from './types.ts';

const backupUsage = 'respaldo [--salida archivo]';

/**
 * `mipg respaldo`: an online copy of the database (the bot may be running), checked and named with the date
 * in MIPG_RESPALDO_DIR, or written to `--salida`. Recorded in the backup journal and in the audit log.
 */
export const backupCommand: FileCommand = {
  name: 'respaldo',
  summary:
    'Saca una copia verificada de la base de datos, aunque el bot esté corriendo (por defecto en MIPG_RESPALDO_DIR).',
  usage: backupUsage,
  ownsDatabase: true,
  async run(args, env) {
    const file = env.config.MIPG_DB;
    if (file === ':memory:' || !existsSync(file)) {
      throw new DomainError(`No hay base de datos en ${file}: no hay nada que respaldar.`);
    }
    const output = args.options.salida;
    if (output === true)
      throw new DomainError('Falta el archivo después de --salida.', `Uso: npx mipg ${backupUsage}`);
    const db = openDatabase(file);
    try {
      const upToDate = migrationState(file).pending === 0;
      const email = option(args, 'como');
      const person = email && upToDate ? personByEmail(db, email) : undefined;
      if (email && upToDate && !person)
        throw new DomainError(`No hay nadie con el correo ${email} en el directorio.`);
      const dir = backupDir(env.config);
      const { record, deleted } = await takeBackup({
        source: db.$client,
        dir,
        keep: env.config.MIPG_RESPALDO_CONSERVAR,
        clock: env.clock,
        trigger: 'manual',
        output,
      });
      const line = backupLogLine(record, deleted.length);
      env.out(line);
      const fields = { ...backupFields(record, deleted.length), personId: person?.id ?? null };
      if (record.ok) env.log.info(line, fields);
      else env.log.error(line, fields);
      if (!record.kept) return 1;
      if (upToDate) {
        db.transaction((tx) =>
          audit(tx, env.clock, person ? personAuthor(person) : SYSTEM, {
            action: 'respaldo.crear',
            entity: 'respaldo',
            entityId: basename(record.file),
            after: { file: record.file, bytes: record.bytes ?? null, ok: record.ok },
          }),
        );
      } else {
        env.err('La base tiene migraciones pendientes: este respaldo no se anotó en su bitácora.');
      }
      if (!output)
        env.out(`En ${dir} se conservan los últimos ${env.config.MIPG_RESPALDO_CONSERVAR} respaldos.`);
      return record.ok ? 0 : 1;
    } finally {
      db.$client.close();
    }
  },
};

const listUsage = 'respaldos [--ultimos N] [--formato texto|json]';

function countOption(args: CliArgs): number {
  const value = args.options.ultimos;
  if (value === undefined) return 30;
  const n = Number(value);
  if (value === true || !Number.isInteger(n) || n < 1) {
    throw new DomainError(
      `--ultimos «${value === true ? '' : value}» no es un número de intentos.`,
      'Ejemplo: --ultimos 10',
    );
  }
  return n;
}

/** `mipg respaldos`: the backup attempts (ok and failed), newest first, and the files kept. */
export const backupsCommand: FileCommand = {
  name: 'respaldos',
  summary:
    'Muestra los respaldos: cuándo se sacaron, cuáles fallaron y por qué, y los archivos que se conservan.',
  usage: listUsage,
  ownsDatabase: true,
  async run(args, env) {
    const format = textOrJson(args, listUsage);
    const dir = backupDir(env.config);
    const history = backupHistory(dir, countOption(args));
    const files = backupFiles(dir);
    if (format === 'json') {
      env.out(
        JSON.stringify({ dir, keep: env.config.MIPG_RESPALDO_CONSERVAR, files, attempts: history }, null, 2),
      );
    } else if (history.length === 0) {
      env.out(`No hay respaldos registrados en ${dir} todavía. Saque uno con: npx mipg respaldo`);
    } else {
      env.out(terminalText(backupsReply(history, files, dir, env.config.MIPG_RESPALDO_CONSERVAR)));
    }
    return history[0] && !history[0].ok ? 1 : 0;
  },
};
