import { beforeEach, describe, expect, it } from 'vitest';
import { type Db, openMigratedDatabase } from '../../../db/client.ts';
import { deliveries } from '../../../db/schema/index.ts';
import { renderText } from '../../../src/adapters/console/render.ts';
import { bogotaInstant } from '../../../src/domain/clock.ts';
import { buildDigest } from '../../../src/scheduler/digest/build.ts';
import { digestReply } from '../../../src/scheduler/digest/render.ts';
import { digestSections } from '../../../src/scheduler/digest/sections/index.ts';
import { digestJob } from '../../../src/scheduler/jobs.ts';
import { Scheduler } from '../../../src/scheduler/scheduler.ts';
import {
  jobDeps,
  ManualClock,
  RecordingMessenger,
  seedDirectory,
  seedPlan,
  testConfig,
} from '../fixtures.ts';

// Digest date D = Monday 2026-09-07. Both plans have a 1.1 overdue and a task due this week.
const PTH = { code: 'PTH', title: 'Plan Estratégico de Talento Humano' };

const refs = (list: unknown) => (list as { plan: string; code: string }[]).map((t) => `${t.plan} ${t.code}`);

describe('the weekly digest with several plans', () => {
  let db: Db;
  beforeEach(() => {
    db = openMigratedDatabase(':memory:');
    seedDirectory(db);
    seedPlan(db, [
      { code: '1.1', start: '2026-08-01', end: '2026-09-04' },
      { code: '2.1', start: '2026-08-01', end: '2026-09-09' },
    ]);
    seedPlan(
      db,
      [
        { code: '1.1', title: 'Aplicar la encuesta de clima', start: '2026-08-01', end: '2026-09-01' },
        { code: '1.2', title: 'Actualizar el manual de funciones', start: '2026-08-01', end: '2026-09-10' },
        { code: '2.1', start: '2026-01-10', end: '2026-02-10', done: true },
      ],
      2026,
      PTH,
    );
  });

  it('groups each list by plan (its heading, then its activities) and shapes tasks with their plan', () => {
    const digest = buildDigest(db, '2026-09-07');
    expect(refs(digest.json.overdue)).toEqual(['PPI 1.1', 'PTH 1.1']);
    expect(refs(digest.json.dueThisWeek)).toEqual(['PPI 2.1', 'PTH 1.2']);
    const text = renderText(digestReply(digest));
    expect(text).toContain('Resumen semanal · Plan 2026');
    const overdue = text.slice(text.indexOf('Vencidas'), text.indexOf('Vencen esta semana'));
    expect(overdue.indexOf('📁 *PPI* · Plan 2026')).toBeGreaterThan(-1);
    expect(overdue.indexOf('📁 *PTH* · Plan Estratégico de Talento Humano')).toBeGreaterThan(
      overdue.indexOf('📁 *PPI* · Plan 2026'),
    );
    expect(overdue).toContain('*PTH 1.1* Aplicar la encuesta de clima');
    expect(digest.json.plans).toEqual([
      { code: 'PPI', title: 'Plan 2026', inProgress: 1, done: 0, total: 2, percentDone: 0 },
      { code: 'PTH', title: PTH.title, inProgress: 1, done: 1, total: 3, percentDone: 33 },
    ]);
    expect(text).toContain('Avance por plan');
  });

  it('a plan’s own digest has only its tasks and progress, titled by the plan', () => {
    const digest = buildDigest(db, '2026-09-07', digestSections, { plan: 'PTH' });
    expect(digest.parts.map((p) => p.id)).toEqual(['tareas', 'avance']);
    expect(refs(digest.json.overdue)).toEqual(['PTH 1.1']);
    const text = renderText(digestReply(digest));
    expect(text).toContain('Resumen semanal · PTH 2026 · Plan Estratégico de Talento Humano');
    expect(text).not.toContain('📁');
    expect(text).not.toContain('PPI');
    expect(() => buildDigest(db, '2026-09-07', digestSections, { plan: 'PIC' })).toThrow(
      'No hay un plan PIC en la vigencia 2026.',
    );
  });

  it('posts the digest of a plan in the channel MIPG_DIGEST_CANALES gives it, once, on the platform of that channel', async () => {
    const clock = new ManualClock(bogotaInstant('2026-09-07', '08:00'));
    const slack = new RecordingMessenger('slack');
    const teams = new RecordingMessenger('teams');
    const log: string[] = [];
    const deps = {
      ...jobDeps(db, clock, [slack, teams], log),
      config: testConfig({ MIPG_DIGEST_CANALES: 'pth=C0PTH123, PIC=C0PIC456' }),
    };
    const scheduler = new Scheduler(deps, [digestJob('0 8 * * 1')]);
    await scheduler.run(scheduler.jobs[0] as never, clock.now(), false);
    await scheduler.run(scheduler.jobs[0] as never, clock.now(), false);
    expect(slack.sent.map((m) => m.to)).toEqual(['canal', 'canal:C0PTH123']);
    expect(teams.sent.map((m) => m.to)).toEqual(['canal']);
    const own = renderText(slack.to('canal:C0PTH123')[0]?.reply ?? { blocks: [] });
    expect(own).toContain('Resumen semanal · PTH 2026');
    expect(own).not.toContain('PPI 1.1');
    expect(
      db
        .select()
        .from(deliveries)
        .all()
        .map((r) => [r.recipient, r.status]),
    ).toEqual([
      ['canal@slack', 'sent'],
      ['canal@teams', 'sent'],
      ['canal:C0PTH123@slack', 'sent'],
    ]);
    expect(log).toContain(
      'MIPG_DIGEST_CANALES nombra el plan PIC, que no está vigente: no se le envía resumen.',
    );
  });

  it('refuses a malformed MIPG_DIGEST_CANALES', () => {
    expect(() => testConfig({ MIPG_DIGEST_CANALES: 'PTH' })).toThrow(
      /MIPG_DIGEST_CANALES: debe ser una lista plan=canal separada por comas/,
    );
  });
});
