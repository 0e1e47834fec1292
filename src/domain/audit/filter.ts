import type { Store } from '../../../db/client.ts';
import { isIsoDate } from '../clock.ts';
import { personByEmail } from '../directory/people.ts';
import { DomainError } from '../errors.ts';
import { findProcess } from '../risks/access.ts';
import { isTaskCode } from '../tasks/status.ts';
import type { AuditFilter } from './entries.ts';

/** The filters as a person typed them (`tarea 2.3`, `--proceso GTH`, `desde 2026-09-01`…). */
export interface AuditFilterText {
  task?: string;
  process?: string;
  person?: string;
  from?: string;
  to?: string;
}

function date(text: string, word: 'desde' | 'hasta'): string {
  const trimmed = text.trim();
  if (isIsoDate(trimmed)) return trimmed;
  throw new DomainError(
    `«${trimmed}» no es una fecha válida para «${word}».`,
    'Escriba la fecha como AAAA-MM-DD, por ejemplo 2026-09-07.',
  );
}

/**
 * The filter of the audit log that the words name: a task code, a process (code or name), a person
 * (e-mail) and a range of Bogotá days. Anything unknown or malformed is a Spanish error.
 */
export function resolveAuditFilter(store: Store, text: AuditFilterText): AuditFilter {
  const filter: AuditFilter = {};
  if (text.task !== undefined) {
    const code = text.task.trim();
    if (!isTaskCode(code)) {
      throw new DomainError(
        `«${code}» no es el código de una tarea.`,
        'El código de una tarea es <actividad>.<tarea>, por ejemplo 2.3.',
      );
    }
    filter.task = code;
  }
  if (text.process !== undefined) filter.process = findProcess(store, text.process);
  if (text.person !== undefined) {
    const email = text.person.trim().toLowerCase();
    const person = email ? personByEmail(store, email) : undefined;
    if (!person) {
      throw new DomainError(
        email ? `No hay nadie con el correo «${email}» en el directorio.` : 'Falta el correo de la persona.',
        'Escriba el correo institucional completo, por ejemplo ana.perez@pasto.gov.co.',
      );
    }
    filter.person = person;
  }
  if (text.from !== undefined) filter.from = date(text.from, 'desde');
  if (text.to !== undefined) filter.to = date(text.to, 'hasta');
  if (filter.from && filter.to && filter.from > filter.to) {
    throw new DomainError(
      `La fecha «desde» (${filter.from}) es posterior a la fecha «hasta» (${filter.to}).`,
      'Escriba primero la fecha más antigua, por ejemplo desde 2026-09-01 hasta 2026-09-30.',
    );
  }
  return filter;
}
