import { outstandingReports } from '../../../domain/indicators/schedule.ts';
import { pendingReportsBlocks } from '../../../views/indicators.ts';
import type { DigestSection } from '../section.ts';

/** «Reportes pendientes»: indicator reports late on D or due by D + 6, counted per process. */
export const indicatorReportsSection: DigestSection = {
  id: 'reportes-pendientes',
  build({ db, date, weekEnd }) {
    const missing = outstandingReports(db, date);
    const late = missing.filter((s) => s.state === 'atrasado');
    const dueSoon = missing.filter((s) => s.state === 'pendiente' && s.dueDate <= weekEnd);
    const item = (s: (typeof missing)[number]) => ({
      indicator: s.indicator.code,
      process: s.indicator.processCode,
      period: s.period,
      dueDate: s.dueDate,
    });
    return {
      json: { pendingReports: { late: late.map(item), dueThisWeek: dueSoon.map(item) } },
      blocks: pendingReportsBlocks(late, dueSoon),
      due: late.length > 0 || dueSoon.length > 0,
    };
  },
};
