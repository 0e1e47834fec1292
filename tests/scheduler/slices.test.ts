import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { bogotaInstant, fixedClock } from '../../src/domain/clock.ts';
import { silentLogger } from '../../src/domain/logger.ts';
import { reminderJob } from '../../src/scheduler/jobs.ts';
import type { ReminderProvider } from '../../src/scheduler/reminders/index.ts';
import { timeSlicer } from '../../src/scheduler/slices.ts';
import { freshDb } from '../db/helpers.ts';

function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // Holding the event loop, as a plan over thousands of tasks does.
  }
}

/** Whether something queued on the event loop ran while `work` was going on. */
async function letThrough(work: () => Promise<unknown>): Promise<boolean> {
  let ran = false;
  setImmediate(() => {
    ran = true;
  });
  await work();
  return ran;
}

describe('long plans give the event loop back', () => {
  it('a pause within the budget returns at once; past it, what waits on the event loop runs first', async () => {
    const pause = timeSlicer(10_000);
    expect(await letThrough(() => pause())).toBe(false);
    const spent = timeSlicer(5);
    busy(10);
    expect(await letThrough(() => spent())).toBe(true);
  });

  it('the reminder job hands its providers a pause that lets acks and timers through', async () => {
    const slow: ReminderProvider = {
      id: 'lento',
      kinds: ['lento'],
      async plan(run) {
        for (let i = 0; i < 3; i++) {
          busy(25);
          await run.pause();
        }
        return [];
      },
    };
    const job = reminderJob('0 8 * * 1-5', [slow]);
    const deps = {
      db: freshDb(),
      clock: fixedClock('2026-09-07T13:00:00Z'),
      config: loadConfig({}),
      messengers: () => [],
      log: silentLogger,
      instance: 'prueba',
    };
    const ran = await letThrough(() =>
      job.plan(deps, { fireAt: bogotaInstant('2026-09-07', '08:00'), previous: undefined }),
    );
    expect(ran).toBe(true);
  });
});
