import type { Db } from '../../db/client.ts';
import type { Config } from '../config.ts';
import { type Person, personByEmail } from '../domain/directory/people.ts';
import { DomainError } from '../domain/errors.ts';
import { option } from './args.ts';
import type { CliArgs } from './types.ts';

export const DEFAULT_CONSOLE_USER = 'coordinacion@ejemplo.pasto.gov.co';

/** Who speaks in the terminal: `--como`, else MIPG_CONSOLE_USER, else the example coordinator. */
export function speaker(args: CliArgs, config: Config): string {
  return option(args, 'como') ?? config.MIPG_CONSOLE_USER ?? DEFAULT_CONSOLE_USER;
}

/** The active person of the directory who speaks in the terminal, or a Spanish explanation. */
export function consolePerson(db: Db, email: string): Person {
  const person = personByEmail(db, email);
  if (!person) {
    throw new DomainError(
      `No hay nadie con el correo ${email} en el directorio.`,
      'Use --como <correo> o MIPG_CONSOLE_USER, o pida a la coordinación MIPG que lo agregue (npx mipg importar personas).',
    );
  }
  if (!person.active) {
    throw new DomainError(
      `${person.name} <${email}> está desactivado en el directorio.`,
      'Use --como <su correo> o MIPG_CONSOLE_USER con una persona activa.',
    );
  }
  return person;
}
