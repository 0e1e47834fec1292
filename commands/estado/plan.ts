import type { Ctx } from '../../src/chat/context.ts';
import { Pager, pagedCommand } from '../../src/chat/paging.ts';
import type { Block, Reply } from '../../src/chat/reply.ts';
import { bogotaToday } from '../../src/domain/clock.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { periodBounds, periodContaining } from '../../src/domain/indicators/periods.ts';
import { cutByCode, cutsOf, parseCutCode, vigenciaSnapshot } from '../../src/domain/progress/cuts.ts';
import type { PlanSnapshot } from '../../src/domain/progress/snapshot-types.ts';
import { progressChartPng } from '../../src/domain/report/progress-chart.ts';
import { percentText } from '../../src/domain/report/wording.ts';
import { planForDate } from '../../src/domain/tasks/store.ts';
import { longDate } from '../../src/views/dates.ts';
import { cutNote, planProgressReply } from '../../src/views/plan-progress.ts';
import { splitPage } from '../args.ts';
import type { StatusTopic } from './topic.ts';

const usage = '/estado plan [2026-T3] [pagina <n>]';

/** The bar chart of scheduled vs executed per activity; the terminal shows the table instead. */
function withChart(ctx: Ctx, reply: Reply, snapshot: PlanSnapshot, page: number): Reply {
  if (ctx.platform === 'console' || page > 1) return reply;
  const title = 'Programado y ejecutado por actividad';
  const chart: Block = {
    kind: 'image',
    title,
    alt: `${title}: ${snapshot.activities.map((a) => `actividad ${a.number} programado ${percentText(a.scheduled)}, ejecutado ${percentText(a.executed)}`).join('; ')}.`,
    png: progressChartPng(snapshot.activities, title),
  };
  const blocks = [...reply.blocks];
  blocks.splice(3, 0, chart);
  return { ...reply, blocks };
}

function cutReply(ctx: Ctx, code: string, page: number): Reply {
  const { code: wanted } = parseCutCode(code);
  const cut = cutByCode(ctx.db, wanted);
  if (!cut) {
    throw new DomainError(
      `Todavía no hay un corte ${wanted}.`,
      `La coordinación lo crea con /corte crear ${wanted} (o npx mipg corte crear ${wanted}) cuando termina el periodo.`,
    );
  }
  const title = `Seguimiento del plan · corte ${cut.cut}`;
  const pager = new Pager(page, pagedCommand(`/estado plan ${cut.cut}`));
  return withChart(
    ctx,
    planProgressReply(pager, cut, { title, note: cutNote(cut) }, cut.corrections),
    cut,
    page,
  );
}

/** Today's progress (not a cut), measured from the start of the running quarter. */
function todayReply(ctx: Ctx, page: number): Reply {
  const today = bogotaToday(ctx.clock);
  const plan = planForDate(ctx.db, today);
  if (!plan) {
    throw new DomainError(
      'Todavía no hay un plan cargado.',
      'Cárguelo con: npx mipg importar plan <archivo>',
    );
  }
  const quarterStart = periodBounds(periodContaining('trimestral', today).code).start;
  const snapshot = vigenciaSnapshot(ctx.db, plan.year, today, quarterStart);
  const stored = cutsOf(ctx.db, plan.year).map((c) => c.cut);
  const note = `Avance al ${longDate(today)} (no es un corte: cambia con cada registro). ${
    stored.length > 0
      ? `Cortes guardados: ${stored.join(', ')} (véalos con /estado plan <corte>).`
      : 'Aún no hay cortes guardados.'
  }`;
  const title = `Avance del plan ${plan.year}`;
  const pager = new Pager(page, pagedCommand('/estado plan'));
  return withChart(ctx, planProgressReply(pager, snapshot, { title, note }, []), snapshot, page);
}

/** /estado plan [corte]: a stored cut, or today's progress, scheduled vs executed per activity. */
export const planStatus: StatusTopic = {
  name: 'plan',
  summary: 'Avance programado y ejecutado por actividad: hoy, o el de un corte trimestral guardado.',
  usage,
  run(args, ctx): Reply {
    const { rest, page } = splitPage(args, usage, '/estado plan 2026-T3 pagina 2');
    const code = rest.trim();
    return code ? cutReply(ctx, code, page) : todayReply(ctx, page);
  },
};
