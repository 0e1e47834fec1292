import { errorFields, type LogFields } from '../domain/logger.ts';
import type { Ctx } from './context.ts';

/** Why a request was not done, as a code for the log: `rule` is a Spanish DomainError the person read. */
export type RefusalReason =
  | 'read_only'
  | 'unknown_command'
  | 'unknown_action'
  | 'unknown_form'
  | 'invalid_form'
  | 'rule'
  | 'db_busy'
  | 'unexpected';

/**
 * One log line for a request that was not done: what (command, button or form id), who (person id,
 * platform) and why (a code). Never the words the person typed nor the Spanish reason they were told,
 * which may quote them.
 */
export function logRefusal(ctx: Ctx, what: LogFields, reason: RefusalReason, error?: unknown): void {
  const fields = { ...what, personId: ctx.actor.id, platform: ctx.platform, reason };
  if (reason === 'unexpected') {
    ctx.log.error('Error inesperado al atender una solicitud.', {
      ...fields,
      ...errorFields(error, { stack: true }),
    });
  } else if (reason === 'db_busy') {
    ctx.log.warn('Solicitud rechazada: la base de datos está ocupada.', fields);
  } else {
    ctx.log.info('Solicitud rechazada.', fields);
  }
}
