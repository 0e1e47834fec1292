import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { eq } from 'drizzle-orm';
import { type Db, openMigratedDatabase } from '../db/client.ts';
import { tasks as taskTable } from '../db/schema/index.ts';
import { audit, personAuthor, SYSTEM } from '../src/domain/audit/log.ts';
import { addCalendarDays, bogotaInstant, type Clock } from '../src/domain/clock.ts';
import { type Person, personByEmail } from '../src/domain/directory/people.ts';
import { importPeopleFile } from '../src/domain/directory/people-import.ts';
import { importProcessesFile } from '../src/domain/directory/processes-import.ts';
import { importCatalog } from '../src/domain/indicators/import.ts';
import { periodBounds, periodsOfYear } from '../src/domain/indicators/periods.ts';
import { recordReport } from '../src/domain/indicators/reports.ts';
import { defaultAcceptableZones } from '../src/domain/risks/method.ts';
import { readRegister } from '../src/domain/risks/register-rows.ts';
import { replaceRegisters } from '../src/domain/risks/register-store.ts';
import { readTable } from '../src/domain/tabular.ts';
import { insertEvidence, recordEvent } from '../src/domain/tasks/actions.ts';
import { importPlanFile } from '../src/domain/tasks/plan-file.ts';
import { plansOfYear, tasksOf } from '../src/domain/tasks/store.ts';

/**
 * The scale data set of issue 15, built through the project's own importers (plan matrices, processes,
 * people, indicator catalog, risk register) and its write paths (a year of indicator reports through
 * `recordReport`; done tasks through the same evidence/event/audit primitives `markDone` uses).
 *
 * Every field a test counts on (dates, done, responsible teams, shared tasks) follows a plain rule on the
 * task's global index `i` (see `taskRule`), so expected counts can be derived by hand; only free text
 * comes from the seeded generator.
 */

/** The Bogotá date the benchmark and its tests look at the data on. */
export const BENCH_TODAY = '2026-09-07';
export const BENCH_YEAR = 2026;
/** The coordinator of the generated directory (Slack id U0COORD). */
export const BENCH_COORDINATOR = 'coordinacion@pasto.gov.co';
/** Team of the coordination; the shared tasks name it. */
export const COORDINATION_TEAM = 'Equipo MIPG';
export const LEADERS_TEAM = 'Líderes de proceso';

export interface DatasetSize {
  tasks: number;
  processes: number;
  people: number;
  indicators: number;
  risks: number;
}

/** The size: the whole Plan de Acción of a large entity. */
export const SCALE: DatasetSize = { tasks: 5000, processes: 100, people: 2000, indicators: 500, risks: 1500 };

/** The scale set's proportions at another number of tasks (tests use 200 or so). */
export function sizeFor(tasks: number): DatasetSize {
  const f = tasks / SCALE.tasks;
  const processes = Math.max(4, Math.round(SCALE.processes * f));
  return {
    tasks,
    processes,
    people: Math.max(processes * 3, Math.round(SCALE.people * f)),
    indicators: Math.max(processes, Math.round(SCALE.indicators * f)),
    risks: Math.max(processes, Math.round(SCALE.risks * f)),
  };
}

/** The plans of the vigencia and their share of the tasks: the PPI holds 60 %, four others 10 % each. */
export const PLAN_SHARES = [
  { code: 'PPI', name: 'Política de Planeación Institucional 2026', share: 0.6 },
  { code: 'PTH', name: 'Plan Estratégico de Talento Humano', share: 0.1 },
  { code: 'PAA', name: 'Plan Anual de Adquisiciones', share: 0.1 },
  { code: 'PETI', name: 'Plan Estratégico de Tecnologías de la Información', share: 0.1 },
  { code: 'PINAR', name: 'Plan Institucional de Archivos', share: 0.1 },
] as const;

/** Tasks per activity (task codes stay within 99.99). */
export const TASKS_PER_ACTIVITY = 50;

export const processCode = (k: number) => `P${String(k + 1).padStart(3, '0')}`;
export const processTeam = (k: number) => `Equipo ${processCode(k)}`;
export const personEmail = (j: number) => `persona${String(j).padStart(4, '0')}@pasto.gov.co`;
/** Person j of the directory: j < P leads process j, P ≤ j < 2P is its delegate, the rest are members of process j % P. */
export const leaderEmail = (k: number) => personEmail(k);

export interface TaskRule {
  /** Index within the whole data set, 0-based. */
  i: number;
  planCode: string;
  code: string;
  /** Month of its end date (1–12); it ends on the 28th and starts on the 1st of that month. */
  month: number;
  start: string;
  end: string;
  /** The processes whose teams QUIÉN names (one, or two for every tenth task). */
  teams: number[];
  /** One part per process, recorded by /cumplida; QUIÉN is the coordination. */
  shared: boolean;
  /** Marked done (with evidence) on `doneOn`. */
  done: boolean;
  doneOn: string | null;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** The rule every generated task follows: the ground truth the hand-checked tests count from. */
export function taskRule(i: number, size: DatasetSize): TaskRule {
  const { planCode, local } = planOf(i, size.tasks);
  const activity = Math.floor(local / TASKS_PER_ACTIVITY) + 1;
  const position = (local % TASKS_PER_ACTIVITY) + 1;
  const month = (i % 12) + 1;
  const start = `${BENCH_YEAR}-${pad2(month)}-01`;
  const end = `${BENCH_YEAR}-${pad2(month)}-28`;
  const shared = i % 100 === 7;
  const k = i % size.processes;
  const teams = shared ? [] : i % 10 === 5 ? [k, (k + 1) % size.processes] : [k];
  // Done only on dates already past: a fifth of the tasks that ended by September, late for half of those.
  const done = !shared && i % 5 === 0 && month <= 9;
  const doneOn = !done ? null : month <= 8 && i % 2 === 0 ? addCalendarDays(end, 5) : end;
  return {
    i,
    planCode,
    code: `${activity}.${position}`,
    month,
    start,
    end,
    teams,
    shared,
    done,
    doneOn: doneOn !== null && doneOn > BENCH_TODAY ? start : doneOn,
  };
}

/** The plan a task index falls in, and its index within that plan. */
export function planOf(i: number, total: number): { planCode: string; local: number } {
  let first = 0;
  for (const [n, plan] of PLAN_SHARES.entries()) {
    const count = n === PLAN_SHARES.length - 1 ? total - first : Math.round(total * plan.share);
    if (i < first + count) return { planCode: plan.code, local: i - first };
    first += count;
  }
  throw new Error(`task ${i} out of range`);
}

/** Mulberry32: the seeded generator of the free text. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VERBS = [
  'Elaborar',
  'Actualizar',
  'Revisar',
  'Socializar',
  'Consolidar',
  'Publicar',
  'Validar',
  'Documentar',
];
const OBJECTS = [
  'el informe de seguimiento',
  'la caracterización de usuarios',
  'el procedimiento interno',
  'el plan de mejoramiento',
  'la matriz de requisitos legales',
  'el inventario documental',
  'el cronograma de capacitación',
  'el tablero de control',
];
const GOALS = [
  'Fortalecer la gestión institucional',
  'Mejorar la atención a la ciudadanía',
  'Asegurar el cumplimiento normativo',
  'Optimizar el uso de los recursos',
];

function pick<T>(rnd: () => number, items: readonly T[]): T {
  return items[Math.floor(rnd() * items.length)] as T;
}

function csv(rows: Record<string, unknown>[]): string {
  return stringify(rows, { header: true });
}

/** The plan matrices of the vigencia, one CSV per plan (the columns `exportar tareas` writes). */
function planFiles(size: DatasetSize, rnd: () => number): Map<string, Record<string, unknown>[]> {
  const files = new Map<string, Record<string, unknown>[]>();
  for (let i = 0; i < size.tasks; i += 1) {
    const rule = taskRule(i, size);
    const activity = Number(rule.code.split('.')[0]);
    const rows = files.get(rule.planCode) ?? [];
    files.set(rule.planCode, rows);
    rows.push({
      CÓDIGO: rule.code,
      ACTIVIDAD: `Actividad ${activity} del ${rule.planCode}: ${(GOALS[activity % GOALS.length] as string).toLowerCase()}`,
      QUÉ: pick(rnd, GOALS),
      CÓMO: `${pick(rnd, VERBS)} ${pick(rnd, OBJECTS)} (${rule.planCode} ${rule.code})`,
      QUIÉN: rule.shared ? COORDINATION_TEAM : rule.teams.map(processTeam).join(' - '),
      INICIO: rule.start,
      FIN: rule.end,
      EVIDENCIAS: '(1) Documento publicado en la intranet',
      META: rule.shared ? 'procesos' : '',
      PARTES: rule.shared ? 'procesos' : 'ninguna',
    });
  }
  return files;
}

const PROCESS_TYPES = ['estratégico', 'misional', 'apoyo', 'evaluación'];

function processRows(size: DatasetSize) {
  return Array.from({ length: size.processes }, (_, k) => ({
    codigo: processCode(k),
    nombre: `Proceso ${processCode(k)} de la Alcaldía`,
    tipo: PROCESS_TYPES[k % PROCESS_TYPES.length],
  }));
}

/** Person j's role: leaders first, then delegates, one auditor, the rest members of a process team. */
export function personRole(j: number, size: DatasetSize): string {
  if (j < size.processes) return 'lider';
  if (j < 2 * size.processes) return 'delegado';
  if (j === 2 * size.processes) return 'auditor';
  return 'integrante';
}

function peopleRows(size: DatasetSize, rnd: () => number) {
  const first = ['Ana', 'Luis', 'María', 'Carlos', 'Diana', 'Jorge', 'Paula', 'Andrés', 'Sofía', 'Camilo'];
  const last = ['Rosero', 'Benavides', 'Muñoz', 'Erazo', 'Guerrero', 'Ortiz', 'Burbano', 'Delgado'];
  const rows = [
    {
      nombre: 'Coordinación MIPG',
      correo: BENCH_COORDINATOR,
      rol: 'coordinador',
      proceso: '',
      equipos: COORDINATION_TEAM,
      slack_id: 'U0COORD',
    },
  ];
  for (let j = 0; j < size.people - 1; j += 1) {
    const k = j % size.processes;
    const role = personRole(j, size);
    const teams = role === 'lider' ? `${processTeam(k)}; ${LEADERS_TEAM}` : processTeam(k);
    rows.push({
      nombre: `${pick(rnd, first)} ${pick(rnd, last)} ${j}`,
      correo: personEmail(j),
      rol: role,
      proceso: role === 'auditor' ? '' : processCode(k),
      equipos: role === 'auditor' ? '' : teams,
      slack_id: `U${String(j).padStart(8, '0')}`,
    });
  }
  return rows;
}

const FREQUENCIES = ['mensual', 'trimestral', 'semestral', 'anual', 'bimestral', 'cuatrimestral'] as const;

export const indicatorCode = (n: number, size: DatasetSize) =>
  `${processCode(n % size.processes)}-${pad2(Math.floor(n / size.processes) + 1)}`;

function indicatorRows(size: DatasetSize) {
  return Array.from({ length: size.indicators }, (_, n) => ({
    codigo: indicatorCode(n, size),
    proceso: processCode(n % size.processes),
    nombre: `Cumplimiento de metas ${n + 1}`,
    objetivo: 'Medir el avance de las metas del proceso',
    tipo: 'eficacia',
    formula: '(Metas cumplidas / Metas programadas) × 100',
    numerador: 'Metas cumplidas',
    denominador: 'Metas programadas',
    unidad: 'porcentaje',
    sentido: 'creciente',
    frecuencia: FREQUENCIES[n % FREQUENCIES.length],
    linea_base: 80,
    meta: 95,
    rango_critico: 70,
    rango_satisfactorio: 90,
    dias_para_reportar: 10,
    responsable: `Líder del proceso ${processCode(n % size.processes)}`,
  }));
}

const IMPACTS = ['leve', 'menor', 'moderado', 'mayor', 'catastrofico'];
const RISK_TYPES = ['gestion', 'corrupcion', 'seguridad_digital', 'fiscal'];

function riskRows(size: DatasetSize) {
  return Array.from({ length: size.risks }, (_, r) => {
    const k = r % size.processes;
    const type = RISK_TYPES[r % RISK_TYPES.length] as string;
    const corruption = type === 'corrupcion';
    return {
      codigo: `R-${processCode(k)}-${pad2(Math.floor(r / size.processes) + 1)}`,
      proceso: processCode(k),
      tipo: type,
      riesgo: `Riesgo ${r + 1} del proceso ${processCode(k)}`,
      causa: 'Controles manuales sin seguimiento',
      consecuencia: 'Reprocesos y hallazgos de los entes de control',
      frecuencia_anual: [1, 2, 12, 24, 365, 1200][r % 6],
      impacto_economico: corruption ? '' : IMPACTS[r % IMPACTS.length],
      impacto_reputacional: corruption ? 'catastrofico' : IMPACTS[(r + 2) % IMPACTS.length],
      controles: 'preventivo/manual: revisión por un segundo funcionario',
      tratamiento: 'reducir',
      responsable: `Líder del proceso ${processCode(k)}`,
    };
  });
}

/** A clock the loader moves through the year, so each write carries the date it would have had. */
class MovingClock implements Clock {
  private at = bogotaInstant('2025-08-01', '09:00');
  now(): Date {
    return new Date(this.at.getTime());
  }
  set(date: string, time = '09:00'): void {
    this.at = bogotaInstant(date, time);
  }
}

/** The periods of an indicator's frequency that ended in the year before BENCH_TODAY's month. */
export function reportPeriods(frequency: (typeof FREQUENCIES)[number]): string[] {
  return [BENCH_YEAR - 1, BENCH_YEAR]
    .flatMap((year) => periodsOfYear(frequency, year))
    .map((p) => p.code)
    .filter((code) => {
      const { end } = periodBounds(code);
      return end >= `${BENCH_YEAR - 1}-09-01` && end < `${BENCH_YEAR}-09-01`;
    });
}

/** Whether period number `p` of indicator `n` is left unreported (about one in nine). */
export const reportSkipped = (n: number, p: number) => (n + p) % 9 === 0;

/** A year of indicator values, reported by each process's leader through `recordReport`. */
function loadReports(db: Db, clock: MovingClock, size: DatasetSize): number {
  const leaders = new Map<number, Person>();
  let count = 0;
  const jobs: { date: string; n: number; period: string; p: number }[] = [];
  for (let n = 0; n < size.indicators; n += 1) {
    const frequency = FREQUENCIES[n % FREQUENCIES.length] as (typeof FREQUENCIES)[number];
    for (const [p, period] of reportPeriods(frequency).entries()) {
      if (reportSkipped(n, p)) continue;
      jobs.push({ date: addCalendarDays(periodBounds(period).end, 3 + (n % 9)), n, period, p });
    }
  }
  jobs.sort((a, b) => a.date.localeCompare(b.date));
  for (const { date, n, period, p } of jobs) {
    const k = n % size.processes;
    let leader = leaders.get(k);
    if (!leader) {
      leader = personByEmail(db, leaderEmail(k));
      if (!leader) throw new Error(`falta el líder del proceso ${processCode(k)}`);
      leaders.set(k, leader);
    }
    clock.set(date);
    const numerator = 60 + ((n * 7 + p * 13) % 41);
    recordReport(db, clock, leader, {
      code: indicatorCode(n, size),
      period,
      measure: { numerator, denominator: 100 },
      analysis: 'Se revisaron las causas con el equipo del proceso y se ajustó el plan de trabajo.',
      evidence: `https://intranet.pasto.gov.co/indicadores/${indicatorCode(n, size)}-${period}.xlsx`,
    });
    count += 1;
  }
  return count;
}

/** Marks the rule's done tasks done, as `markDone` does (evidence, event, audit), one transaction per day. */
function markDoneTasks(db: Db, clock: MovingClock, size: DatasetSize): number {
  const coordinator = personByEmail(db, BENCH_COORDINATOR);
  if (!coordinator) throw new Error('falta la coordinación');
  const views = new Map(
    plansOfYear(db, BENCH_YEAR).flatMap((plan) =>
      tasksOf(db, plan.id, BENCH_TODAY).map((t) => [`${t.planCode}|${t.code}`, t] as const),
    ),
  );
  const byDay = new Map<string, TaskRule[]>();
  for (let i = 0; i < size.tasks; i += 1) {
    const rule = taskRule(i, size);
    if (!rule.doneOn) continue;
    byDay.set(rule.doneOn, [...(byDay.get(rule.doneOn) ?? []), rule]);
  }
  let count = 0;
  for (const day of [...byDay.keys()].sort()) {
    clock.set(day, '15:00');
    db.transaction((tx) => {
      for (const rule of byDay.get(day) ?? []) {
        const task = views.get(`${rule.planCode}|${rule.code}`);
        if (!task) throw new Error(`falta la tarea ${rule.planCode} ${rule.code}`);
        const url = `https://intranet.pasto.gov.co/evidencias/${rule.planCode}-${rule.code}.pdf`;
        insertEvidence(tx, clock, coordinator, task, url, undefined);
        const doneAt = clock.now().toISOString();
        tx.update(taskTable).set({ doneAt, doneBy: coordinator.id }).where(eq(taskTable.id, task.id)).run();
        recordEvent(tx, { taskId: task.id, kind: 'cumplida', at: doneAt, personId: coordinator.id });
        audit(tx, clock, personAuthor(coordinator), {
          action: 'tarea.cumplida',
          entity: 'tarea',
          entityId: task.label,
          before: { doneAt: null },
          after: { doneAt, doneBy: coordinator.email },
        });
        count += 1;
      }
    });
  }
  return count;
}

export interface BuiltDataset {
  /** The SQLite file (WAL), in a fresh temporary folder. */
  file: string;
  db: Db;
  size: DatasetSize;
  /** Milliseconds each step took, and the total. */
  steps: { name: string; ms: number }[];
  totalMs: number;
  counts: { reports: number; done: number };
}

/**
 * Builds the data set into a new SQLite file: processes, people (with teams), the plans of the vigencia
 * (one CSV each, through `importPlanFile`), the indicator catalog, the risk register, a year of reports
 * and the done tasks. Deterministic for a given size and seed.
 */
export async function buildDataset(size: DatasetSize = SCALE, seed = 15): Promise<BuiltDataset> {
  const dir = mkdtempSync(join(tmpdir(), 'mipg-escala-'));
  const file = join(dir, 'mipg.db');
  const db = openMigratedDatabase(file);
  const rnd = random(seed);
  const clock = new MovingClock();
  const steps: { name: string; ms: number }[] = [];
  const started = performance.now();
  const step = async <T>(name: string, run: () => T | Promise<T>): Promise<T> => {
    const at = performance.now();
    const result = await run();
    steps.push({ name, ms: performance.now() - at });
    return result;
  };
  const write = (name: string, rows: Record<string, unknown>[]) => {
    const path = join(dir, name);
    writeFileSync(path, csv(rows));
    return path;
  };

  await step('procesos', () =>
    importProcessesFile(db, clock, SYSTEM, write('procesos.csv', processRows(size))),
  );
  await step('personas', () =>
    importPeopleFile(db, clock, SYSTEM, write('personas.csv', peopleRows(size, rnd))),
  );
  await step('planes', async () => {
    for (const [code, rows] of planFiles(size, rnd)) {
      const plan = PLAN_SHARES.find((p) => p.code === code);
      await importPlanFile(db, clock, SYSTEM, write(`plan-${code}.csv`, rows), {
        year: BENCH_YEAR,
        code,
        ...(code === 'PPI' ? {} : { name: plan?.name }),
      });
    }
  });
  await step('indicadores', async () => {
    clock.set(`${BENCH_YEAR - 1}-09-01`);
    const table = await readTable(write('indicadores.csv', indicatorRows(size)));
    importCatalog(db, clock, SYSTEM, table);
  });
  await step('riesgos', async () => {
    clock.set(`${BENCH_YEAR}-02-01`);
    const table = await readTable(write('riesgos.csv', riskRows(size)));
    const drafts = readRegister(db, table, BENCH_YEAR, {
      method: 'v7',
      acceptableZones: defaultAcceptableZones,
    });
    replaceRegisters(db, clock, SYSTEM, BENCH_YEAR, drafts);
  });
  const reports = await step('reportes', () => loadReports(db, clock, size));
  const done = await step('tareas cumplidas', () => markDoneTasks(db, clock, size));
  return { file, db, size, steps, totalMs: performance.now() - started, counts: { reports, done } };
}
