import { describe, expect, it } from 'vitest';
import { renderText } from '../../../src/adapters/console/render.ts';
import { answerInvitation } from '../../../src/domain/attendance/answers.ts';
import { bogotaInstant } from '../../../src/domain/clock.ts';
import { reminderJob } from '../../../src/scheduler/jobs.ts';
import { listDeliveries } from '../../../src/scheduler/ledger.ts';
import { attendanceReminders, reminderDay } from '../../../src/scheduler/reminders/attendance.ts';
import { Scheduler } from '../../../src/scheduler/scheduler.ts';
import { runUpkeep } from '../../../src/scheduler/upkeep.ts';
import { ANDRES, attendanceApp, DIANA, LAURA } from '../../domain/attendance/helpers.ts';
import { jobDeps, RecordingMessenger } from '../fixtures.ts';

/**
 * The reminder job with only attendance's provider, and the upkeep that delivers invitations, both
 * sending through one recording platform.
 */
function scheduled(t: ReturnType<typeof attendanceApp>) {
  const slack = new RecordingMessenger('slack');
  const deps = jobDeps(t.app.db, t.clock, [slack]);
  const scheduler = new Scheduler(deps, [reminderJob('0 8 * * 1-5', [attendanceReminders])]);
  const runAt = async (date: string, time = '08:00') => {
    t.clock.set(date, time);
    const [job] = scheduler.jobs;
    if (!job) throw new Error('no job');
    return scheduler.run(job, bogotaInstant(date, time), false);
  };
  const upkeep = async (date: string, time: string) => {
    t.clock.set(date, time);
    await runUpkeep(deps);
  };
  return { slack, runAt, upkeep };
}

/** What each person got, as the first line a person reads of each message. */
function headlines(slack: RecordingMessenger, email: string): string[] {
  return slack.to(email).map((m) => renderText(m.reply).split('\n')[0] ?? '');
}

describe('invitations of a session made from the command line', () => {
  it('reach each invitee once when the reminder job and the upkeep both run', async () => {
    const t = attendanceApp();
    t.create();
    const { slack, runAt, upkeep } = scheduled(t);
    // A restart: the catch-up of the reminder job runs first, then the upkeep.
    expect(await runAt('2026-09-08', '08:00')).toEqual([]);
    await upkeep('2026-09-08', '08:00');
    await runAt('2026-09-08', '09:00');
    await upkeep('2026-09-08', '09:05');
    for (const email of [LAURA, ANDRES, DIANA]) {
      expect(headlines(slack, email)).toEqual(['Invitación: Capacitación en indicadores de gestión']);
    }
    expect(renderText(slack.to(LAURA)[0]?.reply ?? { blocks: [] })).toContain(
      '[Confirmo asistencia] → /asistencia confirmar 1',
    );

    // The working day before, each still silent invitee gets one reminder and no new invitation.
    expect(await runAt('2026-09-09', '08:00')).toEqual(['sent', 'sent', 'sent']);
    await upkeep('2026-09-09', '08:05');
    for (const email of [LAURA, ANDRES, DIANA]) {
      expect(headlines(slack, email)).toEqual([
        'Invitación: Capacitación en indicadores de gestión',
        'Recordatorio: Capacitación en indicadores de gestión',
      ]);
    }
  });

  it('gets no reminder the day before when the invitation only reached the person that day', async () => {
    const t = attendanceApp();
    t.create();
    const { slack, runAt, upkeep } = scheduled(t);
    await upkeep('2026-09-09', '07:00');
    expect(await runAt('2026-09-09', '08:00')).toEqual([]);
    expect(slack.sent).toHaveLength(3);
  });

  it('drops, instead of retrying, a failed invitation the reminder job left in the ledger', () => {
    const t = attendanceApp();
    const session = t.create();
    const row = { kind: 'invitacion.sesion', subject: String(session.id), personId: t.person(LAURA).id };
    expect(
      attendanceReminders.stillWanted?.(
        row as Parameters<NonNullable<typeof attendanceReminders.stillWanted>>[0],
        {
          db: t.app.db,
          clock: t.clock,
        },
      ),
    ).toBe('Las invitaciones las entrega el mantenimiento periódico.');
  });
});

describe('the reminder one working day before', () => {
  it('goes to those who have not answered, once, on the working day before', async () => {
    const t = attendanceApp();
    const session = t.create();
    const { slack, runAt, upkeep } = scheduled(t);
    await upkeep('2026-09-07', '10:05');
    answerInvitation(t.app.db, t.clock, t.person(LAURA), session.id, 'confirmado');
    slack.sent.length = 0;

    expect(await runAt('2026-09-08')).not.toContain('sent');
    expect(await runAt('2026-09-09')).toEqual(['sent', 'sent']);
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
    const { slack, runAt, upkeep } = scheduled(t);
    await upkeep('2026-09-07', '10:05');
    slack.sent.length = 0;
    await runAt('2026-10-08');
    expect(slack.sent).toHaveLength(0);
    await runAt('2026-10-09');
    expect(slack.sent).toHaveLength(3);
  });

  it('is dropped before a retry once the person has answered', async () => {
    const t = attendanceApp();
    const session = t.create();
    const { slack, runAt, upkeep } = scheduled(t);
    await upkeep('2026-09-07', '10:05');
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
