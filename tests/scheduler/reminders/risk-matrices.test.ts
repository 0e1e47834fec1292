import { describe, expect, it } from 'vitest';
import { renderText } from '../../../src/adapters/console/render.ts';
import { loadConfig } from '../../../src/config.ts';
import { addCalendarDays, bogotaDate, bogotaInstant } from '../../../src/domain/clock.ts';
import { silentLogger } from '../../../src/domain/logger.ts';
import { buildDigest } from '../../../src/scheduler/digest/build.ts';
import { riskMatricesSection } from '../../../src/scheduler/digest/sections/risk-matrices.ts';
import { fireTimes } from '../../../src/scheduler/fires.ts';
import { type Job, reminderJob } from '../../../src/scheduler/jobs.ts';
import { MATRIX_REMINDER_KIND, riskMatrixReminders } from '../../../src/scheduler/reminders/risk-matrices.ts';
import { Scheduler } from '../../../src/scheduler/scheduler.ts';
import { COORDINATOR, testApp } from '../../helpers/app.ts';
import { RecordingMessenger } from '../fixtures.ts';

const LEADER = 'lider.gth@ejemplo.pasto.gov.co';
const DELEGATE = 'delegado.gth@ejemplo.pasto.gov.co';
const LEADER_GF = 'lider.gf@ejemplo.pasto.gov.co';

/** The example bot with only the matrix reminders scheduled, on a recording Slack. */
function setup(start = '2026-11-20') {
  const t = testApp(start, '07:00');
  const slack = new RecordingMessenger('slack');
  t.app.messengers.push(slack);
  const deps = {
    db: t.app.db,
    clock: t.clock,
    config: loadConfig({}),
    messengers: () => [slack],
    log: silentLogger,
    instance: 'prueba',
  };
  const scheduler = new Scheduler(deps, [reminderJob('0 8 * * 1-5', [riskMatrixReminders])]);
  const job = scheduler.jobs[0] as Job;
  /** Runs the job at each scheduled time in [from, to]; what `email` got, per Bogotá date. */
  async function runDays(from: string, to: string, email: string): Promise<Record<string, string[]>> {
    const got: Record<string, string[]> = {};
    for (const at of fireTimes(job.cron, bogotaInstant(from), bogotaInstant(addCalendarDays(to, 1)))) {
      t.clock.set(bogotaDate(at), '08:00');
      const before = slack.to(email).length;
      await scheduler.run(job, at, false);
      const texts = slack
        .to(email)
        .slice(before)
        .map((m) => renderText(m.reply));
      if (texts.length > 0) got[bogotaDate(at)] = texts;
    }
    return got;
  }
  return { ...t, slack, runDays };
}

describe('risk matrix reminders as task 4.3 ends (30 Nov 2026)', () => {
  it('go 5 and 1 working days before, on the last day, then weekly while the matrix waits', async () => {
    const { runDays } = setup();
    const got = await runDays('2026-11-20', '2026-12-15', LEADER);
    // 8 December is a holiday: week 50's reminder goes on Monday the 7th, week 51's on the 14th.
    expect(Object.keys(got)).toEqual([
      '2026-11-23',
      '2026-11-27',
      '2026-11-30',
      '2026-12-01',
      '2026-12-07',
      '2026-12-14',
    ]);
    expect(got['2026-11-23']?.[0]).toContain(
      '⏰ Hay que reportar actualizada la matriz de riesgos del proceso *GTH* a más tardar el *lunes 30 de noviembre de 2026* (tarea 4.3): faltan 5 días hábiles.',
    );
    expect(got['2026-11-23']?.[0]).toContain(
      '[Reportar matriz actualizada] → /reportar riesgos GTH <enlace> [nota]',
    );
    expect(got['2026-11-30']?.[0]).toContain('⏰ Hoy es el último día hábil para reportar actualizada');
    expect(got['2026-12-07']?.[0]).toContain(
      '🔴 La matriz de riesgos del proceso *GTH* sigue sin reportarse: el plazo venció el *lunes 30 de noviembre de 2026* (hace 5 días hábiles).',
    );
  });

  it('reach the delegate too, stop once the matrix is reported, and say the observations of a returned one', async () => {
    const { app, clock, slack, runDays, sayText, person } = setup();
    await runDays('2026-11-23', '2026-11-23', LEADER);
    expect(slack.to(DELEGATE)).toHaveLength(1);

    // The leader answers in the reminder's thread with the link: that reports the matrix.
    const ref = slack.to(LEADER)[0]?.ref;
    clock.set('2026-11-24', '09:00');
    await app.router.handleText(
      { person: person(LEADER), platform: 'slack' },
      'https://intranet.pasto.gov.co/riesgos/gth-2026.xlsx',
      ref,
    );
    expect(await sayText(COORDINATOR, '/estado riesgos GTH')).toContain(
      'Matriz de riesgos: Actualizada (por verificar)',
    );
    expect(await runDays('2026-11-24', '2026-11-27', LEADER)).toEqual({});

    await sayText(COORDINATOR, '/verificar riesgos GTH devolver Falta el riesgo fiscal de nómina');
    const got = await runDays('2026-11-30', '2026-11-30', LEADER);
    expect(got['2026-11-30']?.[0]).toContain(
      'Observaciones de la devolución: Falta el riesgo fiscal de nómina',
    );
  });

  it('send each reminder once, whatever the reruns', async () => {
    const { app, runDays } = setup();
    await runDays('2026-11-23', '2026-11-23', LEADER_GF);
    await runDays('2026-11-23', '2026-11-23', LEADER_GF);
    const rows = app.db.$client
      .prepare('SELECT period, status FROM deliveries WHERE kind = ? AND recipient LIKE ?')
      .all(MATRIX_REMINDER_KIND, '%') as { period: string; status: string }[];
    expect(rows.filter((r) => r.period === '2026:GF:2026-11-23')).toHaveLength(2); // leader and delegate
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
  });
});

describe('the digest section «matrices pendientes»', () => {
  it('stays quiet before task 4.3 opens and names the waiting processes once it does', () => {
    const { app } = testApp('2026-07-06');
    const early = buildDigest(app.db, '2026-07-06', [riskMatricesSection]);
    expect(early.parts[0]?.blocks).toEqual([]);
    expect(early.json.riskMatrices).toMatchObject({
      year: 2026,
      deadline: '2026-11-30',
      total: 29,
      verified: 0,
    });

    const open = buildDigest(app.db, '2026-11-16', [riskMatricesSection]);
    expect(open.parts[0]?.blocks[0]).toMatchObject({
      kind: 'list',
      title: 'Matrices de riesgos pendientes (29 de 29) · plazo 30 nov 2026 (tarea 4.3)',
      more: { count: 19 },
    });
    expect(open.due).toBe(false);
    expect(buildDigest(app.db, '2026-11-24', [riskMatricesSection]).due).toBe(true);
  });
});
