import type { Ctx } from '../../src/chat/context.ts';
import type { Block } from '../../src/chat/reply.ts';
import { bogotaToday } from '../../src/domain/clock.ts';
import { seesEverything } from '../../src/domain/directory/roles.ts';
import { canReport } from '../../src/domain/indicators/catalog.ts';
import { outstandingReports, type PeriodStanding } from '../../src/domain/indicators/schedule.ts';
import { standingLine } from '../../src/views/indicators.ts';
import type { PendingSection } from '../pending-section.ts';

/** Every expected period without a report, for the indicators `who` may see. */
function missingFor(ctx: Ctx): PeriodStanding[] {
  const today = bogotaToday(ctx.clock);
  return outstandingReports(ctx.db, today);
}

/** The coordinator's view: late reports counted by process, worst first. */
function lateByProcess(missing: PeriodStanding[]): string[] {
  const counts = new Map<string, number>();
  for (const s of missing.filter((m) => m.state === 'atrasado')) {
    const key = `${s.indicator.processCode} · ${s.indicator.processName}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([process, n]) => `⏰ ${process}: ${n} ${n === 1 ? 'reporte atrasado' : 'reportes atrasados'}`);
}

/**
 * «Reportes pendientes» in Mis pendientes: a leader or delegate sees each period of their process's
 * indicators still unreported; the coordinator and Control Interno see late reports per process.
 * Others see nothing.
 */
export const indicatorPending: PendingSection = {
  id: 'reportes',
  build(ctx, pager): Block[] {
    if (seesEverything(ctx.actor)) {
      const missing = missingFor(ctx);
      const late = missing.filter((m) => m.state === 'atrasado').length;
      return [
        pager.list(
          `Reportes de indicadores atrasados por proceso (${late} en total)`,
          lateByProcess(missing),
          10,
          'Ningún proceso tiene reportes atrasados.',
        ),
      ];
    }
    const mine = missingFor(ctx).filter(
      (s) => s.indicator.processId === ctx.actor.processId && canReport(ctx.actor, s.indicator),
    );
    if (mine.length === 0 && !(ctx.actor.role === 'lider' || ctx.actor.role === 'delegado')) return [];
    return [
      pager.list(
        'Reportes pendientes de indicadores',
        mine.map(standingLine),
        10,
        'No tiene reportes de indicadores pendientes.',
      ),
      ...(mine.length > 0 ? [{ kind: 'context' as const, text: 'Para reportar: /reportar indicador' }] : []),
    ];
  },
};
