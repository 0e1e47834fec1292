import { type Role, roles } from '../../../db/schema/index.ts';
import { DomainError } from '../errors.ts';

/** How each role is named to a person (help, the directory's import errors, the console's greeting). */
export const roleLabels: Record<Role, string> = {
  coordinador: 'coordinación MIPG',
  lider: 'líder de proceso',
  delegado: 'delegado de un líder de proceso',
  integrante: 'integrante de un equipo',
  auditor: 'Oficina de Control Interno (consulta todo, no modifica datos)',
};

/** «coordinador, lider, delegado, integrante o auditor»: the words the people file's `rol` accepts. */
export const roleWords = `${roles.slice(0, -1).join(', ')} o ${roles[roles.length - 1]}`;

/** Control Interno, the third line of defence: it evaluates independently, reading everything. */
export function isAuditor(person: { role: string }): boolean {
  return person.role === 'auditor';
}

/** Whether every change the person tries is refused: they consult, they never modify (Control Interno). */
export function isReadOnly(person: { role: string }): boolean {
  return isAuditor(person);
}

/**
 * Who sees every process's data where the coordinator does: the coordinator (second line of
 * defence) and Control Interno (third line, read only).
 */
export function seesEverything(person: { role: string }): boolean {
  return person.role === 'coordinador' || isAuditor(person);
}

/** What a read-only person is told when they try to change anything; nothing is stored. */
export const READ_ONLY_MESSAGE =
  'La Oficina de Control Interno (rol auditor) consulta todo pero no modifica datos: no se guardó nada.';

/** The refusal of a write by a read-only person (a DomainError, so the transaction rolls back). */
export function readOnlyRefusal(...help: string[]): DomainError {
  return new DomainError(READ_ONLY_MESSAGE, ...help);
}
