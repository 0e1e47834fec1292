import type { CommandDef, Feature } from '../src/chat/registry.ts';
import { textReply } from '../src/chat/reply.ts';
import { createCut } from '../src/domain/progress/cuts.ts';
import { percentText } from '../src/domain/report/wording.ts';
import { longDate } from '../src/views/dates.ts';
import { splitHead } from './args.ts';

const usage = '/corte crear <2026-T3|2026-C1>';

/** /corte crear: the coordination freezes a quarter's (or four-month period's) follow-up. */
const corte: CommandDef = {
  name: 'corte',
  summary:
    'Coordinación: crea el corte trimestral (o cuatrimestral) del plan; queda guardado y no se recalcula.',
  usage: [usage],
  writes: true,
  run(args, ctx) {
    const { head } = splitHead(args, 2);
    if (head[0]?.toLowerCase() !== 'crear' || !head[1]) {
      return textReply(`Uso: ${usage}. Ejemplo: /corte crear 2026-T3`, {
        tone: 'warning',
        visibility: 'private',
      });
    }
    const cut = createCut(ctx.db, ctx.clock, ctx.actor, head[1]);
    return textReply(
      `Quedó guardado el corte *${cut.cut}* al ${longDate(cut.date)}: programado ${percentText(cut.scheduled)}, ejecutado ${percentText(cut.executed)} (${cut.counts.done} de ${cut.counts.total} tareas cumplidas, ${cut.counts.overdue} vencidas). Véalo con /estado plan ${cut.cut}.`,
      { tone: 'success' },
    );
  },
};

export const cutFeature: Feature = { commands: [corte] };
