import { resolve } from 'node:path';
import { personAuthor, SYSTEM } from '../domain/audit/log.ts';
import { restoreBackup } from '../domain/backup/restore.ts';
import { personByEmail } from '../domain/directory/people.ts';
import { DomainError } from '../domain/errors.ts';
import { option } from './args.ts';
import type { FileCommand } from './types.ts';

const usage = 'restaurar <archivo> [--aceptar-bitacora-alterada]';

/**
 * `mipg restaurar <archivo>`: replaces the database with a backup. Refuses while the bot runs and when the
 * copy does not pass its checks; the current file is set aside, never deleted.
 */
export const restoreCommand: FileCommand = {
  name: 'restaurar',
  summary:
    'Reemplaza la base de datos por un respaldo (con el bot detenido); la base actual queda guardada aparte.',
  usage,
  ownsDatabase: true,
  async run(args, env) {
    // `--aceptar-bitacora-alterada <archivo>` reads as the option's value: it is the file.
    const accept = args.options['aceptar-bitacora-alterada'];
    const [file] = typeof accept === 'string' ? [accept, ...args.positional] : args.positional;
    if (!file) {
      env.err(`Uso: npx mipg ${usage}\nLos respaldos disponibles: npx mipg respaldos`);
      return 2;
    }
    if (env.config.MIPG_DB === ':memory:')
      throw new DomainError('MIPG_DB=:memory: no es un archivo que se pueda restaurar.');
    const email = option(args, 'como');
    const result = restoreBackup({
      dbFile: env.config.MIPG_DB,
      backup: file,
      clock: env.clock,
      acceptBrokenChain: accept !== undefined,
      author: (db) => {
        if (!email) return SYSTEM;
        const person = personByEmail(db, email);
        if (!person)
          throw new DomainError(
            `No hay nadie con el correo ${email} en la base restaurada.`,
            'No se restauró nada.',
          );
        return personAuthor(person);
      },
    });
    env.out(`Base de datos restaurada desde ${resolve(file)}.`);
    env.log.info('Base de datos restaurada desde un respaldo.', {
      file: resolve(file),
      setAside: result.setAside ?? null,
      auditRows: result.auditRows,
      migrated: result.migrated,
    });
    env.out(
      result.setAside
        ? `La base anterior quedó guardada en ${result.setAside} (bórrela cuando ya no la necesite).`
        : 'No había una base anterior que guardar.',
    );
    env.out(
      `Verificada antes de restaurar: integridad correcta y ${result.auditRows} registros de bitácora revisados; migraciones aplicadas: ${result.migrated}.`,
    );
    env.out('Ya puede iniciar el bot (npm start).');
    return 0;
  },
};
