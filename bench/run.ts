import { cpus, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { personByEmail } from '../src/domain/directory/people.ts';
import { buildDataset, personEmail, SCALE, sizeFor } from './dataset.ts';
import {
  benchApp,
  type DataMeasurement,
  measureOperations,
  OPERATIONS,
  type OperationKey,
} from './operations.ts';
import { benchBusy, benchFanOut, benchSlash, type LoadResult, startRig } from './slack.ts';
import { benchStartup } from './startup.ts';

/**
 * `npm run bench`: start-up; the scale data set (issue 15) built through the importers; every operation of
 * the issue's table on the seed (29 tasks) and on the scale data, in this process, with its SQL statements;
 * slash commands over HTTP against an ack-only Bolt app in production mode, at 1 and 10 concurrent, on both
 * data sets; ack p99 while a reminder round runs against a rate-limiting fake Slack. Every figure is printed
 * beside its baseline from the same run. `--json` adds one JSON object as the last line. Not part of `npm test`.
 */
const number = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const TASKS = number('BENCH_TASKS', SCALE.tasks);
const SEED_REQUESTS = number('BENCH_REQUESTS', 5000);
const SCALE_REQUESTS = number('BENCH_REQUESTS_SCALE', 5000);
const REMINDERS = number('BENCH_REMINDERS', 1000);
const STARTUP_RUNS = number('BENCH_STARTUP_RUNS', 7);
const args = process.argv.slice(3);
const only = args.find((a) => a === 'arranque');
const json = args.includes('--json');

/** The scheduler's send outcomes, as the table says them. */
const OUTCOME_WORDS: Record<string, string> = {
  sent: 'enviados',
  failed: 'fallidos',
  taken: 'tomados por otro proceso',
  skipped: 'omitidos',
};

const fmt = (n: number, digits = 1) =>
  n.toLocaleString('es-CO', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ms = (n: number) => fmt(n, n < 10 ? 1 : 0);
const ratio = (a: number, b: number) => `${fmt(a / Math.max(b, 1e-9), a / b < 10 ? 2 : 0)}×`;

const cpu = cpus()[0]?.model ?? 'CPU desconocida';
console.log(
  `Banco de pruebas · Node ${process.version} · ${cpus().length} núcleos (${cpu}) · ` +
    `${fmt(totalmem() / 2 ** 30, 0)} GiB de memoria`,
);
console.log(`Carga del equipo al empezar (1 min): ${fmt(loadavg()[0] ?? 0, 2)}\n`);

/** Section 0 (skipped with BENCH_STARTUP_RUNS=0, as the harness's own tests do). */
function measureStartup() {
  console.log(
    `0) Arranque: node bin/mipg.js chat "/ayuda" frente a node -e 0, mediana de ${STARTUP_RUNS} de cada uno.`,
  );
  const bin = process.env.BENCH_MIPG_BIN ? resolve(process.env.BENCH_MIPG_BIN) : undefined;
  if (bin) console.log(`   Orden medida: ${bin}`);
  const startup = benchStartup(STARTUP_RUNS, bin);
  console.log(
    `   mipg: ${fmt(startup.mipgMs, 0)} ms · node -e 0: ${fmt(startup.nodeMs, 0)} ms · ` +
      `relación ${fmt(startup.ratio, 1)}× · memoria pico de mipg: ${fmt(startup.peakMiB, 0)} MiB\n`,
  );
  return startup;
}

const startup = STARTUP_RUNS > 0 ? measureStartup() : null;
if (only === 'arranque') process.exit(0);

const size = TASKS === SCALE.tasks ? SCALE : sizeFor(TASKS);
console.log(
  `1) Datos a escala, cargados con los importadores del proyecto: ${fmt(size.tasks, 0)} tareas en 5 planes, ` +
    `${size.processes} procesos, ${fmt(size.people, 0)} personas, ${size.indicators} indicadores con un año de ` +
    `reportes, ${fmt(size.risks, 0)} riesgos.`,
);
const built = await buildDataset(size);
console.log(
  `   ${built.steps.map((s) => `${s.name} ${fmt(s.ms / 1000, 1)} s`).join(' · ')}\n` +
    `   Total: ${fmt(built.totalMs / 1000, 1)} s (${fmt(built.counts.reports, 0)} reportes de indicadores, ` +
    `${fmt(built.counts.done, 0)} tareas cumplidas) en ${built.file}\n`,
);
built.db.$client.close();

console.log('2) Cada operación en este proceso: datos de ejemplo (29 tareas) frente a los datos a escala.');
console.log(
  '   «Tras un cambio»: justo después de escribir en los datos (las vistas guardadas se calculan de nuevo);',
);
console.log(
  '   «sin cambios»: repetida sin que cambie nada. Medianas de varias corridas; sentencias SQL de una',
);
console.log('   corrida tras un cambio: compiladas/ejecutadas.\n');
const seedApp = benchApp();
const seed = await measureOperations(seedApp, 'semilla', false);
const scaleApp = benchApp(built.file);
const scale = await measureOperations(scaleApp, 'escala', true);
const byKey = (m: DataMeasurement, key: OperationKey) => {
  const found = m.operations.find((o) => o.key === key);
  if (!found) throw new Error(`falta ${key}`);
  return found;
};
const scaleLabel = `${fmt(scale.tasks, 0)} tareas`;
console.log(
  `   ${'Operación'.padEnd(38)} ${`${seed.tasks} tareas`.padStart(19)} ${scaleLabel.padStart(19)} ` +
    `${'relación'.padStart(9)} ${'sentencias'.padStart(20)}`,
);
console.log(`   ${''.padEnd(38)} ${'tras cambio / sin'.padStart(19)} ${'tras cambio / sin'.padStart(19)}`);
for (const { key, label } of OPERATIONS) {
  const a = byKey(seed, key);
  const b = byKey(scale, key);
  const statements = `${a.statements.prepared}/${a.statements.run} → ${b.statements.prepared}/${b.statements.run}`;
  console.log(
    `   ${label.padEnd(38)} ${`${ms(a.coldMs)} / ${ms(a.ms)} ms`.padStart(19)} ` +
      `${`${ms(b.coldMs)} / ${ms(b.ms)} ms`.padStart(19)} ${ratio(b.coldMs, a.coldMs).padStart(9)} ` +
      `${statements.padStart(20)}`,
  );
}
console.log(
  `\n   Recordatorios planeados: ${fmt(seed.reminders.deliveries, 0)} → ${fmt(scale.reminders.deliveries, 0)}; ` +
    `el plan retuvo el ciclo de eventos hasta ${ms(seed.reminders.blockMs)} → ${ms(scale.reminders.blockMs)} ms seguidos.`,
);
console.log(
  `   Memoria pico de «exportar indicadores --formato xlsx» (proceso aparte): ` +
    `${fmt(seed.xlsxPeak.peakMiB, 0)} → ${fmt(scale.xlsxPeak.peakMiB, 0)} MiB; ` +
    `el mismo proceso sin exportar: ${fmt(scale.xlsxPeak.baselineMiB, 0)} MiB ` +
    `(${ratio(scale.xlsxPeak.peakMiB, scale.xlsxPeak.baselineMiB)}).\n`,
);

console.log('3) /estado tareas por HTTP frente a una app de Bolt que solo responde ack, ambas en modo de');
console.log(
  '   producción (processBeforeResponse: false): la respuesta HTTP es el ack. El caudal del bot cuenta',
);
console.log(
  '   hasta que llega cada respuesta (en el mismo ack, o en su response_url). El bot y Bolt se turnan',
);
console.log('   en 5 rondas largas, para que un cambio de carga del equipo caiga sobre los dos.\n');
interface SlashRow {
  data: string;
  concurrency: number;
  mipg: LoadResult;
  bare: LoadResult;
}
const slashRows: SlashRow[] = [];
for (const [data, app, total] of [
  ['ejemplo', seedApp, SEED_REQUESTS],
  ['escala', scaleApp, SCALE_REQUESTS],
] as const) {
  const rig = await startRig(app);
  for (const concurrency of [1, 10]) {
    const { mipg, bare } = await benchSlash(
      rig,
      total,
      concurrency,
      '/estado',
      'tareas',
      Math.min(20, total),
    );
    slashRows.push({ data, concurrency, mipg, bare });
  }
  await rig.stop();
}
console.log(
  `   ${'Datos'.padEnd(8)} ${'a la vez'.padStart(8)} ${'solic.'.padStart(7)} ${'bot/s'.padStart(8)} ${'Bolt/s'.padStart(8)} ` +
    `${'caudal'.padStart(7)} ${'ack p50'.padStart(9)} ${'ack p99'.padStart(9)} ${'Bolt p99'.padStart(9)} ${'p99'.padStart(8)}`,
);
for (const r of slashRows) {
  console.log(
    `   ${r.data.padEnd(8)} ${String(r.concurrency).padStart(8)} ${String(r.mipg.requests).padStart(7)} ` +
      `${fmt(r.mipg.perSecond, 0).padStart(8)} ${fmt(r.bare.perSecond, 0).padStart(8)} ` +
      `${fmt(r.mipg.perSecond / r.bare.perSecond, 2).padStart(7)} ${`${ms(r.mipg.p50)}`.padStart(9)} ` +
      `${`${ms(r.mipg.p99)}`.padStart(9)} ${`${ms(r.bare.p99)}`.padStart(9)} ${ratio(r.mipg.p99, r.bare.p99).padStart(8)}` +
      `${r.mipg.failures ? `  (${r.mipg.failures} fallidas)` : ''}`,
  );
}
console.log('   (ms; «caudal» es bot/Bolt, «p99» es ack p99 del bot sobre el de Bolt.)\n');

const recipients = Array.from({ length: Math.min(REMINDERS, size.people - 1) }, (_, j) => {
  const person = personByEmail(scaleApp.db, personEmail(j));
  if (!person) throw new Error(`falta ${personEmail(j)}`);
  return person;
});
console.log(
  `4) Ronda de ${fmt(recipients.length, 0)} recordatorios por el camino del programador (registro de envíos, uno`,
);
console.log(
  '   tras otro, cliente de producción) contra una API que responde 429 a una de cada 100 llamadas,',
);
console.log('   mientras llegan /ayuda de 10 en 10 (datos a escala); antes, /ayuda sin la ronda.\n');
const busy = await benchBusy(scaleApp, recipients, 10);
console.log(
  `   /ayuda sin ronda: ack p50 ${ms(busy.idle.p50)} ms, p99 ${ms(busy.idle.p99)} ms · durante la ronda ` +
    `(${fmt(busy.busy.requests, 0)} órdenes): p50 ${ms(busy.busy.p50)} ms, p99 ${ms(busy.busy.p99)} ms ` +
    `(${ratio(busy.busy.p99, busy.idle.p99)})`,
);
console.log(
  `   Ronda: ${fmt(busy.round.seconds, 1)} s · ${Object.entries(busy.round.outcomes)
    .map(([k, v]) => `${fmt(v, 0)} ${OUTCOME_WORDS[k] ?? k}`)
    .join(
      ', ',
    )} · ${busy.round.rateLimited} respuestas 429 · ciclo de eventos retenido hasta ${ms(busy.blockMs)} ms\n`,
);

console.log(
  `5) Como la primera versión del banco: resumen y ${fmt(REMINDERS, 0)} recordatorios enviados todos a la vez`,
);
console.log('   (datos de ejemplo), 429 a una de cada 100 llamadas.\n');
const fan = await benchFanOut(REMINDERS, 100, 1);
console.log(
  `   Tiempo total: ${fmt(fan.seconds, 2)} s · mensajes entregados: ${fan.delivered} de ${REMINDERS + 1} · ` +
    `429 atendidas: ${fan.rateLimited} · envíos fallidos: ${fan.failed} · frente a la ronda del punto 4: ` +
    `${ratio(busy.round.seconds, fan.seconds)}\n`,
);
seedApp.db.$client.close();
scaleApp.db.$client.close();

const seed10 = slashRows.find((r) => r.data === 'ejemplo' && r.concurrency === 10);
const scale10 = slashRows.find((r) => r.data === 'escala' && r.concurrency === 10);
// The figures right after a change of the data: the slower, honest case.
const at = (key: OperationKey) => byKey(scale, key).coldMs;
const summary = {
  machine: { cores: cpus().length, cpu, node: process.version, load: loadavg()[0] ?? 0 },
  tasks: { seed: seed.tasks, scale: scale.tasks },
  datasetBuildMs: built.totalMs,
  slashVsBareBolt: seed10 ? seed10.mipg.perSecond / seed10.bare.perSecond : null,
  slashVsBareBolt5k: scale10 ? scale10.mipg.perSecond / scale10.bare.perSecond : null,
  ackP99Ms: scale10?.mipg.p99 ?? null,
  ackP99MsBare: scale10?.bare.p99 ?? null,
  ackP99MsBusy: busy.busy.p99,
  ackP99MsIdle: busy.idle.p99,
  digest5kMs: at('digest'),
  pendientes5kMs: at('pendientes'),
  estadoTareas5kMs: at('estadoTareas'),
  tareasMias5kMs: at('tareasMias'),
  exportTasks5kMs: at('exportTasks'),
  exportIndicators5kMs: at('exportIndicators'),
  reminderPlan5kMs: at('reminderPlan'),
  reminderPlanBlockMs: scale.reminders.blockMs,
  reminderDeliveries5k: scale.reminders.deliveries,
  peakMiB: scale.xlsxPeak.peakMiB,
  peakMiBBaseline: scale.xlsxPeak.baselineMiB,
  startup: startup && { mipgMs: startup.mipgMs, nodeMs: startup.nodeMs },
  operations: Object.fromEntries(
    OPERATIONS.map(({ key }) => [
      key,
      {
        seedMs: byKey(seed, key).coldMs,
        scaleMs: byKey(scale, key).coldMs,
        seedMsUnchanged: byKey(seed, key).ms,
        scaleMsUnchanged: byKey(scale, key).ms,
        seedStatements: byKey(seed, key).statements,
        scaleStatements: byKey(scale, key).statements,
      },
    ]),
  ),
  slash: slashRows,
  busy,
  fanOutAllAtOnce: fan,
};
if (json) console.log(JSON.stringify(summary));
