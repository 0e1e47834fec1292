import type { Cut, PlanSnapshot } from '../progress/snapshot-types.ts';
import { cutFile, cutPage, cutsPage } from './cut-pages.ts';
import { dataPage } from './data-page.ts';
import { cutJsonText, planJsonText, tasksCsv } from './open-data.ts';
import { activityFile, activityPage, fileCode, indexPage } from './plan-pages.ts';
import { publicCut, publicPlan } from './public-model.ts';
import { STYLESHEET } from './style.ts';

/**
 * The public website of the Plan de Acción (Ley 1712 de 2014): relative path → content. A pure function of
 * the plan today, the stored cuts and the publication instant (ISO, UTC); static HTML with one local
 * stylesheet, no script and nothing loaded from elsewhere, plus the open data in CSV and JSON.
 * Everything is drawn from the public subset (public-model.ts): no e-mail, chat id or person's note.
 */
export function publicSite(
  plan: PlanSnapshot,
  cuts: Cut[],
  publishedAt: string,
): Map<string, string | Buffer> {
  const today = publicPlan(plan);
  const stored = [...cuts]
    .sort((a, b) => a.date.localeCompare(b.date) || a.cut.localeCompare(b.cut))
    .map(publicCut);
  const site = new Map<string, string | Buffer>();
  site.set('estilo.css', STYLESHEET);
  site.set('index.html', indexPage(today, stored, publishedAt));
  for (const activity of today.activities) {
    site.set(activityFile(activity), activityPage(today, activity, publishedAt));
  }
  site.set('cortes.html', cutsPage(today, stored, publishedAt));
  for (const cut of stored) {
    const code = fileCode(cut.code);
    site.set(cutFile(cut.code), cutPage(today, cut, publishedAt));
    site.set(`datos/corte-${code}.csv`, tasksCsv(cut.tasks, `Corte ${cut.code}`));
    site.set(`datos/corte-${code}.json`, cutJsonText(cut, publishedAt));
  }
  site.set('datos.html', dataPage(today, stored, publishedAt));
  site.set('datos/plan.csv', tasksCsv(today.tasks, today.title));
  site.set('datos/plan.json', planJsonText(today, publishedAt));
  return site;
}
