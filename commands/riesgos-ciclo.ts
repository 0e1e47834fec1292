import type { Ctx } from '../src/chat/context.ts';
import type { MessageSubject } from '../src/chat/messenger.ts';
import type { Block, Reply } from '../src/chat/reply.ts';
import { coordinators, type Person, processReporters } from '../src/domain/directory/people.ts';
import { errorFields } from '../src/domain/logger.ts';
import type { ProcessRow } from '../src/domain/risks/access.ts';
import { reportMatrix, returnMatrix, verifyMatrix } from '../src/domain/risks/matrix.ts';
import { reportedNotice, returnedNotice, verifiedNotice } from '../src/views/risk-notices.ts';

/**
 * The risk matrix cycle as the chat runs it: each change is saved, then the people it concerns are
 * told (the coordinators of a reported matrix, the leader of a verified or returned one).
 */

/**
 * Sends a notice to each person; a platform failure for one person does not undo what was saved
 * nor stop the others: the names that could not be told come back so the reply can say so.
 */
export async function tellEach(
  ctx: Ctx,
  people: readonly Person[],
  notice: Reply,
  about?: MessageSubject,
): Promise<string[]> {
  const missed: string[] = [];
  for (const person of people) {
    try {
      const refs = await ctx.notify.toPerson(person, notice, about);
      if (refs.length === 0) missed.push(person.name);
    } catch (error) {
      ctx.log.warn(`No se pudo avisar a la persona ${person.id}.`, {
        personId: person.id,
        kind: about?.kind,
        outcome: 'failed',
        ...errorFields(error),
      });
      missed.push(person.name);
    }
  }
  return missed;
}

/** A context line saying who could not be told, when someone could not. */
export function missedBlocks(missed: string[]): Block[] {
  if (missed.length === 0) return [];
  return [{ kind: 'context', text: `No se pudo avisar a: ${missed.join(', ')}. Avíseles por otro medio.` }];
}

/** Records the updated matrix and tells the coordinators, who can verify or return it from the message. */
export async function submitMatrixReport(
  ctx: Ctx,
  process: ProcessRow,
  url: string,
  note?: string,
): Promise<Reply> {
  const hosts = ctx.config.MIPG_EVIDENCIA_HOSTS;
  const matrix = reportMatrix(ctx.db, ctx.clock, ctx.actor, process, url, note, hosts);
  const missed = await tellEach(ctx, coordinators(ctx.db), reportedNotice(matrix, ctx.actor), {
    kind: 'riesgos.revision',
    subject: process.code,
  });
  return {
    title: `Matriz de riesgos · ${process.code}`,
    tone: 'success',
    blocks: [
      {
        kind: 'text',
        text: `✅ La matriz de riesgos del proceso ${process.code} quedó *actualizada* (${url}). La coordinación MIPG la verificará.`,
      },
      ...missedBlocks(missed),
    ],
    visibility: 'private',
  };
}

/** The matrix is verified and its leader and delegates are told. */
export async function applyVerify(ctx: Ctx, process: ProcessRow): Promise<Reply> {
  const matrix = verifyMatrix(ctx.db, ctx.clock, ctx.actor, process);
  const missed = await tellEach(ctx, processReporters(ctx.db, process.id), verifiedNotice(matrix, ctx.actor));
  return {
    title: `Matriz de riesgos · ${process.code}`,
    tone: 'success',
    blocks: [
      { kind: 'text', text: `✅ La matriz de riesgos del proceso ${process.code} quedó *verificada*.` },
      ...missedBlocks(missed),
    ],
  };
}

/** The matrix goes back to its leader and delegates with the observations; a reply in that thread reports it again. */
export async function applyReturn(ctx: Ctx, process: ProcessRow, observations: string): Promise<Reply> {
  const matrix = returnMatrix(ctx.db, ctx.clock, ctx.actor, process, observations);
  const missed = await tellEach(
    ctx,
    processReporters(ctx.db, process.id),
    returnedNotice(matrix, ctx.actor),
    {
      kind: 'riesgos.matriz',
      subject: process.code,
    },
  );
  const told = missed.length === 0 ? ' Se avisó al líder del proceso.' : '';
  return {
    title: `Matriz de riesgos · ${process.code}`,
    tone: 'success',
    blocks: [
      {
        kind: 'text',
        text: `↩️ La matriz de riesgos del proceso ${process.code} quedó *devuelta* con observaciones.${told}`,
      },
      ...missedBlocks(missed),
    ],
  };
}
