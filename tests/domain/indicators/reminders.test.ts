import { eq, notInArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../../db/client.ts';
import { indicators, processes } from '../../../db/schema/index.ts';
import { renderText } from '../../../src/adapters/console/render.ts';
import { addCalendarDays, bogotaDate, bogotaInstant } from '../../../src/domain/clock.ts';
import { currentPlan, tasksOf } from '../../../src/domain/tasks/store.ts';
import { indicatorReportsSection } from '../../../src/scheduler/digest/sections/indicator-reports.ts';
import { fireTimes } from '../../../src/scheduler/fires.ts';
import { reminderJob } from '../../../src/scheduler/jobs.ts';
import { indicatorReminders } from '../../../src/scheduler/reminders/indicators.ts';
import { Scheduler } from '../../../src/scheduler/scheduler.ts';
import { testApp } from '../../helpers/app.ts';
import { jobDeps, RecordingMessenger } from '../../scheduler/fixtures.ts';
import { catalogLoadedOn } from './catalog-date.ts';

const LEADER = 'lider.gth@ejemplo.pasto.gov.co';
const DELEGATE = 'delegado.gth@ejemplo.pasto.gov.co';
const LINK = 'https://intranet.pasto.gov.co/indicadores/gth-01.xlsx';

/** Retires every indicator outside the process: the catalog then holds that process's sheets only. */
function keepOnlyIndicatorsOf(db: Db, processCode: string): void {
  const ofProcess = db.select({ id: processes.id }).from(processes).where(eq(processes.code, processCode));
  db.update(indicators).set({ active: false }).where(notInArray(indicators.processId, ofProcess)).run();
}

/**
 * The example bot with GTH-01's first two quarters reported, and a reminder job sending to a fake Slack.
 * The whole catalog owes reports since January; with `onlyGth`, the other 28 processes' indicators are
 * retired: the reminder tests look at GTH-01 (beside GTH-02 and GTH-03, owed by the same people), and
 * the others' ~60 deliveries a morning made a month of mornings take seconds.
 */
async function setup({ onlyGth }: { onlyGth: boolean }) {
  const t = testApp('2026-09-28', '07:00');
  catalogLoadedOn(t.app.db);
  if (onlyGth) keepOnlyIndicatorsOf(t.app.db, 'GTH');
  await t.say(LEADER, `/reportar indicador GTH-01 2026-T1 46/50 ${LINK}`);
  await t.say(LEADER, `/reportar indicador GTH-01 2026-T2 46/50 ${LINK}`);
  const slack = new RecordingMessenger('slack');
  const scheduler = new Scheduler(jobDeps(t.app.db, t.clock, [slack]), [
    reminderJob('0 8 * * 1-5', [indicatorReminders]),
  ]);
  /** Runs the job each working morning from `from` to `to`; GTH-01 reminders per day for `who`. */
  const runDays = async (from: string, to: string, who = LEADER) => {
    const got: Record<string, string[]> = {};
    const job = scheduler.jobs[0];
    if (!job) throw new Error('no job');
    for (const at of fireTimes(job.cron, bogotaInstant(from), bogotaInstant(addCalendarDays(to, 1)))) {
      t.clock.set(bogotaDate(at), '08:00');
      const before = slack.to(who).length;
      await scheduler.run(job, at, false);
      const texts = slack
        .to(who)
        .slice(before)
        .map((m) => renderText(m.reply))
        .filter((text) => text.includes('*GTH-01*'));
      if (texts.length > 0) got[bogotaDate(at)] = texts;
    }
    return got;
  };
  return { ...t, slack, runDays };
}

describe('indicator reminders', () => {
  it('go 5 and 1 working days before the due date, on it, then weekly while the report is missing', async () => {
    const { runDays } = await setup({ onlyGth: true });
    // 2026-T3 is due 15 October: 10 working days after 30 September, skipping Monday 12 October (holiday).
    const got = await runDays('2026-09-28', '2026-10-27');
    expect(Object.keys(got)).toEqual([
      '2026-10-07',
      '2026-10-14',
      '2026-10-15',
      '2026-10-16',
      '2026-10-19',
      '2026-10-26',
    ]);
    expect(got['2026-10-07']?.[0]).toContain(
      'el reporte de *GTH-01* para 3.er trimestre de 2026 vence el 15 oct 2026.',
    );
    expect(got['2026-10-16']?.[0]).toContain(
      'el reporte de *GTH-01* para 3.er trimestre de 2026 venció el 15 oct 2026 y aún no se ha recibido.',
    );
    expect(got['2026-10-07']?.[0]).toContain(
      '[Reportar ahora] → /reportar indicador GTH-01 2026-T3 <num>/<den>|<valor> <enlace> [análisis]',
    );
  });

  it('reach the delegates too, and stop once a reply in the reminder’s thread reports the period', async () => {
    const { app, slack, runDays, person } = await setup({ onlyGth: true });
    const first = await runDays('2026-10-07', '2026-10-07', DELEGATE);
    expect(first['2026-10-07']).toHaveLength(1);
    const reminder = slack.to(LEADER).find((m) => renderText(m.reply).includes('*GTH-01*'));
    if (!reminder) throw new Error('no reminder');
    // The leader's message of the day gathers several reports: the answer starts with the indicator's code.
    const answer = await app.router.handleText(
      { person: person(LEADER), platform: 'slack' },
      `GTH-01 47/50 ${LINK}`,
      reminder.ref,
    );
    expect(renderText(answer)).toContain(
      '🟢 Reporte de *GTH-01* para 2026-T3 (3.er trimestre de 2026) registrado.',
    );
    expect(await runDays('2026-10-08', '2026-10-27')).toEqual({});
  });
});

describe('the digest’s «reportes pendientes» section', () => {
  it('counts late reports and those due this week per process', async () => {
    const { app } = await setup({ onlyGth: false });
    const plan = currentPlan(app.db, 2026);
    if (!plan) throw new Error('no plan');
    const date = '2026-10-12';
    const part = indicatorReportsSection.build({
      db: app.db,
      date,
      weekEnd: addCalendarDays(date, 6),
      plan,
      plans: [plan],
      tasks: tasksOf(app.db, plan.id, date),
    });
    expect(part.due).toBe(true);
    const text = renderText({ blocks: part.blocks });
    expect(text).toMatch(/Reportes pendientes de indicadores \(\d+ atrasados, \d+ vencen esta semana\):/);
    // GTH-03 January to September and GTH-02 2026-S1 are late; GTH-01 2026-T3 is due on the 15th.
    expect(text).toContain(
      'GTH · Gestión del Talento Humano (ejemplo): ⏰ 10 atrasados · ⏳ 1 vence esta semana',
    );
    const json = part.json.pendingReports as { dueThisWeek: { indicator: string; period: string }[] };
    expect(json.dueThisWeek).toContainEqual({
      indicator: 'GTH-01',
      process: 'GTH',
      period: '2026-T3',
      dueDate: '2026-10-15',
    });
  });
});
