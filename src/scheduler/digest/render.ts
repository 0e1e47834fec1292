import type { Block, Reply } from '../../chat/reply.ts';
import { dateRange, longDate } from '../../views/dates.ts';
import { lateNote } from '../../views/digest.ts';
import type { Digest } from './build.ts';

/** A plan's own digest is titled by it: «PTH 2026 · Plan Estratégico de Talento Humano». */
function planHeading(digest: Digest): string {
  const name = digest.plans.find((p) => p.code === digest.plan)?.title;
  return `${digest.plan} ${digest.year}${name ? ` · ${name}` : ''}`;
}

/** The weekly digest as posted to the team channel (or, for one plan, to its leader's channel). */
export function digestReply(digest: Digest, late?: { dueAt: Date }): Reply {
  const blocks: Block[] = [
    {
      kind: 'context',
      text: `Semana del ${dateRange(digest.date, digest.weekEnd)} · corte: ${longDate(digest.date)} (hora de Bogotá).`,
    },
  ];
  if (late) blocks.push({ kind: 'context', text: lateNote(late.dueAt) });
  if (!digest.due) {
    blocks.push({
      kind: 'text',
      text: '✅ *Todo al día*: no hay tareas vencidas ni tareas que venzan esta semana.',
    });
  }
  for (const part of digest.parts.filter((p) => p.blocks.length > 0)) {
    blocks.push({ kind: 'divider' }, ...part.blocks);
  }
  blocks.push({
    kind: 'context',
    text: 'Detalle de una tarea: /tarea <código> · Sus pendientes: /pendientes · Estado: /estado tareas',
  });
  return {
    title: digest.plan ? `Resumen semanal · ${planHeading(digest)}` : `Resumen semanal · Plan ${digest.year}`,
    tone: digest.due ? 'warning' : 'success',
    blocks,
    visibility: 'channel',
  };
}
