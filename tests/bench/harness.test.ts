import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** `npm run bench -- --json` on a tiny data set: the harness runs end to end and its last line is the summary. */
describe('the benchmark harness', () => {
  it('runs on 200 tasks and prints one JSON object with the figures as its last line', () => {
    const run = spawnSync(process.execPath, ['bin/run-ts.js', 'bench/run.ts', '--json'], {
      encoding: 'utf8',
      env: {
        ...process.env,
        BENCH_TASKS: '200',
        BENCH_REQUESTS: '20',
        BENCH_REQUESTS_SCALE: '10',
        BENCH_REMINDERS: '20',
        BENCH_STARTUP_RUNS: '0',
        BENCH_BUDGET_MS: '20',
      },
    });
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    const summary = JSON.parse(lines.at(-1) ?? '') as Record<string, unknown>;
    for (const key of [
      'slashVsBareBolt',
      'ackP99Ms',
      'ackP99MsBusy',
      'digest5kMs',
      'pendientes5kMs',
      'estadoTareas5kMs',
      'reminderPlan5kMs',
      'peakMiB',
    ]) {
      expect(summary[key], key).toEqual(expect.any(Number));
      expect(summary[key] as number, key).toBeGreaterThan(0);
    }
    expect(summary.tasks).toEqual({ seed: 29, scale: 200 });
    // The readable table comes first, in Spanish.
    expect(run.stdout).toContain('Resumen semanal (resumen)');
    expect(run.stdout).toContain('Relación'.toLowerCase());
  }, 60_000);
});
