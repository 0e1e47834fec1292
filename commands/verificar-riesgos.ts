import type { Ctx } from '../src/chat/context.ts';
import type { Reply } from '../src/chat/reply.ts';
import { DomainError } from '../src/domain/errors.ts';
import { findProcess } from '../src/domain/risks/access.ts';
import { normalize } from '../src/domain/text.ts';
import { splitHead, tokenize } from './args.ts';
import { applyReturn, applyVerify } from './riesgos-ciclo.ts';

/**
 * `/verificar` started with tasks only (`/verificar tarea <código>` in cumplida.ts); other subjects
 * plug in here as topics so that command stays one small dispatcher.
 */
export interface VerifyTopic {
  name: string;
  usage: string;
  run(args: string, ctx: Ctx): Promise<Reply> | Reply;
}

const usage = '/verificar riesgos <proceso> [devolver <observaciones>]';

/** `/verificar riesgos <proceso>` verifies; `… devolver <observaciones>` returns it to the leader. */
export const riskMatrixVerify: VerifyTopic = {
  name: 'riesgos',
  usage,
  run(args, ctx) {
    const words = tokenize(args);
    const at = words.findIndex((w) => normalize(w) === 'devolver');
    const processText = (at < 0 ? words : words.slice(0, at)).join(' ');
    if (!processText) {
      throw new DomainError(
        'Falta el proceso de la matriz.',
        `Uso: ${usage}`,
        'Ejemplo: /verificar riesgos GTH',
      );
    }
    const process = findProcess(ctx.db, processText);
    if (at < 0) return applyVerify(ctx, process);
    return applyReturn(ctx, process, words.slice(at + 1).join(' '));
  },
};

/** Each feature adds its topic here (tasks stay in cumplida.ts). */
export const verifyTopics: VerifyTopic[] = [riskMatrixVerify];

/** Runs `/verificar <tema> …` for a topic other than `tarea`, or returns undefined when none matches. */
export function runVerifyTopic(args: string, ctx: Ctx): Promise<Reply> | Reply | undefined {
  const { head, rest } = splitHead(args, 1);
  const topic = verifyTopics.find((t) => t.name === normalize(head[0] ?? ''));
  return topic?.run(rest, ctx);
}
