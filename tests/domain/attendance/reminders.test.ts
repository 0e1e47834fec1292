import { describe, expect, it } from 'vitest';
import { renderText } from '../../../src/adapters/console/render.ts';
import { answerInvitation } from '../../../src/domain/attendance/answers.ts';
import { attendanceReminders, reminderDay } from '../../../src/domain/attendance/reminders.ts';
import { bogotaInstant } from '../../../src/domain/clock.ts';
import { reminderJob } from '../../../src/scheduler/jobs.ts';
import { listDeliveries } from '../../../src/scheduler/ledger.ts';
import { Scheduler } from '../../../src/scheduler/scheduler.ts';
import { jobDeps, RecordingMessenger } from '../../scheduler/fixtures.ts';
import { ANDRES, attendanceApp, DIANA, LAURA } from './helpers.ts';

/** The reminder job with only attendance's provider, sending through a recording platform. */
function scheduled(t: ReturnType<typeof attendanceApp>) {
  const slack = new RecordingMessenger('slack');
  const scheduler = new Scheduler(jobDeps(t.app.db, t.clock, [slack]), [
    reminderJob('0 8 * * 1-5', [attendanceReminders]),
  ]);
  const runAt = async (date: string, time = '08:00') => {
    t.clock.set(date, time);
    const [job] = scheduler.jobs;
    if (!job) throw new Error('no job');
    return scheduler.run(job, bogotaInstant(date, time), false);
  };
  return { slack, runAt };
}

describe('invitations the scheduler sends', () => {
  it('delivers once the invitations of a session made from the command line', async () => {
    const t = attendanceApp();
    t.create();
    const { slack, runAt } = scheduled(t);
    expect(await runAt('2026-09-07', '10:05')).toEqual(['sent', 'sent', 'sent']);
    expect(slack.sent.map((m) => m.to).sort()).toEqual([ANDRES, DIANA, LAURA].sort());
    expect(renderText(slack.to(LAURA)[0]?.reply ?? { blocks: [] })).toContain(
      '[Confirmo asistencia] → /asistencia confirmar 1',
    );
    expect(await runAt('2026-09-08')).toEqual(['taken', 'taken', 'taken']);
    expect(slack.sent).toHaveLength(3);
  });
});

describe('the reminder one working day before', () => {
  it('goes to those who have not answered, once, on the working day before', async () => {
    const t = attendanceApp();
    const session = t.create();
    const { slack, runAt } = scheduled(t);
    await runAt('2026-09-07', '10:05');
    answerInvitation(t.app.db, t.clock, t.person(LAURA), session.id, 'confirmado');
    slack.sent.length = 0;

    expect(await runAt('2026-09-08')).not.toContain('sent');
    expect(await runAt('2026-09-09')).toEqual(['taken', 'taken', 'taken', 'sent', 'sent']);
    expect(slack.sent.map((m) => m.to).sort()).toEqual([ANDRES, DIANA].sort());
    expect(renderText(slack.to(ANDRES)[0]?.reply ?? { blocks: [] })).toContain(
      'Recordatorio: Capacitación en indicadores de gestión\n\nRecordatorio: aún no ha respondido la invitación a *Capacitación en indicadores de gestión*.',
    );

    await runAt('2026-09-09', '15:00');
    await runAt('2026-09-10', '08:00');
    expect(slack.sent).toHaveLength(2);
    const reminders = listDeliveries(t.app.db).filter((d) => d.kind === 'recordatorio.sesion');
    expect(reminders.map((d) => [d.recipient, d.status]).sort()).toEqual(
      [
        [`persona:${t.person(ANDRES).id}@slack`, 'sent'],
        [`persona:${t.person(DIANA).id}@slack`, 'sent'],
      ].sort(),
    );
  });

  it('skips holidays: a Tuesday after a Monday holiday is reminded on Friday', async () => {
    const t = attendanceApp();
    const session = t.create({ start: '2026-10-13 09:00', end: '2026-10-13 10:00' });
    expect(reminderDay(session)).toBe('2026-10-09');
    const { slack, runAt } = scheduled(t);
    await runAt('2026-09-07', '10:05');
    slack.sent.length = 0;
    await runAt('2026-10-08');
    expect(slack.sent).toHaveLength(0);
    await runAt('2026-10-09');
    expect(slack.sent).toHaveLength(3);
  });

  it('is dropped before a retry once the person has answered', async () => {
    const t = attendanceApp();
    const session = t.create();
    const { slack, runAt } = scheduled(t);
    await runAt('2026-09-07', '10:05');
    slack.failNext = 1;
    await runAt('2026-09-09');
    const failed = listDeliveries(t.app.db, 'failed')[0];
    if (!failed) throw new Error('expected a failed reminder');
    const person = failed.personId ?? -1;
    const email = [LAURA, ANDRES, DIANA].find((e) => t.person(e).id === person) ?? LAURA;
    answerInvitation(t.app.db, t.clock, t.person(email), session.id, 'declinado');
    expect(attendanceReminders.stillWanted?.(failed, { db: t.app.db, clock: t.clock })).toBe(
      'La persona ya respondió la invitación.',
    );
  });
});
