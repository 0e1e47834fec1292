import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { people } from '../db/schema/index.ts';
import { type App, createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { SYSTEM } from '../src/domain/audit/log.ts';
import { bogotaInstant, clockAtBogotaDate } from '../src/domain/clock.ts';
import { type Person, peopleWithRole, personByEmail } from '../src/domain/directory/people.ts';
import { silentLogger } from '../src/domain/logger.ts';
import { exportTasks } from '../src/domain/tasks/plan-export.ts';
import { buildDigest } from '../src/scheduler/digest/build.ts';
import { digestReply } from '../src/scheduler/digest/render.ts';
import { previousFire } from '../src/scheduler/fires.ts';
import { reminderJob } from '../src/scheduler/jobs.ts';
import { BENCH_COORDINATOR, BENCH_TODAY, leaderEmail } from './dataset.ts';
import { countStatements, longestBlock, type StatementCount, type Timing, timeIt } from './measure.ts';

/** Time each operation may take to be repeated (BENCH_BUDGET_MS; the harness's tests make it short). */
const BUDGET_MS = Number(process.env.BENCH_BUDGET_MS ?? 1500);

/** The operations of issue 15's table, by key, with their Spanish label. */
export const OPERATIONS = [
  { key: 'digest', label: 'Resumen semanal (resumen)' },
  { key: 'estadoTareas', label: '/estado tareas' },
  { key: 'pendientes', label: '/pendientes (un líder)' },
  { key: 'tareasMias', label: '/tareas mias (un líder)' },
  { key: 'exportTasks', label: 'exportar tareas (json)' },
  { key: 'exportIndicators', label: 'exportar indicadores --formato xlsx' },
  { key: 'reminderPlan', label: 'Planear los recordatorios' },
] as const;

export type OperationKey = (typeof OPERATIONS)[number]['key'];

export interface OperationResult extends Timing {
  key: OperationKey;
}

export interface DataMeasurement {
  label: string;
  tasks: number;
  operations: OperationResult[];
  /** Reminder planning: deliveries planned and the longest stretch it held the event loop. */
  reminders: { deliveries: number; blockMs: number };
  /** `exportar indicadores --formato xlsx` in a child process: its peak memory and a bare child's. */
  xlsxPeak: { peakMiB: number; baselineMiB: number };
}

const SEED_COORDINATOR = 'coordinacion@ejemplo.pasto.gov.co';

/** The bot on a data set: the seed (29 tasks, example directory) when `file` is absent. */
export function benchApp(file?: string): App {
  const db = file ?? join(mkdtempSync(join(tmpdir(), 'mipg-banco-semilla-')), 'mipg.db');
  const config = loadConfig({ MIPG_DB: db, MIPG_LOAD_EXAMPLES: file ? 'false' : 'true' });
  const app = createApp(config, clockAtBogotaDate(BENCH_TODAY));
  // Slash commands over HTTP come from U0COORD: the scale directory gives it to its coordinator, and the
  // example directory's coordinator gets it here (else every request would be from someone unknown).
  if (!file) {
    app.db.update(people).set({ slackId: 'U0COORD' }).where(eq(people.email, SEED_COORDINATOR)).run();
  }
  return app;
}

/** The coordinator and a process leader of the data set (the seed's first leader, or process P001's). */
export function speakersOf(db: Db, scale: boolean): { coordinator: Person; leader: Person } {
  const coordinator = personByEmail(db, scale ? BENCH_COORDINATOR : SEED_COORDINATOR);
  const leader = scale ? personByEmail(db, leaderEmail(0)) : peopleWithRole(db, 'lider')[0];
  if (!coordinator || !leader) throw new Error('faltan la coordinación o un líder en el directorio');
  return { coordinator, leader };
}

function childPeak(file: string, mode: 'xlsx' | 'base'): number {
  const run = spawnSync(
    process.execPath,
    [resolve('bin', 'run-ts.js'), resolve('bench', 'export-peak.ts'), file, mode],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TZ: 'UTC' } },
  );
  const match = /PICO_KIB (\d+)/.exec(run.stdout);
  if (run.status !== 0 || !match) throw new Error(`export-peak.ts ${mode} falló: ${run.stderr}`);
  return Number(match[1]) / 1024;
}

/** Every row of the table on one data set, timed in this process, with the statements each runs. */
export async function measureOperations(app: App, label: string, scale: boolean): Promise<DataMeasurement> {
  const { db, router, services } = app;
  const statements = countStatements(db);
  const { coordinator, leader } = speakersOf(db, scale);
  const say = (person: Person, text: string) => router.handleText({ person, platform: 'slack' }, text);
  const config = services.config;
  const job = reminderJob(config.MIPG_REMINDER_CRON);
  const fireAt = bogotaInstant(BENCH_TODAY, '08:00');
  const deps = {
    db,
    clock: services.clock,
    config,
    messengers: () => [],
    log: silentLogger,
    instance: 'banco',
  };
  const planReminders = () => job.plan(deps, { fireAt, previous: previousFire(job.cron, fireAt, 8) });
  const runs: Record<OperationKey, () => unknown> = {
    digest: () => digestReply(buildDigest(db, BENCH_TODAY)),
    estadoTareas: () => say(coordinator, 'estado tareas'),
    pendientes: () => say(leader, 'pendientes'),
    tareasMias: () => say(leader, 'tareas mias'),
    exportTasks: () => exportTasks(db, services.clock, 'json'),
    exportIndicators: async () => {
      const { indicatorsExporter } = await import('../src/cli/indicators-io.ts');
      const env = {
        config,
        db,
        clock: services.clock,
        author: SYSTEM,
        log: silentLogger,
        out: () => {},
        err: () => {},
        write: () => {},
      };
      return indicatorsExporter.run('xlsx', { positional: [], options: {} }, env);
    },
    reminderPlan: planReminders,
  };
  // A change of the data (a plan's name written as it is): every kept view is worked out again after it.
  const invalidate = () => {
    db.$client.prepare('UPDATE plans SET title = title WHERE id = (SELECT min(id) FROM plans)').run();
  };
  const operations: OperationResult[] = [];
  for (const { key } of OPERATIONS) {
    operations.push({ key, ...(await timeIt(runs[key], statements, invalidate, BUDGET_MS)) });
  }
  const blocked = await longestBlock(planReminders);
  const tasks = (db.$client.prepare('SELECT count(*) AS n FROM tasks').get() as { n: number }).n;
  const xlsxPeak = {
    peakMiB: childPeak(db.$client.name, 'xlsx'),
    baselineMiB: childPeak(db.$client.name, 'base'),
  };
  return {
    label,
    tasks,
    operations,
    reminders: { deliveries: blocked.result.length, blockMs: blocked.blockMs },
    xlsxPeak,
  };
}

export function statementsText(s: StatementCount): string {
  return `${s.prepared}/${s.run}`;
}
